import Foundation

/// SQL rendered once for every tenant, with a placeholder where the
/// quoted tenant schema goes. Filling it in is a join, not a re-render.
public struct SQLTemplate: Hashable, Sendable {
    /// Stands for the quoted schema name until a tenant is known. A control
    /// character cannot come from an identifier Drover quotes itself.
    static let schemaPlaceholder = "\u{1}schema\u{1}"

    /// Each statement split at the placeholder.
    private let statements: [[String]]

    public init(statements: [String]) {
        self.statements = statements.map {
            $0.components(separatedBy: Self.schemaPlaceholder)
        }
    }

    public var isEmpty: Bool { statements.isEmpty }

    public var statementCount: Int { statements.count }

    /// The statements for one schema.
    public func statements(forSchema schema: String) -> [String] {
        let quoted = SQLIdentifier.quote(schema)
        return statements.map { $0.joined(separator: quoted) }
    }

    /// All statements for one schema as one script, `;`-terminated.
    public func script(forSchema schema: String) -> String {
        statements(forSchema: schema).map { $0 + ";\n" }.joined()
    }

    /// A stable rendering for checksums and `--dry-run` listings.
    public var canonicalText: String {
        statements.map { $0.joined(separator: "{schema}") + ";\n" }.joined()
    }
}
