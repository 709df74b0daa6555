/// A migration rendered once for all tenants: its SQL templates, checksum,
/// the objects it creates and the schema it leaves behind.
public struct CompiledMigration: Sendable {
    public let revision: String
    public let parent: String?
    public let summary: String
    public let location: String
    public let isTransactional: Bool
    public let upgrade: SQLTemplate
    /// `nil` when the migration cannot be undone; see `irreversibleReason`.
    public let downgrade: SQLTemplate?
    public let irreversibleReason: String?
    /// The migration itself says it cannot be undone (as opposed to Drover
    /// failing to derive a downgrade, which `drover check` reports).
    public let isMarkedIrreversible: Bool
    /// Whether `upgrade` runs raw SQL, whose effects the model does not know.
    public let containsRawSQL: Bool
    /// Whether `upgrade` only brings objects in (creates, adds, alters),
    /// never drops, renames or runs raw SQL: such a migration can be
    /// adopted when what it makes is found already there.
    public let onlyCreates: Bool
    /// SHA-256 of the canonical upgrade SQL, recorded with the revision.
    public let checksum: String
    /// What `upgrade` creates, for the "already exists" precheck.
    public let createdObjects: [SchemaObject]
    /// The expected schema once this migration has run.
    public let model: SchemaModel

    public var isReversible: Bool { downgrade != nil }
}

/// A named object in a tenant schema.
public struct SchemaObject: Hashable, Sendable, CustomStringConvertible {
    public enum Kind: String, Hashable, Sendable {
        case table, index, type, constraint, column
    }

    public var kind: Kind
    public var name: String
    /// The table a constraint or column belongs to.
    public var table: String?

    public init(_ kind: Kind, _ name: String, table: String? = nil) {
        self.kind = kind
        self.name = name
        self.table = table
    }

    public var description: String {
        switch kind {
        case .column: "column \(table ?? "?").\(name)"
        case .constraint: "constraint \(name) on \(table ?? "?")"
        case .type: "enum type \(name)"
        case .table, .index: "\(kind.rawValue) \(name)"
        }
    }
}

extension Operation {
    /// Whether the operation only adds to the schema or alters what is there.
    var onlyCreates: Bool {
        switch self {
        case .createTable, .addColumn, .alterColumn, .createIndex, .addConstraint,
             .createEnum, .addEnumValue: true
        default: false
        }
    }

    /// The objects this operation brings into the schema.
    var createdObjects: [SchemaObject] {
        switch self {
        case .createTable(let table):
            return [SchemaObject(.table, table.name)]
                + table.indexes.map { SchemaObject(.index, $0.name ?? "", table: table.name) }
                + table.constraints.map { SchemaObject(.constraint, $0.name, table: table.name) }
        case .renameTable(_, let newName):
            return [SchemaObject(.table, newName)]
        case .addColumn(let table, let column):
            return [SchemaObject(.column, column.name, table: table)]
        case .renameColumn(let table, _, let newName):
            return [SchemaObject(.column, newName, table: table)]
        case .createIndex(let table, let index, _):
            return [SchemaObject(.index, index.name ?? "", table: table)]
        case .addConstraint(let table, let constraint):
            return [SchemaObject(.constraint, constraint.name, table: table)]
        case .createEnum(let name, _):
            return [SchemaObject(.type, name)]
        default:
            return []
        }
    }
}
