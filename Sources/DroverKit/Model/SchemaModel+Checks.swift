extension SchemaModel {
    func existingTable(_ name: String) throws(ModelError) -> Table {
        guard let table = table(named: name) else {
            throw ModelError(message: "table '\(name)' does not exist")
        }
        return table
    }

    func existingColumn(_ name: String, in table: String) throws(ModelError) -> Column {
        guard let column = try existingTable(table).column(named: name) else {
            throw ModelError(message: "column '\(name)' does not exist in table '\(table)'")
        }
        return column
    }

    func existingEnum(_ name: String) throws(ModelError) -> EnumType {
        guard let type = enumType(named: name) else {
            throw ModelError(message: "enum '\(name)' does not exist")
        }
        return type
    }

    func checkName(_ name: String, _ kind: String) throws(ModelError) {
        do {
            try SQLIdentifier.validate(name, kind: kind)
        } catch {
            throw ModelError(message: error.message)
        }
    }

    func checkRelationNameIsFree(_ name: String, kind: String) throws(ModelError) {
        if relationNames().contains(name) {
            throw ModelError(message: "\(kind) '\(name)' already exists in the schema"
                + " (tables, indexes, primary keys and unique constraints share one namespace)")
        }
    }

    func checkColumns(_ names: [String], exist table: Table) throws(ModelError) {
        for name in names where table.column(named: name) == nil {
            throw ModelError(message: "column '\(name)' does not exist in table '\(table.name)'")
        }
    }

    func checkColumn(_ column: Column, table: String) throws(ModelError) {
        try checkName(column.name, "column")
        if let name = column.type.enumName, enumType(named: name) == nil {
            throw ModelError(message:
                "column '\(table).\(column.name)' uses enum '\(name)', which does not exist")
        }
        if case .string(let length) = column.type, length < 1 {
            throw ModelError(message: "column '\(table).\(column.name)': string length must be positive")
        }
        if case .decimal(let precision, let scale) = column.type,
           precision < 1 || scale < 0 || scale > precision {
            throw ModelError(message:
                "column '\(table).\(column.name)': decimal(\(precision), \(scale)) is not valid")
        }
        if column.isIdentity && !column.type.allowsIdentity {
            throw ModelError(message: "column '\(table).\(column.name)':"
                + " identity needs smallint, integer or bigint")
        }
        // PostgreSQL refuses both a default and an identity, and makes an
        // identity column NOT NULL whatever the declaration says.
        if column.isIdentity && column.defaultValue != nil {
            throw ModelError(message: "column '\(table).\(column.name)':"
                + " an identity column cannot have a default")
        }
        if column.isIdentity && column.isNullable {
            throw ModelError(message: "column '\(table).\(column.name)':"
                + " an identity column cannot be nullable")
        }
        if let name = column.type.enumName, case .string(let label)? = column.defaultValue,
           let type = enumType(named: name), !type.values.contains(label) {
            throw ModelError(message: "column '\(table).\(column.name)': default '\(label)'"
                + " is not a value of enum '\(name)'")
        }
    }

    func checkEnumLabel(_ value: String, of name: String) throws(ModelError) {
        if value.isEmpty || value.utf8.count > SQLIdentifier.maximumLength || value.utf8.contains(0) {
            throw ModelError(message: "enum '\(name)': value '\(value)' must be 1 to 63 bytes")
        }
    }
}

extension SchemaModel {
    /// PostgreSQL needs the columns of a foreign key and the ones it refers
    /// to to compare with each other: integers with integers, text with
    /// text, a uuid with a uuid.
    func checkTypesMatch(_ key: ForeignKey, from table: String, to target: Table,
                         name: String) throws(ModelError) {
        let source = self.table(named: table)
        for (column, referenced) in zip(key.columns, key.referencedColumns) {
            guard let from = source?.column(named: column)?.type,
                  let to = target.column(named: referenced)?.type else { continue }
            if from.family != to.family {
                throw ModelError(message: "foreign key '\(name)': \(table).\(column) is"
                    + " \(from.canonicalName) but \(target.name).\(referenced) is \(to.canonicalName)")
            }
        }
    }

    /// A foreign key (of any table) whose target is exactly `constraint`'s
    /// columns of `table`.
    func foreignKey(dependingOn constraint: Constraint, of table: String) -> String? {
        for other in tables {
            for candidate in other.constraints {
                if case .foreignKey(let key) = candidate.kind, key.referencedTable == table,
                   key.referencedColumns == constraint.columns {
                    return candidate.name
                }
            }
        }
        return nil
    }
}

extension ColumnType {
    /// Types whose values compare with each other's.
    var family: String {
        switch self {
        case .smallint, .integer, .bigint: "integer"
        case .string, .text: "text"
        case .decimal: "numeric"
        case .enumeration(let name): "enum \(name)"
        case .custom(let text): "custom \(text.lowercased())"
        default: canonicalName
        }
    }
}

extension Constraint.Kind {
    func renamingColumns(_ rename: ([String]) -> [String]) -> Constraint.Kind {
        switch self {
        case .primaryKey(let columns): return .primaryKey(rename(columns))
        case .unique(let columns): return .unique(rename(columns))
        case .check: return self
        case .foreignKey(var key):
            key.columns = rename(key.columns)
            return .foreignKey(key)
        }
    }
}
