/// One way in which a schema differs from what was expected.
public struct SchemaDifference: Hashable, Sendable, CustomStringConvertible {
    public enum Kind: String, Hashable, Sendable, CaseIterable {
        case missingTable = "missing table"
        case unexpectedTable = "unexpected table"
        case missingColumn = "missing column"
        case unexpectedColumn = "unexpected column"
        case typeMismatch = "type mismatch"
        case nullabilityMismatch = "nullability mismatch"
        case defaultMismatch = "default mismatch"
        case identityMismatch = "identity mismatch"
        case missingIndex = "missing index"
        case unexpectedIndex = "unexpected index"
        case indexMismatch = "index mismatch"
        case missingConstraint = "missing constraint"
        case unexpectedConstraint = "unexpected constraint"
        case constraintMismatch = "constraint mismatch"
        case missingEnum = "missing enum"
        case unexpectedEnum = "unexpected enum"
        case enumValuesMismatch = "enum values mismatch"

        /// Something exists that no migration made.
        public var isUnexpected: Bool {
            switch self {
            case .unexpectedTable, .unexpectedColumn, .unexpectedIndex, .unexpectedConstraint,
                 .unexpectedEnum: true
            default: false
            }
        }
    }

    public var kind: Kind
    /// `table`, `table.column`, `index`, `constraint on table`, `enum`.
    public var object: String
    public var expected: String?
    public var found: String?
    /// The table the object belongs to (`nil` for tables and enums).
    public var table: String?
    /// The object's own name: table, column, index, constraint or enum.
    public var name: String

    public init(_ kind: Kind, _ object: String, table: String? = nil, name: String? = nil,
                expected: String? = nil, found: String? = nil) {
        self.kind = kind
        self.object = object
        self.table = table
        self.name = name ?? object
        self.expected = expected
        self.found = found
    }

    public var description: String {
        var text = "\(kind.rawValue): \(object)"
        if let expected { text += " (expected \(expected)" + (found.map { ", found \($0))" } ?? ")") }
        else if let found { text += " (found \(found))" }
        return text
    }
}
