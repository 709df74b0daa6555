/// Reads what every tenant holds in a few queries for all of them: which
/// schemas are tenants, their revision rows, and objects that pending
/// migrations would collide with.
struct TenantCatalog {
    let connection: Connection
    let selection: TenantSelection
    let revisionTableName: String
    let migrations: MigrationSet

    /// Schemas per revision-table query: one statement, many UNION ALL arms.
    private let schemasPerQuery = 500

    /// Every tenant schema the selection picks, with whether it has a
    /// revision table, in name order. PostgreSQL's own schemas and the
    /// scratch schemas of `drover check` are never tenants, whatever the
    /// pattern says.
    func discover() throws(DatabaseError) -> [(schema: String, hasRevisionTable: Bool)] {
        let rows = try connection.query("""
            SELECT n.nspname,
                   EXISTS (SELECT 1 FROM pg_catalog.pg_class c
                           WHERE c.relnamespace = n.oid AND c.relname = $2
                             AND c.relkind IN ('r', 'p'))
            FROM pg_catalog.pg_namespace n
            WHERE (n.nspname LIKE $1 OR n.nspname = ANY($3::text[]))
              AND n.nspname NOT LIKE 'pg\\_%' AND n.nspname <> 'information_schema'
              AND n.nspname NOT LIKE 'drover\\_check\\_%'
            ORDER BY n.nspname
            """, [selection.likePattern, revisionTableName,
                  PostgresArray.literal(selection.include)]).rows
        return rows.compactMap { row in
            guard let schema = row[0], selection.selects(schema) else { return nil }
            return (schema, row[1] == "t")
        }
    }

    /// The state of each schema: its revision rows read in a handful of
    /// UNION ALL queries rather than one query per tenant.
    func states(of schemas: [(schema: String, hasRevisionTable: Bool)])
        throws(DatabaseError) -> [TenantState]
    {
        var rowsBySchema: [String: [AppliedRevision]] = [:]
        let withTable = schemas.filter(\.hasRevisionTable).map(\.schema)
        for start in stride(from: 0, to: withTable.count, by: schemasPerQuery) {
            let chunk = withTable[start..<min(start + schemasPerQuery, withTable.count)]
            let sql = chunk.map { schema in
                "SELECT \(SQLLiteral.quote(schema))::text AS schema, r.* FROM ("
                    + RevisionTable(schema: schema, name: revisionTableName).selectRevisions
                    + ") r"
            }.joined(separator: "\nUNION ALL\n")
            for row in try connection.execute(sql).rows {
                rowsBySchema[row[0] ?? "", default: []].append(
                    Self.applied(from: Array(row[1...]), in: migrations))
            }
        }
        return schemas.map { entry in
            TenantState(schema: entry.schema, hasRevisionTable: entry.hasRevisionTable,
                        applied: (rowsBySchema[entry.schema] ?? []).sorted { $0.position < $1.position },
                        migrations: migrations)
        }
    }

    /// One tenant's state, read on its own worker connection under its lock.
    static func state(of schema: String, revisionTable: RevisionTable, rows: QueryResult,
                      migrations: MigrationSet) -> TenantState {
        let rowsRead = rows.rows.map { Self.applied(from: $0, in: migrations) }
            .sorted { $0.position < $1.position }
        return TenantState(schema: schema, hasRevisionTable: true, applied: rowsRead,
                           migrations: migrations)
    }

    /// One row of `RevisionTable.selectRevisions`.
    private static func applied(from row: [String?], in migrations: MigrationSet) -> AppliedRevision {
        AppliedRevision(revision: row[0] ?? "", checksum: row[1], appliedAt: row[2],
                        executionMilliseconds: row[3].flatMap { Int($0) },
                        position: migrations.position(of: row[0] ?? "") ?? -1)
    }
}
