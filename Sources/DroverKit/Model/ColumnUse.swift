/// Whether an index or constraint depends on a column: PostgreSQL drops it
/// along with the column, whether the column is in its key or only in its
/// expression (a check, a partial index's predicate).
extension Index {
    func uses(column: String) -> Bool {
        columns.contains(column) || (predicate.map { expression($0, names: column) } ?? false)
    }
}

extension Constraint {
    func uses(column: String) -> Bool {
        if case .check(let sql) = kind { return expression(sql, names: column) }
        return columns.contains(column)
    }
}

/// Whether `sql` names `column` as an identifier.
private func expression(_ sql: String, names column: String) -> Bool {
    SQLTokenizer.tokens(of: sql).contains(.word(column))
}
