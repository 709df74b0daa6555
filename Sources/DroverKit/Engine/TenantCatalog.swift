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
    /// Whether to read through a session-local function (tests turn it off
    /// to check the UNION ALL path gives the same).
    var usesServerFunction = true

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

    /// The state of each schema, its revision rows read in one query for
    /// all of them rather than one query per tenant.
    func states(of schemas: [(schema: String, hasRevisionTable: Bool)])
        throws(DatabaseError) -> [TenantState]
    {
        let withTable = schemas.filter(\.hasRevisionTable).map(\.schema)
        var rowsBySchema: [String: [AppliedRevision]] = [:]
        for row in try revisionRows(of: withTable) {
            rowsBySchema[row[0] ?? "", default: []].append(
                Self.applied(from: Array(row[1...]), in: migrations))
        }
        return schemas.map { entry in
            TenantState(schema: entry.schema, hasRevisionTable: entry.hasRevisionTable,
                        applied: (rowsBySchema[entry.schema] ?? []).sorted { $0.position < $1.position },
                        migrations: migrations)
        }
    }

    /// Rows of `schema, revision, checksum, applied_at, execution_ms`.
    ///
    /// A session-local function loops over the schemas on the server, which
    /// costs a fraction of planning one statement with a thousand UNION ALL
    /// arms. Where the role may not create temporary objects, the UNION ALL
    /// statements, 500 schemas each, do the same.
    private func revisionRows(of schemas: [String]) throws(DatabaseError) -> [[String?]] {
        if schemas.isEmpty { return [] }
        if usesServerFunction, (try? connection.execute(Self.readerFunction)) != nil {
            return try connection.query(
                "SELECT * FROM pg_temp.drover_revision_rows($1::text[], $2)",
                [PostgresArray.literal(schemas), revisionTableName]).rows
        }
        var rows: [[String?]] = []
        for start in stride(from: 0, to: schemas.count, by: schemasPerQuery) {
            let chunk = schemas[start..<min(start + schemasPerQuery, schemas.count)]
            let sql = chunk.map { schema in
                "SELECT \(SQLLiteral.quote(schema))::text AS schema, r.* FROM ("
                    + RevisionTable(schema: schema, name: revisionTableName).selectRevisions
                    + ") r"
            }.joined(separator: "\nUNION ALL\n")
            rows += try connection.execute(sql).rows
        }
        return rows
    }

    private static let readerFunction = """
        CREATE OR REPLACE FUNCTION pg_temp.drover_revision_rows(schemas text[], revision_table text)
        RETURNS TABLE (schema text, revision text, checksum text, applied_at text,
                       execution_ms integer)
        LANGUAGE plpgsql AS $body$
        DECLARE name text;
        BEGIN
            FOREACH name IN ARRAY schemas LOOP
                BEGIN
                    RETURN QUERY EXECUTE format(
                        'SELECT %L::text, revision, checksum, applied_at::text, execution_ms'
                        ' FROM %I.%I', name, name, revision_table);
                EXCEPTION WHEN undefined_table OR invalid_schema_name THEN
                    NULL;  -- dropped since discovery: no rows, as for a new tenant
                END;
            END LOOP;
        END
        $body$
        """

    /// One tenant's state, read on its own worker connection under its lock.
    static func state(of schema: String, rows: QueryResult,
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
