/// Finds, for all tenants at once, objects that their pending migrations
/// would create but that are already there: "table already exists".
struct DriftPrecheck {
    let connection: Connection
    let migrations: MigrationSet
    let revisionTableName: String

    /// `pending` maps each schema to the migrations it is about to run.
    /// Tenants with the same pending migrations share one list of
    /// candidate objects, so a thousand tenants cost a handful of lists.
    func findings(for pending: [String: ArraySlice<CompiledMigration>])
        throws(DatabaseError) -> [String: [DriftFinding]]
    {
        var candidatesByRange: [String: [(SchemaObject, String)]] = [:]
        for steps in pending.values {
            let range = Self.rangeKey(steps)
            if candidatesByRange[range] == nil {
                // What the tenant already holds by its own revision is not a
                // collision, even if a pending migration drops and remakes it.
                let before = migrations.model(at: steps.first?.parent)
                candidatesByRange[range] = steps.flatMap { step in
                    step.createdObjects.filter { !before.contains($0) }.map { ($0, step.revision) }
                }
            }
        }
        let objects = Set(candidatesByRange.values.flatMap { $0.map(\.0) })
        if objects.isEmpty { return [:] }

        let existing = try existingObjects(in: Array(pending.keys), among: objects)
        var result: [String: [DriftFinding]] = [:]
        for (schema, present) in existing where !present.isEmpty {
            guard let steps = pending[schema],
                  let candidates = candidatesByRange[Self.rangeKey(steps)] else { continue }
            var seen = Set<SchemaObject>()
            var found: [DriftFinding] = []
            for (object, revision) in candidates
            where present.contains(object.catalogKey) && seen.insert(object).inserted {
                found.append(
                    DriftFinding(object: object, revision: revision, hint: Self.hint(for: object)))
            }
            if !found.isEmpty { result[schema] = Self.withoutParts(of: found) }
        }
        return result
    }

    private static func rangeKey(_ steps: ArraySlice<CompiledMigration>) -> String {
        "\(steps.first?.revision ?? "")..\(steps.last?.revision ?? "")"
    }

    /// Leaves out the columns, indexes and constraints of tables that are
    /// themselves reported: "table bookings already exists" says it all.
    /// Parts that a later migration adds to such a table stay listed.
    static func withoutParts(of findings: [DriftFinding]) -> [DriftFinding] {
        var tables: [String: String] = [:]  // table -> revision that creates it
        for finding in findings where finding.object?.kind == .table {
            tables[finding.object?.name ?? ""] = finding.revision
        }
        return findings.filter { finding in
            guard let object = finding.object, object.kind != .table,
                  let table = object.table else { return true }
            return tables[table] != finding.revision
        }
    }

    /// What to do about an object that exists before its migration ran.
    static func hint(for object: SchemaObject) -> String {
        "if these objects already match the migrations, run `drover upgrade --adopt-existing`"
            + " (or `drover stamp`); otherwise rename or drop them and run again;"
            + " `drover diff` shows how the schema differs"
    }

    /// Catalog keys of the candidate objects that exist, per schema.
    private func existingObjects(in schemas: [String], among objects: Set<SchemaObject>)
        throws(DatabaseError) -> [String: Set<String>]
    {
        let relations = objects.filter { $0.kind == .table || $0.kind == .index }.map(\.name)
        let types = objects.filter { $0.kind == .type }.map(\.name)
        let constraints = objects.filter { $0.kind == .constraint }.map(\.name)
        let columns = objects.filter { $0.kind == .column }
        let rows = try connection.query("""
            SELECT n.nspname, 'relation', c.relname, ''
            FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
            WHERE n.nspname = ANY($1::text[]) AND c.relname = ANY($2::text[])
            UNION ALL
            SELECT n.nspname, 'type', t.typname, ''
            FROM pg_catalog.pg_type t JOIN pg_catalog.pg_namespace n ON n.oid = t.typnamespace
            WHERE n.nspname = ANY($1::text[]) AND t.typname = ANY($3::text[])
            UNION ALL
            SELECT n.nspname, 'constraint', k.conname, c.relname
            FROM pg_catalog.pg_constraint k
            JOIN pg_catalog.pg_class c ON c.oid = k.conrelid
            JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
            WHERE n.nspname = ANY($1::text[]) AND k.conname = ANY($4::text[])
            UNION ALL
            SELECT n.nspname, 'column', a.attname, c.relname
            FROM pg_catalog.pg_attribute a
            JOIN pg_catalog.pg_class c ON c.oid = a.attrelid
            JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
            WHERE n.nspname = ANY($1::text[]) AND c.relname = ANY($5::text[])
              AND a.attname = ANY($6::text[]) AND a.attnum > 0 AND NOT a.attisdropped
            """, [PostgresArray.literal(schemas), PostgresArray.literal(relations),
                  PostgresArray.literal(types), PostgresArray.literal(constraints),
                  PostgresArray.literal(columns.compactMap(\.table)),
                  PostgresArray.literal(columns.map(\.name))]).rows
        var result: [String: Set<String>] = [:]
        for row in rows where row[2] != revisionTableName || row[1] != "relation" {
            let key = SchemaObject.catalogKey(kind: row[1] ?? "", name: row[2] ?? "",
                                              table: row[3] ?? "")
            result[row[0] ?? "", default: []].insert(key)
        }
        return result
    }
}

extension SchemaObject {
    /// Tables and indexes share one namespace; constraints and columns
    /// belong to a table.
    var catalogKey: String {
        switch kind {
        case .table, .index: Self.catalogKey(kind: "relation", name: name, table: "")
        case .type: Self.catalogKey(kind: "type", name: name, table: "")
        case .constraint: Self.catalogKey(kind: "constraint", name: name, table: table ?? "")
        case .column: Self.catalogKey(kind: "column", name: name, table: table ?? "")
        }
    }

    static func catalogKey(kind: String, name: String, table: String) -> String {
        "\(kind)\u{0}\(table)\u{0}\(name)"
    }
}
