/// The rows of a query, as text (libpq's text format).
public struct QueryResult: Sendable {
    public let columns: [String]
    public let rows: [[String?]]

    public var isEmpty: Bool { rows.isEmpty }

    /// Values of one column, by name.
    public func column(_ name: String) -> [String?] {
        guard let index = columns.firstIndex(of: name) else { return [] }
        return rows.map { $0[index] }
    }
}
