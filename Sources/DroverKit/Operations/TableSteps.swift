/// `CREATE TABLE`, with its constraints and indexes.
public struct CreateTable: MigrationStep {
    public var table: Table

    public init(_ name: String, @TableBuilder _ body: () -> [any TableElement]) {
        var assembler = TableAssembler(name: name)
        for element in body() { element.add(to: &assembler) }
        assembler.finish()
        table = assembler.table
    }

    public var operations: [Operation] { [.createTable(table)] }
}

/// `DROP TABLE`; its downgrade recreates the table as the model knew it.
public struct DropTable: MigrationStep {
    public var name: String
    public init(_ name: String) { self.name = name }
    public var operations: [Operation] { [.dropTable(name)] }
}

/// `ALTER TABLE ... RENAME TO`.
public struct RenameTable: MigrationStep {
    public var name: String
    public var newName: String
    public init(_ name: String, to newName: String) {
        self.name = name
        self.newName = newName
    }
    public var operations: [Operation] { [.renameTable(name, to: newName)] }
}

/// `ALTER TABLE ... ADD COLUMN`, with the column's unique, check and
/// foreign-key shorthands as constraints of their own.
public struct AddColumn: MigrationStep {
    public var table: String
    public var column: Column

    public init(_ table: String, _ column: Column) {
        self.table = table
        self.column = column
    }

    public var operations: [Operation] {
        var assembler = TableAssembler(name: table)
        assembler.add(column: column)
        assembler.finish()
        let built = assembler.table
        return [.addColumn(table: table, column.plain)]
            + built.constraints.map { .addConstraint(table: table, $0) }
            + built.indexes.map { .createIndex(table: table, $0, concurrently: false) }
    }
}

/// `ALTER TABLE ... DROP COLUMN`; its downgrade adds the column back as the
/// model knew it (empty: the data is gone).
public struct DropColumn: MigrationStep {
    public var table: String
    public var column: String
    public init(_ table: String, _ column: String) {
        self.table = table
        self.column = column
    }
    public var operations: [Operation] { [.dropColumn(table: table, column: column)] }
}

/// `ALTER TABLE ... RENAME COLUMN`.
public struct RenameColumn: MigrationStep {
    public var table: String
    public var column: String
    public var newName: String
    public init(_ table: String, _ column: String, to newName: String) {
        self.table = table
        self.column = column
        self.newName = newName
    }
    public var operations: [Operation] {
        [.renameColumn(table: table, from: column, to: newName)]
    }
}

/// Changes a column's type, nullability or default.
public struct AlterColumn: MigrationStep {
    public var table: String
    public var column: String
    public var change: ColumnChange

    public init(_ table: String, _ column: String, type: ColumnType? = nil,
                using: String? = nil, nullable: Bool? = nil, default: DefaultChange? = nil) {
        self.table = table
        self.column = column
        change = ColumnChange(type: type, using: using, isNullable: nullable,
                              defaultChange: `default`)
    }

    public var operations: [Operation] {
        [.alterColumn(table: table, column: column, change)]
    }
}
