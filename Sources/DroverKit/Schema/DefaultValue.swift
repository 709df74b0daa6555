/// A column default: a literal value, escaped by Drover, or an SQL
/// expression written by the migration author.
public enum DefaultValue: Hashable, Sendable {
    case string(String)
    case integer(Int)
    /// A decimal written as text so that no precision is lost (`"0.00"`).
    case decimal(String)
    case boolean(Bool)
    /// Raw SQL, such as `now()` or `'{}'::jsonb`.
    case expression(String)

    /// `now()`.
    public static let now = DefaultValue.expression("now()")
    /// `gen_random_uuid()`.
    public static let randomUUID = DefaultValue.expression("gen_random_uuid()")
    /// An empty JSON object.
    public static let emptyObject = DefaultValue.expression("'{}'::jsonb")
    /// An empty JSON array.
    public static let emptyArray = DefaultValue.expression("'[]'::jsonb")
}

extension DefaultValue: ExpressibleByStringLiteral, ExpressibleByIntegerLiteral,
    ExpressibleByBooleanLiteral
{
    public init(stringLiteral value: String) { self = .string(value) }
    public init(integerLiteral value: Int) { self = .integer(value) }
    public init(booleanLiteral value: Bool) { self = .boolean(value) }
}
