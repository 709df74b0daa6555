/// A table as the model holds it: plain columns, named constraints and
/// named indexes.
public struct Table: Hashable, Sendable {
    public var name: String
    public var columns: [Column]
    public var constraints: [Constraint]
    public var indexes: [Index]
    /// Declaration mistakes found while building (duplicate columns, ...),
    /// reported when the migration is checked.
    var problems: [String] = []

    public init(name: String, columns: [Column] = [], constraints: [Constraint] = [],
                indexes: [Index] = []) {
        self.name = name
        self.columns = columns
        self.constraints = constraints
        self.indexes = indexes
    }

    public func column(named name: String) -> Column? {
        columns.first { $0.name == name }
    }

    public func constraint(named name: String) -> Constraint? {
        constraints.first { $0.name == name }
    }

    /// Whether a primary key, unique constraint or unique index without a
    /// predicate covers exactly `columns`, as a foreign key to them needs.
    public func hasUniqueKey(on columns: [String]) -> Bool {
        let wanted = Set(columns)
        let fromConstraints = constraints.contains { constraint in
            switch constraint.kind {
            case .primaryKey(let keyColumns), .unique(let keyColumns):
                Set(keyColumns) == wanted
            default: false
            }
        }
        return fromConstraints || indexes.contains {
            $0.isUnique && $0.predicate == nil && Set($0.columns) == wanted
        }
    }

    /// The primary key's columns, if the table has one.
    public var primaryKeyColumns: [String]? {
        for constraint in constraints {
            if case .primaryKey(let columns) = constraint.kind { return columns }
        }
        return nil
    }
}

/// Builds a table from the elements of a ``CreateTable`` body.
public struct TableAssembler {
    private(set) var table: Table

    init(name: String) {
        table = Table(name: name)
    }

    mutating func add(column: Column) {
        if table.column(named: column.name) != nil {
            table.problems.append("column '\(column.name)' is declared twice")
        }
        if column.isIdentity && !column.type.allowsIdentity {
            table.problems.append(
                "column '\(column.name)': identity needs smallint, integer or bigint")
        }
        table.columns.append(column.plain)
        if column.isPrimaryKey { add(primaryKey: [column.name]) }
        if column.isUnique { add(unique: [column.name], name: nil) }
        if let expression = column.checkExpression {
            add(check: expression, name: DefaultName.check(table.name, column.name))
        }
        if let reference = column.reference { add(foreignKey: reference) }
    }

    mutating func add(primaryKey columns: [String]) {
        if table.primaryKeyColumns != nil {
            table.problems.append("more than one primary key")
        }
        append(Constraint(name: DefaultName.primaryKey(table.name), kind: .primaryKey(columns)))
    }

    mutating func add(unique columns: [String], name: String?) {
        let name = name ?? DefaultName.unique(table.name, columns)
        append(Constraint(name: name, kind: .unique(columns)))
    }

    mutating func add(check expression: String, name: String) {
        append(Constraint(name: name, kind: .check(expression)))
    }

    mutating func add(foreignKey: ForeignKey) {
        var key = foreignKey
        let name = key.name ?? DefaultName.foreignKey(table.name, key.columns)
        key.name = name
        append(Constraint(name: name, kind: .foreignKey(key)))
        if key.isIndexed { table.indexes.append(Table.index(for: key, on: table.name)) }
    }

    mutating func add(index: Index) {
        var index = index
        index.name = index.name ?? DefaultName.index(table.name, index.columns)
        table.indexes.append(index)
    }

    private mutating func append(_ constraint: Constraint) {
        if table.constraint(named: constraint.name) != nil {
            table.problems.append("constraint '\(constraint.name)' is declared twice")
        }
        table.constraints.append(constraint)
    }

    /// Moves foreign-key indexes that a unique constraint or primary key
    /// already provides out of the way, once the whole body is known.
    mutating func finish() {
        let covered = Set(table.constraints.compactMap { constraint -> [String]? in
            switch constraint.kind {
            case .primaryKey(let columns), .unique(let columns): columns
            default: nil
            }
        })
        let redundant = table.indexes.filter { index in
            index.name == DefaultName.index(table.name, index.columns)
                && !index.isUnique && index.predicate == nil
                && covered.contains(index.columns)
                && isForeignKeyIndex(index)
        }
        table.indexes.removeAll { redundant.contains($0) }
    }

    private func isForeignKeyIndex(_ index: Index) -> Bool {
        table.constraints.contains { constraint in
            if case .foreignKey(let key) = constraint.kind { return key.columns == index.columns }
            return false
        }
    }
}

extension Table {
    /// The index that accompanies a foreign key.
    static func index(for key: ForeignKey, on table: String) -> Index {
        Index(key.columns, name: DefaultName.index(table, key.columns))
    }
}
