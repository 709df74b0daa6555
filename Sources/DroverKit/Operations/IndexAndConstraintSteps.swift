/// `CREATE INDEX`; `concurrently` makes the migration run outside a
/// transaction, so it must be declared non-transactional.
public struct CreateIndex: MigrationStep {
    public var table: String
    public var index: Index
    public var concurrently: Bool

    public init(on table: String, _ columns: String..., unique: Bool = false,
                where predicate: String? = nil, name: String? = nil,
                concurrently: Bool = false) {
        self.table = table
        index = Index(columns, unique: unique, where: predicate,
                      name: name ?? DefaultName.index(table, columns))
        self.concurrently = concurrently
    }

    public var operations: [Operation] {
        [.createIndex(table: table, index, concurrently: concurrently)]
    }
}

/// `DROP INDEX`, by name.
public struct DropIndex: MigrationStep {
    public var name: String
    public var concurrently: Bool
    public init(_ name: String, concurrently: Bool = false) {
        self.name = name
        self.concurrently = concurrently
    }
    public var operations: [Operation] { [.dropIndex(name, concurrently: concurrently)] }
}

/// Adds a foreign key (and, by default, an index on its columns).
public struct AddForeignKey: MigrationStep {
    public var table: String
    public var key: ForeignKey
    public init(_ table: String, _ key: ForeignKey) {
        self.table = table
        self.key = key
    }
    public var operations: [Operation] {
        var assembler = TableAssembler(name: table)
        assembler.add(foreignKey: key)
        return assembler.table.constraints.map { .addConstraint(table: table, $0) }
            + assembler.table.indexes.map {
                .createIndex(table: table, $0, concurrently: false)
            }
    }
}

/// Adds a unique constraint.
public struct AddUnique: MigrationStep {
    public var table: String
    public var columns: [String]
    public var name: String?
    public init(_ table: String, _ columns: String..., name: String? = nil) {
        self.table = table
        self.columns = columns
        self.name = name
    }
    public var operations: [Operation] {
        let name = name ?? DefaultName.unique(table, columns)
        return [.addConstraint(table: table, Constraint(name: name, kind: .unique(columns)))]
    }
}

/// Adds a named check constraint.
public struct AddCheck: MigrationStep {
    public var table: String
    public var name: String
    public var expression: String
    public init(_ table: String, _ name: String, _ expression: String) {
        self.table = table
        self.name = name
        self.expression = expression
    }
    public var operations: [Operation] {
        [.addConstraint(table: table, Constraint(name: name, kind: .check(expression)))]
    }
}

/// Drops a constraint by name: foreign key, unique or check.
public struct DropConstraint: MigrationStep {
    public var table: String
    public var name: String
    public init(_ table: String, _ name: String) {
        self.table = table
        self.name = name
    }
    public var operations: [Operation] { [.dropConstraint(table: table, name: name)] }
}
