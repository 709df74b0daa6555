/// The SQL a run would send to one schema, written out without a database
/// (for a DBA to review or run by hand): each migration in its transaction
/// with its revision-table statement, as `upgrade` and `downgrade` send it.
public struct OfflineScript {
    public let migrations: MigrationSet
    public let revisionTable: String

    public init(migrations: MigrationSet, revisionTable: String) {
        self.migrations = migrations
        self.revisionTable = revisionTable
    }

    /// The script taking `schema` from `from` (`nil` = base) to `to`.
    public func script(schema: String, from: String?, to: String?) throws(UsageError) -> String {
        for revision in [from, to].compactMap({ $0 }) where migrations.position(of: revision) == nil {
            throw UsageError("unknown revision '\(revision)'; `drover history` lists them")
        }
        let start = migrations.depth(of: from)
        let end = migrations.depth(of: to)
        let direction: Direction = end >= start ? .up : .down
        let steps = MigrationPath.steps(from: start, to: end, direction: direction, in: migrations)
        if let stuck = steps.first(where: { direction == .down && !$0.isReversible }) {
            throw UsageError("revision '\(stuck.revision)' is irreversible:"
                + " \(stuck.irreversibleReason ?? "no downgrade")")
        }
        let table = RevisionTable(schema: schema, name: revisionTable)
        var text = "-- \(schema): \(from ?? "base") -> \(to ?? "base")"
            + " (\(steps.count) migration\(steps.count == 1 ? "" : "s"))\n"
            + "-- Apply with `psql -v ON_ERROR_STOP=1 -f FILE`: without it, psql goes on after"
            + " a failed migration and applies the ones after it.\n"
        if direction == .up && !steps.isEmpty {
            if start == 0 { text += "CREATE SCHEMA IF NOT EXISTS \(SQLIdentifier.quote(schema));\n" }
            text += table.create + ";\n"
        }
        for migration in steps {
            text += "\n-- \(direction.rawValue) \(migration.revision): \(migration.summary)\n"
            text += Self.step(migration, direction: direction, table: table)
        }
        if direction == .down && end == 0 && !steps.isEmpty { text += table.drop + ";\n" }
        return text
    }

    /// One migration as it is sent: in its transaction (or, for a
    /// non-transactional one, statement by statement) with its record.
    static func step(_ migration: CompiledMigration, direction: Direction,
                     table: RevisionTable) -> String {
        let schema = SQLIdentifier.quote(table.schema)
        let template = (direction == .up ? migration.upgrade : migration.downgrade)
            ?? SQLTemplate(statements: [])
        let record = direction == .up
            ? table.insert(migration, milliseconds: 0) : table.delete(migration.revision)
        if migration.isTransactional {
            return "BEGIN;\nSET LOCAL search_path TO \(schema);\n"
                + template.script(forSchema: table.schema) + record + ";\nCOMMIT;\n"
        }
        return "SET search_path TO \(schema);\n" + template.script(forSchema: table.schema)
            + record + ";\nRESET search_path;\n"
    }
}
