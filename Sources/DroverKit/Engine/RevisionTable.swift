/// The SQL for one tenant's revision table: `"tenant_acme"."drover_revisions"`.
struct RevisionTable {
    let schema: String
    let name: String

    var qualifiedName: String { SQLIdentifier.qualified(schema, name) }

    var create: String {
        """
        CREATE TABLE IF NOT EXISTS \(qualifiedName) (
            revision text PRIMARY KEY,
            parent text,
            summary text NOT NULL,
            checksum text NOT NULL,
            applied_at timestamptz NOT NULL DEFAULT clock_timestamp(),
            execution_ms integer NOT NULL
        )
        """
    }

    var drop: String { "DROP TABLE \(qualifiedName)" }

    var selectRevisions: String {
        "SELECT revision, checksum, applied_at::text, execution_ms FROM \(qualifiedName)"
    }

    /// Records `migration`; without `milliseconds` the server measures the
    /// time since the statement batch began.
    func insert(_ migration: CompiledMigration, milliseconds: Int? = nil) -> String {
        let elapsed = milliseconds.map(String.init)
            ?? "(extract(epoch FROM clock_timestamp() - statement_timestamp()) * 1000)::integer"
        return "INSERT INTO \(qualifiedName)"
            + " (revision, parent, summary, checksum, execution_ms) VALUES ("
            + [migration.revision, migration.parent, migration.summary, migration.checksum]
                .map { $0.map(SQLLiteral.quote) ?? "NULL" }.joined(separator: ", ")
            + ", \(elapsed))"
    }

    func delete(_ revision: String) -> String {
        "DELETE FROM \(qualifiedName) WHERE revision = \(SQLLiteral.quote(revision))"
    }

    /// Session-level advisory lock on this tenant, shared by every Drover
    /// process that migrates the same database.
    var lock: String {
        "SELECT pg_advisory_lock(hashtext('drover'), hashtext(\(SQLLiteral.quote(schema))))"
    }

    var unlock: String {
        "SELECT pg_advisory_unlock(hashtext('drover'), hashtext(\(SQLLiteral.quote(schema))))"
    }
}
