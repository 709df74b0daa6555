/// An error reported by libpq or the server, with every field the server
/// gave: SQLSTATE, message, detail, hint and position.
public struct DatabaseError: Error, Sendable, Equatable, CustomStringConvertible {
    public var sqlState: String?
    public var message: String
    public var detail: String?
    public var hint: String?
    /// 1-based character position in the statement, when the server gave one.
    public var position: Int?

    public init(sqlState: String? = nil, message: String, detail: String? = nil,
                hint: String? = nil, position: Int? = nil) {
        self.sqlState = sqlState
        self.message = message
        self.detail = detail
        self.hint = hint
        self.position = position
    }

    /// One line: `message (SQLSTATE 42P07; detail: ...; hint: ...)`.
    public var description: String {
        var extras: [String] = []
        if let sqlState { extras.append("SQLSTATE \(sqlState)") }
        if let detail { extras.append("detail: \(detail)") }
        if let hint { extras.append("hint: \(hint)") }
        let text = extras.isEmpty ? message : "\(message) (\(extras.joined(separator: "; ")))"
        return text.split(whereSeparator: \.isNewline).joined(separator: " ")
    }

    /// The object a statement creates already exists: duplicate table,
    /// object (type, constraint, index), column or schema.
    public var isDuplicateObject: Bool {
        ["42P07", "42710", "42701", "42P06"].contains(sqlState ?? "")
    }

    /// A lock could not be taken within `lock_timeout`.
    public var isLockTimeout: Bool { sqlState == "55P03" }

    /// The statement ran past `statement_timeout`, or was cancelled.
    public var isTimeout: Bool { sqlState == "57014" }

    /// The connection itself failed (class 08) or was never made.
    public var isConnectionFailure: Bool { sqlState?.hasPrefix("08") ?? true }
}
