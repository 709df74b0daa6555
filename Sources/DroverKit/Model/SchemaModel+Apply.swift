extension SchemaModel {
    /// Applies one operation, or explains why it does not fit this schema.
    public mutating func apply(_ operation: Operation) throws(ModelError) {
        switch operation {
        case .createTable(let table): try create(table)
        case .dropTable(let name): try dropTable(name)
        case .renameTable(let name, let newName): try renameTable(name, to: newName)
        case .addColumn(let table, let column): try add(column, to: table)
        case .dropColumn(let table, let column): try drop(column, from: table)
        case .renameColumn(let table, let from, let to):
            try renameColumn(from, to: to, in: table)
        case .alterColumn(let table, let column, let change):
            try alter(column, in: table, change)
        case .createIndex(let table, let index, _): try create(index, on: table)
        case .dropIndex(let name, _): try dropIndex(name)
        case .addConstraint(let table, let constraint): try add(constraint, to: table)
        case .dropConstraint(let table, let name): try dropConstraint(name, from: table)
        case .createEnum(let name, let values): try createEnum(name, values)
        case .dropEnum(let name): try dropEnum(name)
        case .addEnumValue(let name, let value, let before):
            try addEnumValue(value, to: name, before: before)
        case .removeEnumValue(let name, let value): try removeEnumValue(value, from: name)
        case .raw: break
        }
    }

    // MARK: Tables

    private mutating func create(_ table: Table) throws(ModelError) {
        try checkName(table.name, "table")
        if let problem = table.problems.first {
            throw ModelError(message: "table '\(table.name)': \(problem)")
        }
        try checkRelationNameIsFree(table.name, kind: "table")
        if table.columns.isEmpty {
            throw ModelError(message: "table '\(table.name)' has no columns")
        }
        for column in table.columns { try checkColumn(column, table: table.name) }
        // Constraints and indexes may refer to the table itself. Foreign
        // keys go last, as in PostgreSQL, so that one referring to this
        // table finds its primary key or unique constraint in place.
        insert(Table(name: table.name, columns: table.columns))
        let isForeignKey = { (constraint: Constraint) -> Bool in
            if case .foreignKey = constraint.kind { return true }
            return false
        }
        for constraint in table.constraints where !isForeignKey(constraint) {
            try add(constraint, to: table.name)
        }
        for index in table.indexes { try create(index, on: table.name) }
        for constraint in table.constraints where isForeignKey(constraint) {
            try add(constraint, to: table.name)
        }
    }

    private mutating func dropTable(_ name: String) throws(ModelError) {
        _ = try existingTable(name)
        for other in tables where other.name != name {
            for constraint in other.constraints {
                if case .foreignKey(let key) = constraint.kind, key.referencedTable == name {
                    throw ModelError(message: "cannot drop table '\(name)': foreign key"
                        + " '\(constraint.name)' of table '\(other.name)' refers to it")
                }
            }
        }
        removeTable(named: name)
    }

    private mutating func renameTable(_ name: String, to newName: String) throws(ModelError) {
        _ = try existingTable(name)
        try checkName(newName, "table")
        try checkRelationNameIsFree(newName, kind: "table")
        updateTable(named: name) { $0.name = newName }
        updateAllTables { table in
            for position in table.constraints.indices {
                if case .foreignKey(var key) = table.constraints[position].kind,
                   key.referencedTable == name {
                    key.referencedTable = newName
                    table.constraints[position].kind = .foreignKey(key)
                }
            }
        }
    }

    // MARK: Columns

    private mutating func add(_ column: Column, to tableName: String) throws(ModelError) {
        let table = try existingTable(tableName)
        if table.column(named: column.name) != nil {
            throw ModelError(message:
                "column '\(column.name)' already exists in table '\(tableName)'")
        }
        try checkColumn(column, table: tableName)
        updateTable(named: tableName) { $0.columns.append(column) }
    }

    private mutating func drop(_ column: String, from tableName: String) throws(ModelError) {
        _ = try existingColumn(column, in: tableName)
        for other in tables {
            for constraint in other.constraints {
                // A table's reference to itself counts too: PostgreSQL will
                // not drop the key it depends on without CASCADE.
                if case .foreignKey(let key) = constraint.kind,
                   key.referencedTable == tableName, key.referencedColumns.contains(column) {
                    throw ModelError(message: "cannot drop column '\(tableName).\(column)':"
                        + " foreign key '\(constraint.name)' of table '\(other.name)' refers to it")
                }
            }
        }
        // PostgreSQL drops the indexes and constraints that use the column.
        updateTable(named: tableName) { table in
            table.columns.removeAll { $0.name == column }
            table.indexes.removeAll { $0.uses(column: column) }
            table.constraints.removeAll { $0.uses(column: column) }
        }
    }

    private mutating func renameColumn(_ name: String, to newName: String,
                                       in tableName: String) throws(ModelError) {
        _ = try existingColumn(name, in: tableName)
        try checkName(newName, "column")
        if try existingTable(tableName).column(named: newName) != nil {
            throw ModelError(message:
                "column '\(newName)' already exists in table '\(tableName)'")
        }
        let rename = { (columns: [String]) in columns.map { $0 == name ? newName : $0 } }
        updateTable(named: tableName) { table in
            for position in table.columns.indices where table.columns[position].name == name {
                table.columns[position].name = newName
            }
            // PostgreSQL follows the rename in keys and in expressions alike.
            for position in table.indexes.indices {
                table.indexes[position].columns = rename(table.indexes[position].columns)
                table.indexes[position].predicate = table.indexes[position].predicate
                    .map { ColumnRename.apply(to: $0, from: name, to: newName) }
            }
            for position in table.constraints.indices {
                table.constraints[position].kind = table.constraints[position].kind
                    .renamingColumns(rename)
                if case .check(let sql) = table.constraints[position].kind {
                    table.constraints[position].kind =
                        .check(ColumnRename.apply(to: sql, from: name, to: newName))
                }
            }
        }
        updateAllTables { table in
            for position in table.constraints.indices {
                if case .foreignKey(var key) = table.constraints[position].kind,
                   key.referencedTable == tableName {
                    key.referencedColumns = rename(key.referencedColumns)
                    table.constraints[position].kind = .foreignKey(key)
                }
            }
        }
    }

    private mutating func alter(_ name: String, in tableName: String,
                                _ change: ColumnChange) throws(ModelError) {
        var column = try existingColumn(name, in: tableName)
        if change.isEmpty {
            throw ModelError(message: "alter column '\(tableName).\(name)' changes nothing")
        }
        if let type = change.type { column.type = type }
        if let isNullable = change.isNullable { column.isNullable = isNullable }
        if column.isNullable,
           try existingTable(tableName).primaryKeyColumns?.contains(name) == true {
            throw ModelError(message: "column '\(tableName).\(name)' is in the primary key,"
                + " which PostgreSQL keeps NOT NULL")
        }
        switch change.defaultChange {
        case .set(let value): column.defaultValue = value
        case .drop: column.defaultValue = nil
        case nil: break
        }
        try checkColumn(column, table: tableName)
        updateTable(named: tableName) { table in
            for position in table.columns.indices where table.columns[position].name == name {
                table.columns[position] = column
            }
        }
    }

    // MARK: Indexes and constraints

    private mutating func create(_ index: Index, on tableName: String) throws(ModelError) {
        let table = try existingTable(tableName)
        let name = index.name ?? DefaultName.index(tableName, index.columns)
        try checkName(name, "index")
        try checkRelationNameIsFree(name, kind: "index")
        try checkColumns(index.columns, exist: table)
        var named = index
        named.name = name
        updateTable(named: tableName) { $0.indexes.append(named) }
    }

    private mutating func dropIndex(_ name: String) throws(ModelError) {
        guard let owner = tableOwning(index: name) else {
            throw ModelError(message: "index '\(name)' does not exist")
        }
        updateTable(named: owner.table.name) { $0.indexes.removeAll { $0.name == name } }
    }

    private mutating func add(_ constraint: Constraint,
                              to tableName: String) throws(ModelError) {
        let table = try existingTable(tableName)
        try checkName(constraint.name, "constraint")
        if table.constraint(named: constraint.name) != nil {
            throw ModelError(message: "constraint '\(constraint.name)' already exists"
                + " on table '\(tableName)'")
        }
        try checkColumns(constraint.columns, exist: table)
        switch constraint.kind {
        case .primaryKey, .unique:
            if case .primaryKey = constraint.kind, table.primaryKeyColumns != nil {
                throw ModelError(message: "table '\(tableName)' already has a primary key")
            }
            try checkRelationNameIsFree(constraint.name, kind: "constraint")
        case .foreignKey(let key):
            let target = try existingTable(key.referencedTable)
            try checkColumns(key.referencedColumns, exist: target)
            if key.columns.count != key.referencedColumns.count {
                throw ModelError(message: "foreign key '\(constraint.name)' has"
                    + " \(key.columns.count) columns but refers to \(key.referencedColumns.count)")
            }
            if !target.hasUniqueKey(on: key.referencedColumns) {
                throw ModelError(message: "foreign key '\(constraint.name)' refers to"
                    + " \(key.referencedTable) (\(key.referencedColumns.joined(separator: ", "))),"
                    + " which has no primary key or unique constraint on exactly those columns")
            }
            try checkTypesMatch(key, from: tableName, to: target, name: constraint.name)
        case .check(let expression):
            if expression.isEmpty {
                throw ModelError(message: "check '\(constraint.name)' has no expression")
            }
        }
        updateTable(named: tableName) { $0.constraints.append(constraint) }
    }

    private mutating func dropConstraint(_ name: String,
                                         from tableName: String) throws(ModelError) {
        guard let constraint = try existingTable(tableName).constraint(named: name) else {
            throw ModelError(message:
                "constraint '\(name)' does not exist on table '\(tableName)'")
        }
        switch constraint.kind {
        case .unique, .primaryKey:
            if let user = foreignKey(dependingOn: constraint, of: tableName) {
                throw ModelError(message: "cannot drop '\(name)' of table '\(tableName)':"
                    + " foreign key '\(user)' depends on it")
            }
        default: break
        }
        updateTable(named: tableName) { $0.constraints.removeAll { $0.name == name } }
    }

    // MARK: Enums

    private mutating func createEnum(_ name: String, _ values: [String]) throws(ModelError) {
        try checkName(name, "enum")
        if enumType(named: name) != nil {
            throw ModelError(message: "enum '\(name)' already exists")
        }
        if values.isEmpty { throw ModelError(message: "enum '\(name)' has no values") }
        if Set(values).count != values.count {
            throw ModelError(message: "enum '\(name)' lists a value twice")
        }
        for value in values { try checkEnumLabel(value, of: name) }
        insert(EnumType(name: name, values: values))
    }

    private mutating func dropEnum(_ name: String) throws(ModelError) {
        _ = try existingEnum(name)
        if let user = columns(usingEnum: name).first {
            throw ModelError(message: "cannot drop enum '\(name)': column"
                + " '\(user.table).\(user.column.name)' uses it")
        }
        removeEnum(named: name)
    }

    private mutating func addEnumValue(_ value: String, to name: String,
                                       before: String?) throws(ModelError) {
        let type = try existingEnum(name)
        try checkEnumLabel(value, of: name)
        if type.values.contains(value) {
            throw ModelError(message: "enum '\(name)' already has the value '\(value)'")
        }
        var position = type.values.endIndex
        if let before {
            guard let found = type.values.firstIndex(of: before) else {
                throw ModelError(message: "enum '\(name)' has no value '\(before)'")
            }
            position = found
        }
        updateEnum(named: name) { $0.values.insert(value, at: position) }
    }

    private mutating func removeEnumValue(_ value: String,
                                          from name: String) throws(ModelError) {
        let type = try existingEnum(name)
        guard type.values.contains(value), type.values.count > 1 else {
            throw ModelError(message: "enum '\(name)' cannot lose the value '\(value)'")
        }
        // The rebuilt type could not take the column's default back.
        if let user = columns(usingEnum: name).first(where: {
            $0.column.defaultValue == .string(value)
        }) {
            throw ModelError(message: "enum '\(name)' cannot lose the value '\(value)':"
                + " it is the default of column '\(user.table).\(user.column.name)'")
        }
        updateEnum(named: name) { $0.values.removeAll { $0 == value } }
    }
}
