import Foundation

/// `drover check --scratch`: runs the whole chain on a schema of its own,
/// up, down and up again, comparing the live schema with the model at
/// every revision, and drops the schema afterwards.
struct ScratchRehearsal {
    let engine: MigrationEngine

    func run() throws(EngineError) -> [CheckResult] {
        let connection: Connection
        let schema = "drover_check_" + String(UInt64.random(in: 0..<UInt64.max), radix: 36)
        do {
            connection = try engine.connect()
            try connection.execute("CREATE SCHEMA \(SQLIdentifier.quote(schema))")
        } catch {
            throw .database(error)
        }
        defer {
            _ = try? connection.execute("DROP SCHEMA IF EXISTS \(SQLIdentifier.quote(schema)) CASCADE")
        }
        var results: [CheckResult] = []
        let chain = engine.migrations.migrations
        // Up, one migration at a time.
        for migration in chain {
            let result = step(.up, on: connection, schema: schema,
                              name: "upgrade to \(migration.revision)",
                              expected: migration.revision)
            results.append(result)
            if !result.passed { return results }
        }
        // Down again, one at a time, to an empty schema.
        for migration in chain.reversed() {
            guard migration.isReversible else {
                results.append(CheckResult(
                    group: "scratch", name: "downgrade \(migration.revision)", status: .passed,
                    message: "irreversible (\(migration.irreversibleReason ?? "")): downgrades stop here"))
                break
            }
            let result = step(.down, on: connection, schema: schema,
                              name: "downgrade \(migration.revision)", expected: migration.parent)
            results.append(result)
            if !result.passed { return results }
        }
        if chain.allSatisfy(\.isReversible) {
            results.append(leftovers(on: connection, schema: schema))
            if results.last?.passed == false { return results }
            results.append(step(.up, on: connection, schema: schema, name: "upgrade base to head again",
                                expected: engine.migrations.head, target: .head))
        }
        return results
    }

    private func step(_ direction: Direction, on connection: Connection, schema: String,
                      name: String, expected revision: String?,
                      target: RevisionTarget? = nil) -> CheckResult {
        let migrator = TenantMigrator(
            connection: connection, migrations: engine.migrations,
            revisionTableName: engine.configuration.revisionTable,
            target: target ?? .relative(direction == .up ? 1 : -1), direction: direction,
            isDryRun: false)
        switch migrator.run(schema: schema) {
        case .failed(let failure):
            return CheckResult(group: "scratch", name: name, status: .failure,
                               message: failure.description)
        case .drifted(let findings):
            return CheckResult(group: "scratch", name: name, status: .failure,
                               message: findings.map(\.description).joined(separator: "; "))
        default:
            break
        }
        let live: SchemaModel
        do {
            live = try LiveSchemaReader(connection: connection)
                .read([schema], revisionTable: engine.configuration.revisionTable)[schema]
                ?? SchemaModel()
        } catch {
            return CheckResult(group: "scratch", name: name, status: .failure,
                               message: error.description)
        }
        let differences = SchemaComparison.differences(
            expected: engine.migrations.model(at: revision), found: live)
        if differences.isEmpty {
            return CheckResult(group: "scratch", name: name, status: .passed, message: nil)
        }
        return CheckResult(
            group: "scratch", name: name, status: .drift,
            message: "the schema after this step differs from the model at"
                + " \(revision ?? "base"): "
                + differences.map(\.description).joined(separator: "; "))
    }

    /// At base nothing may be left: no table, no type, not the revision table.
    private func leftovers(on connection: Connection, schema: String) -> CheckResult {
        let name = "nothing left at base"
        do {
            let rows = try connection.query("""
                SELECT c.relname FROM pg_catalog.pg_class c
                JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = $1
                UNION ALL
                SELECT t.typname FROM pg_catalog.pg_type t
                JOIN pg_catalog.pg_namespace n ON n.oid = t.typnamespace
                WHERE n.nspname = $1 AND t.typtype = 'e'
                ORDER BY 1
                """, [schema]).rows.compactMap { $0[0] }
            if rows.isEmpty {
                return CheckResult(group: "scratch", name: name, status: .passed, message: nil)
            }
            return CheckResult(group: "scratch", name: name, status: .drift,
                               message: "left behind after downgrading to base: "
                                + rows.joined(separator: ", "))
        } catch {
            return CheckResult(group: "scratch", name: name, status: .failure,
                               message: error.description)
        }
    }
}
