/// An operation Drover cannot undo by itself.
public struct IrreversibleOperation: Error, Equatable, CustomStringConvertible {
    public var message: String
    public var description: String { message }
}

extension Operation {
    /// The operations that undo this one, given the schema just before it
    /// ran (which is where a dropped table or column's definition comes
    /// from).
    public func inverse(before model: SchemaModel) throws(IrreversibleOperation) -> [Operation] {
        switch self {
        case .createTable(let table):
            return [.dropTable(table.name)]
        case .dropTable(let name):
            return try [.createTable(known(model.table(named: name), "table '\(name)'"))]
        case .renameTable(let name, let newName):
            return [.renameTable(newName, to: name)]
        case .addColumn(let table, let column):
            return [.dropColumn(table: table, column: column.name)]
        case .dropColumn(let table, let column):
            return try restoreColumn(column, of: table, from: model)
        case .renameColumn(let table, let from, let to):
            return [.renameColumn(table: table, from: to, to: from)]
        case .alterColumn(let table, let column, let change):
            let old = try known(model.table(named: table)?.column(named: column),
                                "column '\(table).\(column)'")
            return [.alterColumn(table: table, column: column, change.undoing(old))]
        case .createIndex(_, let index, let concurrently):
            return [.dropIndex(index.name ?? "", concurrently: concurrently)]
        case .dropIndex(let name, let concurrently):
            let owner = try known(model.tableOwning(index: name), "index '\(name)'")
            return [.createIndex(table: owner.table.name, owner.index,
                                 concurrently: concurrently)]
        case .addConstraint(let table, let constraint):
            return [.dropConstraint(table: table, name: constraint.name)]
        case .dropConstraint(let table, let name):
            let constraint = try known(model.table(named: table)?.constraint(named: name),
                                       "constraint '\(name)'")
            return [.addConstraint(table: table, constraint)]
        case .createEnum(let name, _):
            return [.dropEnum(name)]
        case .dropEnum(let name):
            let type = try known(model.enumType(named: name), "enum '\(name)'")
            return [.createEnum(name, values: type.values)]
        case .addEnumValue(let name, let value, _):
            return [.removeEnumValue(enum: name, value: value)]
        case .removeEnumValue(let name, let value):
            let values = try known(model.enumType(named: name), "enum '\(name)'").values
            let next = values.firstIndex(of: value).map { values.index(after: $0) }
            let before = next.flatMap { $0 < values.endIndex ? values[$0] : nil }
            return [.addEnumValue(enum: name, value: value, before: before)]
        case .raw(let sql, let downgrade):
            guard let downgrade else {
                throw IrreversibleOperation(message: "raw SQL has no downgrade")
            }
            return [.raw(downgrade, downgrade: sql)]
        }
    }

    /// The column as it was, with the constraints and indexes that
    /// PostgreSQL dropped along with it.
    private func restoreColumn(_ name: String, of tableName: String,
                               from model: SchemaModel) throws(IrreversibleOperation)
        -> [Operation]
    {
        let table = try known(model.table(named: tableName), "table '\(tableName)'")
        let column = try known(table.column(named: name), "column '\(tableName).\(name)'")
        let constraints = table.constraints.filter { $0.uses(column: name) }
        let indexes = table.indexes.filter { $0.uses(column: name) }
        return [.addColumn(table: tableName, column)]
            + constraints.map { .addConstraint(table: tableName, $0) }
            + indexes.map { .createIndex(table: tableName, $0, concurrently: false) }
    }

    private func known<Value>(_ value: Value?,
                              _ what: String) throws(IrreversibleOperation) -> Value {
        guard let value else {
            throw IrreversibleOperation(message: "\(what) is not in the model, so it cannot be restored")
        }
        return value
    }
}

extension ColumnChange {
    /// The change that puts `old` back.
    func undoing(_ old: Column) -> ColumnChange {
        var undo = ColumnChange()
        if let type {
            undo.type = old.type
            // Between families (text and an enum, text and a number) PostgreSQL
            // wants the cast spelled out. Within one it is left implicit: an
            // explicit cast to varchar(n) would cut long values silently.
            if type.family != old.type.family {
                undo.using = SQLIdentifier.quote(old.name) + "::"
                    + SQLRenderer(model: SchemaModel()).typeName(old.type)
            }
        }
        if isNullable != nil { undo.isNullable = old.isNullable }
        if defaultChange != nil {
            undo.defaultChange = old.defaultValue.map { .set($0) } ?? .drop
        }
        return undo
    }
}
