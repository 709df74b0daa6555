/// The checks Drover makes on names that become PostgreSQL identifiers
/// (the revision table, schema names): what libpq and the server would
/// otherwise reject or silently truncate.
enum IdentifierRule {
    /// PostgreSQL's NAMEDATALEN - 1: longer names are truncated by the server.
    static let maximumBytes = 63

    /// What is wrong with `name`, worded to follow its subject
    /// ("must not be empty"), or nil when it is acceptable.
    static func problem(with name: String) -> String? {
        if name.isEmpty { return "must not be empty" }
        if name.utf8.contains(0) { return "must not contain a nul character" }
        let length = name.utf8.count
        if length > maximumBytes {
            return "is \(length) bytes long (postgresql allows at most \(maximumBytes))"
        }
        return nil
    }
}
