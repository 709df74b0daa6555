/// One schema change, as plain data. Migrations build these through the
/// steps of the schema language; the renderer turns them into SQL and the
/// model applies them to know the schema at every revision.
public enum Operation: Hashable, Sendable {
    case createTable(Table)
    case dropTable(String)
    case renameTable(String, to: String)
    case addColumn(table: String, Column)
    case dropColumn(table: String, column: String)
    case renameColumn(table: String, from: String, to: String)
    case alterColumn(table: String, column: String, ColumnChange)
    case createIndex(table: String, Index, concurrently: Bool)
    case dropIndex(String, concurrently: Bool)
    case addConstraint(table: String, Constraint)
    case dropConstraint(table: String, name: String)
    case createEnum(String, values: [String])
    case dropEnum(String)
    case addEnumValue(enum: String, value: String, before: String?)
    /// Only ever derived, as the inverse of ``addEnumValue(enum:value:before:)``:
    /// PostgreSQL has no `DROP VALUE`, so the type is rebuilt.
    case removeEnumValue(enum: String, value: String)
    /// SQL written by hand; `downgrade` is its inverse when one was given.
    case raw(String, downgrade: String?)

    /// Whether PostgreSQL refuses to run this inside a transaction block.
    var needsAutocommit: Bool {
        switch self {
        case .createIndex(_, _, let concurrently), .dropIndex(_, let concurrently):
            concurrently
        default: false
        }
    }
}

/// What ``AlterColumn`` changes; `nil` fields stay as they are.
public struct ColumnChange: Hashable, Sendable {
    public var type: ColumnType?
    /// `USING` expression for a type change.
    public var using: String?
    public var isNullable: Bool?
    public var defaultChange: DefaultChange?

    public init(type: ColumnType? = nil, using: String? = nil, isNullable: Bool? = nil,
                defaultChange: DefaultChange? = nil) {
        self.type = type
        self.using = using
        self.isNullable = isNullable
        self.defaultChange = defaultChange
    }

    var isEmpty: Bool { type == nil && isNullable == nil && defaultChange == nil }
}

/// A change of a column default.
public enum DefaultChange: Hashable, Sendable {
    case set(DefaultValue)
    case drop
}
