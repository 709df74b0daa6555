/// The column types of Drover's schema language.
public enum ColumnType: Hashable, Sendable {
    case smallint
    case integer
    case bigint
    /// `varchar(n)`.
    case string(Int)
    case text
    /// `numeric(precision, scale)`; money is `.decimal(10, 2)`.
    case decimal(Int, Int)
    case boolean
    case date
    case timestamptz
    case jsonb
    case uuid
    /// A PostgreSQL enum type created by ``CreateEnum`` in the same schema.
    case enumeration(String)
    /// Any other PostgreSQL type, written exactly as given: `.custom("inet")`,
    /// `.custom("text[]")`, `.custom("numeric")`. The renderer writes the text
    /// as is, unquoted and unqualified, so it is SQL the author answers for.
    /// To compare equal with the live schema, spell it the way PostgreSQL's
    /// `format_type` does (`character varying`, `timestamp without time zone`);
    /// the comparison also accepts common short forms such as `int4` or
    /// `timestamp`. Introspection reads every type it has no case for as
    /// `.custom` with `format_type`'s text.
    case custom(String)

    /// Money as our users keep it: `numeric(10,2)`.
    public static let money = ColumnType.decimal(10, 2)

    /// The type as PostgreSQL's `format_type` spells it, which is also what
    /// the renderer writes (enum types are qualified by the renderer).
    public var canonicalName: String {
        switch self {
        case .smallint: "smallint"
        case .integer: "integer"
        case .bigint: "bigint"
        case .string(let length): "character varying(\(length))"
        case .text: "text"
        case .decimal(let precision, let scale): "numeric(\(precision),\(scale))"
        case .boolean: "boolean"
        case .date: "date"
        case .timestamptz: "timestamp with time zone"
        case .jsonb: "jsonb"
        case .uuid: "uuid"
        case .enumeration(let name): name
        case .custom(let text): text
        }
    }

    /// Whether `GENERATED ... AS IDENTITY` is allowed on this type.
    var allowsIdentity: Bool {
        switch self {
        case .smallint, .integer, .bigint: true
        default: false
        }
    }

    /// The enum type this column depends on, if any.
    var enumName: String? {
        if case .enumeration(let name) = self { return name }
        return nil
    }
}
