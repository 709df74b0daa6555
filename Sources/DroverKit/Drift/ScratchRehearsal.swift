import Foundation

/// `drover check --scratch`: runs the whole chain on a schema of its own,
/// up, down and up again, and drops the schema afterwards.
///
/// On the way up, the live schema is compared with the model after every
/// migration; differences that raw SQL brings are noted and accepted, as
/// the model cannot know them. On the way down, the live schema must be
/// exactly what it was before that migration went up, so a downgrade that
/// leaves something behind is named.
struct ScratchRehearsal {
    let engine: MigrationEngine

    private struct Context {
        let connection: Connection
        let schema: String
    }

    func run() throws(EngineError) -> [CheckResult] {
        let schema = "drover_check_" + String(UInt64.random(in: 0..<UInt64.max), radix: 36)
        let connection: Connection
        do {
            connection = try engine.connect(forMigrations: true)
            // Locked before it exists, so no other check takes it for abandoned.
            try connection.execute("SELECT pg_advisory_lock(\(Self.lockKey(schema)))")
            try connection.execute("CREATE SCHEMA \(SQLIdentifier.quote(schema))")
        } catch {
            throw .database(error)
        }
        defer {
            _ = try? connection.execute(
                "DROP SCHEMA IF EXISTS \(SQLIdentifier.quote(schema)) CASCADE")
        }
        let removed = removeAbandonedSchemas(connection, keeping: schema)
        var results = rehearse(Context(connection: connection, schema: schema))
        if !removed.isEmpty {
            results.insert(CheckResult(
                group: "scratch", name: "abandoned scratch schemas", status: .passed,
                message: "dropped, left by interrupted checks: " + removed.joined(separator: ", ")),
                at: 0)
        }
        return results
    }

    /// Each rehearsal holds an advisory lock on its schema for as long as it
    /// runs; a scratch schema whose lock is free was left by a check that
    /// was killed, and goes.
    private func removeAbandonedSchemas(_ connection: Connection, keeping own: String) -> [String] {
        let key = Self.lockKey
        let others = (try? connection.query("""
            SELECT nspname FROM pg_catalog.pg_namespace
            WHERE nspname LIKE 'drover\\_check\\_%' AND nspname <> $1 ORDER BY 1
            """, [own]).rows.compactMap { $0[0] }) ?? []
        var removed: [String] = []
        for other in others {
            let free = (try? connection.execute("SELECT pg_try_advisory_lock(\(key(other)))"))?
                .rows.first?[0] == "t"
            guard free else { continue }
            if (try? connection.execute(
                "DROP SCHEMA IF EXISTS \(SQLIdentifier.quote(other)) CASCADE")) != nil {
                removed.append(other)
            }
            _ = try? connection.execute("SELECT pg_advisory_unlock(\(key(other)))")
        }
        return removed
    }

    private func rehearse(_ context: Context) -> [CheckResult] {
        var results: [CheckResult] = []
        var snapshots: [String: SchemaModel] = [:]  // before each migration went up
        var accepted = Set<SchemaDifference>()       // what raw SQL brought
        var live = SchemaModel()
        let chain = engine.migrations.migrations

        for migration in chain {
            snapshots[migration.revision] = live
            let name = "upgrade to \(migration.revision)"
            if let failure = move(.up, context, name: name) { return results + [failure] }
            guard let read = read(context, name: name, into: &results) else { return results }
            live = read
            let new = SchemaComparison.differences(
                expected: engine.migrations.model(at: migration.revision), found: live)
                .filter { !accepted.contains($0) }
            if new.isEmpty {
                results.append(passed(name))
            } else if migration.containsRawSQL {
                accepted.formUnion(new)
                results.append(CheckResult(group: "scratch", name: name, status: .passed,
                                           message: "raw SQL made objects outside the model: "
                                               + list(new)))
            } else {
                return results + [CheckResult(
                    group: "scratch", name: name, status: .drift,
                    message: "the schema differs from the model at \(migration.revision): "
                        + list(new))]
            }
        }

        for migration in chain.reversed() {
            let name = "downgrade \(migration.revision)"
            guard migration.isReversible else {
                return results + [CheckResult(
                    group: "scratch", name: name, status: .passed,
                    message: "irreversible (\(migration.irreversibleReason ?? "")):"
                        + " downgrades stop here")]
            }
            if let failure = move(.down, context, name: name) { return results + [failure] }
            guard let read = read(context, name: name, into: &results) else { return results }
            live = read
            let before = snapshots[migration.revision] ?? SchemaModel()
            let left = SchemaComparison.differences(expected: before, found: live)
            if !left.isEmpty {
                return results + [CheckResult(
                    group: "scratch", name: name, status: .drift,
                    message: "the downgrade does not give back the schema it started from: "
                        + list(left))]
            }
            results.append(passed(name))
        }

        results.append(leftovers(context))
        if results.last?.passed == false { return results }
        let again = "upgrade base to head again"
        results.append(move(.up, context, name: again, target: .head) ?? passed(again))
        return results
    }

    /// Runs one step (or up to `target`); returns a failure, or `nil`.
    private func move(_ direction: Direction, _ context: Context, name: String,
                      target: RevisionTarget? = nil) -> CheckResult? {
        let migrator = TenantMigrator(
            connection: context.connection, migrations: engine.migrations,
            revisionTableName: engine.configuration.revisionTable,
            target: target ?? .relative(direction == .up ? 1 : -1), direction: direction,
            isDryRun: false)
        switch migrator.run(schema: context.schema) {
        case .failed(let failure):
            return CheckResult(group: "scratch", name: name, status: .failure,
                               message: failure.description)
        case .drifted(let findings):
            return CheckResult(group: "scratch", name: name, status: .failure,
                               message: findings.map(\.description).joined(separator: "; "))
        default:
            return nil
        }
    }

    private func read(_ context: Context, name: String,
                      into results: inout [CheckResult]) -> SchemaModel? {
        do {
            return try LiveSchemaReader(connection: context.connection)
                .read([context.schema], revisionTable: engine.configuration.revisionTable)[context.schema]
                ?? SchemaModel()
        } catch {
            results.append(CheckResult(group: "scratch", name: name, status: .failure,
                                       message: error.description))
            return nil
        }
    }

    /// At base nothing may be left: no relation (the revision table
    /// included), no type and no function (raw SQL can make one that the
    /// model does not know, so only this catalog look sees it).
    private func leftovers(_ context: Context) -> CheckResult {
        let name = "nothing left at base"
        do {
            let rows = try context.connection.query("""
                SELECT c.relname FROM pg_catalog.pg_class c
                JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = $1
                UNION ALL
                SELECT t.typname FROM pg_catalog.pg_type t
                JOIN pg_catalog.pg_namespace n ON n.oid = t.typnamespace
                WHERE n.nspname = $1 AND t.typtype IN ('e', 'd')
                UNION ALL
                SELECT p.proname || '(' || pg_catalog.pg_get_function_identity_arguments(p.oid) || ')'
                FROM pg_catalog.pg_proc p
                JOIN pg_catalog.pg_namespace n ON n.oid = p.pronamespace WHERE n.nspname = $1
                ORDER BY 1
                """, [context.schema]).rows.compactMap { $0[0] }
            if rows.isEmpty { return passed(name) }
            return CheckResult(group: "scratch", name: name, status: .drift,
                               message: "left behind after downgrading to base: "
                                + rows.joined(separator: ", "))
        } catch {
            return CheckResult(group: "scratch", name: name, status: .failure,
                               message: error.description)
        }
    }

    private static func lockKey(_ schema: String) -> String {
        "hashtext('drover-check'), hashtext(\(SQLLiteral.quote(schema)))"
    }

    private func passed(_ name: String) -> CheckResult {
        CheckResult(group: "scratch", name: name, status: .passed, message: nil)
    }

    private func list(_ differences: [SchemaDifference]) -> String {
        differences.map(\.description).joined(separator: "; ")
    }
}
