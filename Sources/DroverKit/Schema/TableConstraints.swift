/// A foreign key from columns of one table to columns of another.
public struct ForeignKey: Hashable, Sendable {
    public var name: String?
    public var columns: [String]
    public var referencedTable: String
    public var referencedColumns: [String]
    public var onDelete: ForeignKeyAction
    public var onUpdate: ForeignKeyAction
    /// Whether an index on `columns` comes with it (the default).
    public var isIndexed: Bool

    public init(
        _ columns: [String],
        references table: String,
        _ referencedColumns: [String] = ["id"],
        onDelete: ForeignKeyAction = .noAction,
        onUpdate: ForeignKeyAction = .noAction,
        indexed: Bool = true,
        name: String? = nil
    ) {
        self.name = name
        self.columns = columns
        self.referencedTable = table
        self.referencedColumns = referencedColumns
        self.onDelete = onDelete
        self.onUpdate = onUpdate
        self.isIndexed = indexed
    }
}

/// A named table constraint, as the model keeps it.
public struct Constraint: Hashable, Sendable {
    public enum Kind: Hashable, Sendable {
        case primaryKey([String])
        case unique([String])
        case check(String)
        case foreignKey(ForeignKey)
    }

    public var name: String
    public var kind: Kind

    public init(name: String, kind: Kind) {
        self.name = name
        self.kind = kind
    }

    /// The columns a constraint covers (empty for a check).
    public var columns: [String] {
        switch kind {
        case .primaryKey(let columns), .unique(let columns): columns
        case .foreignKey(let key): key.columns
        case .check: []
        }
    }
}

/// An index on a table.
public struct Index: Hashable, Sendable {
    public var name: String?
    public var columns: [String]
    public var isUnique: Bool
    /// A partial index's predicate, SQL.
    public var predicate: String?

    public init(
        _ columns: [String],
        unique: Bool = false,
        where predicate: String? = nil,
        name: String? = nil
    ) {
        self.name = name
        self.columns = columns
        self.isUnique = unique
        self.predicate = predicate
    }
}

/// Names PostgreSQL would choose, which Drover writes out explicitly so the
/// model knows every object's name.
enum DefaultName {
    static func primaryKey(_ table: String) -> String { "\(table)_pkey" }
    static func unique(_ table: String, _ columns: [String]) -> String {
        "\(table)_\(columns.joined(separator: "_"))_key"
    }
    static func foreignKey(_ table: String, _ columns: [String]) -> String {
        "\(table)_\(columns.joined(separator: "_"))_fkey"
    }
    static func check(_ table: String, _ column: String) -> String {
        "\(table)_\(column)_check"
    }
    static func index(_ table: String, _ columns: [String]) -> String {
        "\(table)_\(columns.joined(separator: "_"))_idx"
    }
}
