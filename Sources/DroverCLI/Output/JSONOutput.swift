import DroverKit
import Foundation

/// Machine-readable output: one JSON document on standard output.
enum JSONOutput {
    static func write<Value: Encodable>(_ value: Value, to console: Console) {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        let data = (try? encoder.encode(value)) ?? Data("{}".utf8)
        console.line(String(decoding: data, as: UTF8.self))
    }

    struct Run: Encodable {
        let command: String
        let target: String
        let exitStatus: Int32
        let milliseconds: Int
        let summary: Summary
        let tenants: [Tenant]

        enum CodingKeys: String, CodingKey {
            case command, target, summary, tenants, milliseconds
            case exitStatus = "exit_status"
        }
    }

    /// What `--format json` prints when a command cannot run at all.
    struct Failure: Encodable {
        let error: String
        let exitStatus: Int32
        enum CodingKeys: String, CodingKey {
            case error
            case exitStatus = "exit_status"
        }
    }

    struct Summary: Encodable {
        let migrated, stamped, current, planned, drifted, failed, interrupted, skipped: Int
    }

    struct Tenant: Encodable {
        let tenant: String
        let result: String
        var from: String?
        var to: String?
        var migrations: Int?
        var milliseconds: Int
        var error: String?
        var sqlState: String?
        var revision: String?
        var findings: [String]?
        var steps: [Step]?

        enum CodingKeys: String, CodingKey {
            case tenant, result, from, to, migrations, milliseconds, error, revision
            case findings, steps
            case sqlState = "sqlstate"
        }
    }

    struct Step: Encodable {
        let revision: String
        let direction: String
        let summary: String
        let sql: String?
    }

    static func run(_ report: RunReport, command: String, target: String,
                    exitStatus: ExitStatus? = nil) -> Run {
        Run(command: command, target: target,
            exitStatus: (exitStatus ?? report.exitStatus).rawValue,
            milliseconds: report.milliseconds,
            summary: Summary(migrated: report.migrated, stamped: report.stamped,
                             current: report.current,
                             planned: report.planned, drifted: report.drifted,
                             failed: report.failed, interrupted: report.interrupted,
                             skipped: report.skipped),
            tenants: report.outcomes.map(tenant))
    }

    static func tenant(_ outcome: TenantOutcome) -> Tenant {
        var tenant = Tenant(tenant: outcome.schema, result: "",
                            milliseconds: outcome.milliseconds)
        switch outcome.result {
        case .migrated(let from, let to, let count):
            tenant = with(tenant, "migrated") {
                $0.from = from; $0.to = to; $0.migrations = count
            }
        case .current(let revision):
            tenant = with(tenant, "current") { $0.to = revision }
        case .stamped(let from, let to):
            tenant = with(tenant, "stamped") { $0.from = from; $0.to = to }
        case .planned(let from, let to, let steps):
            tenant = with(tenant, "planned") {
                $0.from = from; $0.to = to; $0.migrations = steps.count
                $0.steps = steps.map {
                    Step(revision: $0.revision, direction: $0.direction.rawValue,
                         summary: $0.summary, sql: $0.sql)
                }
            }
        case .drifted(let findings):
            tenant = with(tenant, "drifted") {
                $0.findings = findings.map(\.description)
            }
        case .failed(let failure):
            tenant = with(tenant, "failed") {
                $0.error = failure.message; $0.revision = failure.revision
                $0.sqlState = failure.error?.sqlState
            }
        case .busy:
            tenant = with(tenant, "busy") { $0.error = "another drover run holds the lock" }
        case .interrupted(let from, let at, let count):
            tenant = with(tenant, "interrupted") { $0.from = from; $0.to = at; $0.migrations = count }
        case .skipped:
            tenant = with(tenant, "skipped") { _ in }
        }
        return tenant
    }

    private static func with(_ tenant: Tenant, _ result: String,
                             _ change: (inout Tenant) -> Void) -> Tenant {
        var copy = Tenant(tenant: tenant.tenant, result: result,
                          milliseconds: tenant.milliseconds)
        change(&copy)
        return copy
    }
}
