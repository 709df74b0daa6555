import DroverKit
import Foundation

/// What every command can reach: its arguments, the console, the
/// configuration and the migrations, each loaded when first asked for.
struct CommandContext {
    let arguments: ParsedArguments
    let environment: [String: String]
    let console: Console
    let registered: [RegisteredMigration]
    /// Whether a run may take over SIGINT and SIGTERM (the real command
    /// line, not tests running it in-process).
    let handlesSignals: Bool

    var isJSON: Bool { arguments.value("format") == "json" }

    func migrationSet() throws(CommandFailure) -> MigrationSet {
        do {
            return try MigrationSet(registered)
        } catch {
            throw .invalidMigrations(error.problems)
        }
    }

    func configuration() throws(CommandFailure) -> DroverConfiguration {
        let path = arguments.value("config") ?? environment["DROVER_CONFIG"] ?? "tenants.yaml"
        do {
            return try DroverConfiguration.load(path: path, environment: environment)
        } catch let error as ConfigurationError {
            throw .configuration(error.message)
        } catch {
            throw .configuration("\(path): \(error)")
        }
    }

    func engine() throws(CommandFailure) -> MigrationEngine {
        let migrations = try migrationSet()
        let configuration = try configuration()
        if migrations.objectNames.contains(configuration.revisionTable) {
            throw .configuration("revision_table '\(configuration.revisionTable)' is also the name"
                + " of a table, index or type the migrations create; choose another name")
        }
        return MigrationEngine(configuration: configuration, migrations: migrations)
    }

    /// Says which `include` entries of tenants.yaml name no existing schema:
    /// a typo there would otherwise leave a tenant out without a word.
    func warnAboutMissingIncludes(_ configuration: DroverConfiguration, found: [String]) {
        let present = Set(found)
        for name in configuration.tenants.include where !present.contains(name)
            && !configuration.tenants.exclude.contains(name) {
            console.error("warning: tenants.include lists '\(name)', but no such schema exists")
        }
    }

    /// Tenants named with `--tenant`; empty means all.
    var tenantNames: [String] { arguments.all("tenant") }

    func jobs() throws(CommandFailure) -> Int? {
        guard let text = arguments.value("jobs") else { return nil }
        guard let jobs = Int(text), (1...64).contains(jobs) else {
            throw .usage("--jobs must be a number from 1 to 64, not '\(text)'")
        }
        return jobs
    }
}

/// Why a command stopped, and the exit status that says so.
enum CommandFailure: Error {
    case usage(String)
    case configuration(String)
    case invalidMigrations([String])
    /// The command could not do its work (database unreachable, ...).
    case runtime(String)

    var exitStatus: ExitStatus {
        switch self {
        case .usage, .configuration, .invalidMigrations: .usage
        case .runtime: .failure
        }
    }

    var lines: [String] {
        switch self {
        case .usage(let message): [message]
        case .configuration(let message): [message]
        case .invalidMigrations(let problems): problems.map { "invalid migrations: \($0)" }
        case .runtime(let message): [message]
        }
    }

    init(_ error: EngineError) {
        switch error {
        case .usage(let usage): self = .usage(usage.message)
        case .database(let database): self = .runtime(database.description)
        }
    }
}
