import Foundation

/// Reads the live shape of tenant schemas from the PostgreSQL catalog, as
/// ``SchemaModel``s that ``SchemaComparison`` can hold against the model a
/// migration set expects.
///
/// All schemas are read together: one query per kind of object (columns,
/// constraints, indexes, enum types), each with the schema list bound as a
/// `text[]` parameter, whatever the number of schemas.
struct LiveSchemaReader {
    let connection: Connection

    /// The live schema of each of `schemas`, the table named `revisionTable`
    /// left out. A schema that does not exist reads as an empty model.
    func read(_ schemas: [String], revisionTable: String) throws(DatabaseError) -> [String: SchemaModel] {
        var builders: [String: SchemaBuilder] = [:]
        for schema in schemas { builders[schema] = SchemaBuilder() }
        if schemas.isEmpty { return [:] }
        let parameters = [PostgresArray.literal(schemas), revisionTable]

        for row in try connection.query(CatalogQueries.enums, [parameters[0]]).rows {
            guard let entry = EnumRow(row) else { continue }
            builders[entry.schema]?.enums.append(entry.type)
        }
        for row in try connection.query(CatalogQueries.columns, parameters).rows {
            guard let entry = ColumnRow(row) else { continue }
            builders[entry.schema]?.add(entry)
        }
        for row in try connection.query(CatalogQueries.constraints, parameters).rows {
            guard let entry = ConstraintRow(row) else { continue }
            builders[entry.schema]?.add(entry)
        }
        for row in try connection.query(CatalogQueries.indexes, parameters).rows {
            guard let entry = IndexRow(row) else { continue }
            builders[entry.schema]?.add(entry)
        }
        return builders.mapValues { $0.model() }
    }
}

/// One schema's objects as the rows arrive, tables kept in catalog order.
private struct SchemaBuilder {
    var tableNames: [String] = []
    var tables: [String: Table] = [:]
    var enums: [EnumType] = []
    /// Column lists of every index on a table, constraint-backed ones too,
    /// to tell whether a foreign key has an index.
    var indexedColumns: [String: [[String]]] = [:]

    mutating func add(_ row: ColumnRow) {
        if tables[row.table] == nil {
            tableNames.append(row.table)
            tables[row.table] = Table(name: row.table)
        }
        guard let column = row.column else { return }
        tables[row.table]?.columns.append(column)
    }

    mutating func add(_ row: ConstraintRow) {
        guard let constraint = row.constraint else { return }
        tables[row.table]?.constraints.append(constraint)
    }

    mutating func add(_ row: IndexRow) {
        indexedColumns[row.table, default: []].append(row.columns)
        guard !row.backsConstraint else { return }
        tables[row.table]?.indexes.append(row.index)
    }

    func model() -> SchemaModel {
        let tables = tableNames.compactMap { name -> Table? in
            guard var table = self.tables[name] else { return nil }
            let indexed = indexedColumns[name] ?? []
            for position in table.constraints.indices {
                guard case .foreignKey(var key) = table.constraints[position].kind else { continue }
                key.isIndexed = indexed.contains { $0.starts(with: key.columns) }
                table.constraints[position].kind = .foreignKey(key)
            }
            return table
        }
        return SchemaModel(tables: tables, enums: enums)
    }
}
