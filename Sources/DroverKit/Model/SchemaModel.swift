/// The schema that a tenant holds at one revision, as Drover expects it:
/// built by applying the operations of every migration up to there, with
/// no database involved.
public struct SchemaModel: Hashable, Sendable {
    /// Tables in creation order.
    public private(set) var tables: [Table] = []
    /// Enum types in creation order.
    public private(set) var enums: [EnumType] = []

    public init() {}

    /// A schema made of these objects, as introspection reads them.
    init(tables: [Table], enums: [EnumType]) {
        self.tables = tables
        self.enums = enums
    }

    public func table(named name: String) -> Table? {
        tables.first { $0.name == name }
    }

    public func enumType(named name: String) -> EnumType? {
        enums.first { $0.name == name }
    }

    public var isEmpty: Bool { tables.isEmpty && enums.isEmpty }

    /// Whether the schema holds `object`.
    public func contains(_ object: SchemaObject) -> Bool {
        switch object.kind {
        case .table: table(named: object.name) != nil
        case .index: tableOwning(index: object.name) != nil
        case .type: enumType(named: object.name) != nil
        case .constraint: table(named: object.table ?? "")?.constraint(named: object.name) != nil
        case .column: table(named: object.table ?? "")?.column(named: object.name) != nil
        }
    }

    /// The table an index belongs to, found by the index's name.
    func tableOwning(index name: String) -> (table: Table, index: Index)? {
        for table in tables {
            if let index = table.indexes.first(where: { $0.name == name }) {
                return (table, index)
            }
        }
        return nil
    }

    /// Every relation name in the schema: tables, indexes, and the indexes
    /// behind primary keys and unique constraints.
    func relationNames() -> Set<String> {
        var names = Set<String>()
        for table in tables {
            names.insert(table.name)
            for index in table.indexes { names.insert(index.name ?? "") }
            for constraint in table.constraints {
                switch constraint.kind {
                case .primaryKey, .unique: names.insert(constraint.name)
                default: break
                }
            }
        }
        return names
    }

    /// Columns of any table whose type is the enum `name`.
    func columns(usingEnum name: String) -> [(table: String, column: Column)] {
        tables.flatMap { table in
            table.columns.filter { $0.type.enumName == name }.map { (table.name, $0) }
        }
    }

    // Mutation, used by SchemaModel+Apply.

    mutating func insert(_ table: Table) { tables.append(table) }

    mutating func removeTable(named name: String) { tables.removeAll { $0.name == name } }

    mutating func updateTable(named name: String, _ change: (inout Table) -> Void) {
        guard let position = tables.firstIndex(where: { $0.name == name }) else { return }
        change(&tables[position])
    }

    mutating func updateAllTables(_ change: (inout Table) -> Void) {
        for position in tables.indices { change(&tables[position]) }
    }

    mutating func insert(_ type: EnumType) { enums.append(type) }

    mutating func removeEnum(named name: String) { enums.removeAll { $0.name == name } }

    mutating func updateEnum(named name: String, _ change: (inout EnumType) -> Void) {
        guard let position = enums.firstIndex(where: { $0.name == name }) else { return }
        change(&enums[position])
    }
}

/// A PostgreSQL enum type and its labels in order.
public struct EnumType: Hashable, Sendable {
    public var name: String
    public var values: [String]
}

/// An operation that does not fit the schema it is applied to: a table
/// created twice, a column that does not exist, ...
public struct ModelError: Error, Equatable, CustomStringConvertible {
    public var message: String
    public var description: String { message }
}
