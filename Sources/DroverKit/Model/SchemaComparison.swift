/// Compares two schemas object by object, by name, ignoring the order in
/// which objects were created. `expected` is the model; `found` is another
/// model or the live schema read from the catalog.
public enum SchemaComparison {
    public static func differences(expected: SchemaModel,
                                   found: SchemaModel) -> [SchemaDifference] {
        var result: [SchemaDifference] = []
        result += compareEnums(expected.enums, found.enums)
        let foundTables = Dictionary(found.tables.map { ($0.name, $0) },
                                     uniquingKeysWith: { first, _ in first })
        for table in expected.tables {
            guard let other = foundTables[table.name] else {
                result.append(SchemaDifference(.missingTable, table.name, name: table.name))
                continue
            }
            result += compareTables(table, other)
        }
        let expectedNames = Set(expected.tables.map(\.name))
        for table in found.tables where !expectedNames.contains(table.name) {
            result.append(SchemaDifference(.unexpectedTable, table.name, name: table.name))
        }
        return result
    }

    /// The first difference, described, or `nil` when the schemas match.
    static func firstDifference(_ found: SchemaModel, _ expected: SchemaModel) -> String? {
        differences(expected: expected, found: found).first?.description
    }

    private static func compareEnums(_ expected: [EnumType],
                                     _ found: [EnumType]) -> [SchemaDifference] {
        var result: [SchemaDifference] = []
        for type in expected {
            guard let other = found.first(where: { $0.name == type.name }) else {
                result.append(SchemaDifference(.missingEnum, type.name, name: type.name))
                continue
            }
            if other.values != type.values {
                result.append(SchemaDifference(
                    .enumValuesMismatch, type.name, name: type.name,
                    expected: type.values.joined(separator: ", "),
                    found: other.values.joined(separator: ", ")))
            }
        }
        for type in found where !expected.contains(where: { $0.name == type.name }) {
            result.append(SchemaDifference(.unexpectedEnum, type.name, name: type.name))
        }
        return result
    }

    private static func compareTables(_ expected: Table, _ found: Table) -> [SchemaDifference] {
        var result: [SchemaDifference] = []
        for column in expected.columns {
            let object = "\(expected.name).\(column.name)"
            guard let other = found.column(named: column.name) else {
                result.append(SchemaDifference(.missingColumn, object, table: expected.name, name: column.name))
                continue
            }
            result += compareColumns(column, other, object: object, table: expected.name)
        }
        for column in found.columns where expected.column(named: column.name) == nil {
            result.append(SchemaDifference(.unexpectedColumn, "\(expected.name).\(column.name)",
                                           table: expected.name, name: column.name))
        }
        result += compareIndexes(expected, found)
        result += compareConstraints(expected, found)
        return result
    }

    private static func compareColumns(_ expected: Column, _ found: Column, object: String,
                                       table: String) -> [SchemaDifference] {
        var result: [SchemaDifference] = []
        if SQLNormalizer.typeText(expected.type) != SQLNormalizer.typeText(found.type) {
            result.append(SchemaDifference(.typeMismatch, object, table: table, name: expected.name,
                                           expected: expected.type.canonicalName,
                                           found: found.type.canonicalName))
        }
        if expected.isNullable != found.isNullable {
            let describe = { (nullable: Bool) in nullable ? "NULL" : "NOT NULL" }
            result.append(SchemaDifference(.nullabilityMismatch, object, table: table, name: expected.name,
                                           expected: describe(expected.isNullable),
                                           found: describe(found.isNullable)))
        }
        if expected.isIdentity != found.isIdentity {
            let describe = { (identity: Bool) in identity ? "identity" : "no identity" }
            result.append(SchemaDifference(.identityMismatch, object, table: table, name: expected.name,
                                           expected: describe(expected.isIdentity),
                                           found: describe(found.isIdentity)))
        }
        let expectedDefault = expected.defaultValue.map(SQLNormalizer.defaultText)
        let foundDefault = found.defaultValue.map(SQLNormalizer.defaultText)
        if expectedDefault != foundDefault {
            result.append(SchemaDifference(.defaultMismatch, object, table: table, name: expected.name,
                                           expected: expectedDefault ?? "no default",
                                           found: foundDefault ?? "no default"))
        }
        return result
    }

    private static func compareIndexes(_ expected: Table, _ found: Table) -> [SchemaDifference] {
        var result: [SchemaDifference] = []
        for index in expected.indexes {
            let name = index.name ?? ""
            guard let other = found.indexes.first(where: { $0.name == name }) else {
                result.append(SchemaDifference(.missingIndex, "\(name) on \(expected.name)",
                                               table: expected.name, name: name))
                continue
            }
            if describe(index) != describe(other) {
                result.append(SchemaDifference(.indexMismatch, "\(name) on \(expected.name)",
                                               table: expected.name, name: name,
                                               expected: describe(index),
                                               found: describe(other)))
            }
        }
        for index in found.indexes
        where !expected.indexes.contains(where: { $0.name == index.name }) {
            result.append(SchemaDifference(.unexpectedIndex,
                                           "\(index.name ?? "") on \(expected.name)",
                                           table: expected.name, name: index.name ?? ""))
        }
        return result
    }

    private static func compareConstraints(_ expected: Table,
                                           _ found: Table) -> [SchemaDifference] {
        var result: [SchemaDifference] = []
        for constraint in expected.constraints {
            let object = "\(constraint.name) on \(expected.name)"
            guard let other = found.constraint(named: constraint.name) else {
                result.append(SchemaDifference(.missingConstraint, object, table: expected.name,
                                               name: constraint.name))
                continue
            }
            if describe(constraint) != describe(other) {
                result.append(SchemaDifference(.constraintMismatch, object, table: expected.name,
                                               name: constraint.name,
                                               expected: describe(constraint),
                                               found: describe(other)))
            }
        }
        for constraint in found.constraints
        where expected.constraint(named: constraint.name) == nil {
            result.append(SchemaDifference(.unexpectedConstraint,
                                           "\(constraint.name) on \(expected.name)",
                                           table: expected.name, name: constraint.name))
        }
        return result
    }

    static func describe(_ index: Index) -> String {
        var text = (index.isUnique ? "unique " : "") + "(" + index.columns.joined(separator: ", ") + ")"
        if let predicate = index.predicate {
            text += " where " + SQLNormalizer.expressionText(predicate)
        }
        return text
    }

    static func describe(_ constraint: Constraint) -> String {
        switch constraint.kind {
        case .primaryKey(let columns): "primary key (\(columns.joined(separator: ", ")))"
        case .unique(let columns): "unique (\(columns.joined(separator: ", ")))"
        case .check(let expression): "check " + SQLNormalizer.expressionText(expression)
        case .foreignKey(let key):
            "foreign key (\(key.columns.joined(separator: ", "))) references"
                + " \(key.referencedTable) (\(key.referencedColumns.joined(separator: ", ")))"
                + " on delete \(key.onDelete.rawValue.lowercased())"
                + " on update \(key.onUpdate.rawValue.lowercased())"
        }
    }
}
