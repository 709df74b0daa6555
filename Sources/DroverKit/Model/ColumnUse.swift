import Foundation

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

/// Renames a column inside an SQL expression, as PostgreSQL does when a
/// column named in a check or an index predicate is renamed. String
/// literals are left alone; everything but the name keeps its spelling.
enum ColumnRename {
    static func apply(to sql: String, from old: String, to new: String) -> String {
        let characters = Array(sql)
        var output = ""
        var index = 0
        while index < characters.count {
            let character = characters[index]
            if character == "'" || character == "\"" {
                let end = closing(character, in: characters, from: index)
                let quoted = String(characters[index..<end])
                let inner = String(characters[(index + 1)..<max(index + 1, end - 1)])
                    .replacingOccurrences(of: "\"\"", with: "\"")
                output += character == "\"" && inner == old ? SQLIdentifier.quote(new) : quoted
                index = end
            } else if character.isLetter || character == "_" {
                var end = index
                while end < characters.count,
                      characters[end].isLetter || characters[end].isNumber
                        || characters[end] == "_" || characters[end] == "$" {
                    end += 1
                }
                let word = String(characters[index..<end])
                output += word.lowercased() == old ? SQLIdentifier.quote(new) : word
                index = end
            } else {
                output.append(character)
                index += 1
            }
        }
        return output
    }

    /// The index just past the quote that closes the one at `start`; a
    /// doubled quote is part of the text.
    private static func closing(_ quote: Character, in characters: [Character],
                                from start: Int) -> Int {
        var index = start + 1
        while index < characters.count {
            if characters[index] == quote {
                if index + 1 < characters.count && characters[index + 1] == quote {
                    index += 2
                    continue
                }
                return index + 1
            }
            index += 1
        }
        return characters.count
    }
}
