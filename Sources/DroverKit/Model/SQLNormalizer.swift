/// Brings SQL expressions to a form in which the way they were written no
/// longer matters: `0`, `'0'::integer` and `(0)` compare equal, as do the
/// model's `'draft'` and the catalog's `'draft'::booking_status`.
enum SQLNormalizer {
    static func defaultText(_ value: DefaultValue) -> String {
        switch value {
        case .string(let text): return SQLLiteral.quote(text)
        case .integer(let number): return String(number)
        case .boolean(let flag): return flag ? "true" : "false"
        case .decimal(let text): return unquotedNumber(text)
        case .expression(let sql): return expressionText(sql)
        }
    }

    /// Lowercase outside string literals, no casts, no parentheses, no
    /// spaces, numbers unquoted.
    static func expressionText(_ sql: String) -> String {
        var output = ""
        var inLiteral = false
        var characters = Array(sql)
        var index = 0
        while index < characters.count {
            let character = characters[index]
            if character == "'" {
                inLiteral.toggle()
                output.append(character)
            } else if inLiteral {
                output.append(character)
            } else if character == ":" && index + 1 < characters.count
                        && characters[index + 1] == ":" {
                index = skipTypeName(in: characters, from: index + 2)
                continue
            } else if !"() \n\t\"".contains(character) {
                output += character.lowercased()
            }
            index += 1
        }
        characters.removeAll()
        return unquotedNumber(output)
    }

    /// Skips a type name after `::`, such as `integer`, `character
    /// varying(20)`, `"tenant_acme".booking_status` or `timestamp with time zone`.
    private static func skipTypeName(in characters: [Character], from start: Int) -> Int {
        var index = start
        let stopAt: Set<Character> = [",", "=", "<", ">", "+", "-", "*", "/", "|", ")"]
        var depth = 0
        while index < characters.count {
            let character = characters[index]
            if character == "(" { depth += 1 }
            if character == ")" {
                if depth == 0 { break }
                depth -= 1
            } else if depth == 0 && (stopAt.contains(character) || character == "'") {
                break
            }
            if depth == 0 && character == " " {
                let rest = String(characters[index...]).lowercased()
                let continues = ["with", "without", "time", "zone", "varying", "precision"]
                    .contains { rest.dropFirst().hasPrefix($0) }
                if !continues { break }
            }
            index += 1
        }
        return index
    }

    private static func unquotedNumber(_ text: String) -> String {
        var candidate = text
        if candidate.count >= 2, candidate.first == "'", candidate.last == "'" {
            candidate = String(candidate.dropFirst().dropLast())
        }
        if !candidate.isEmpty, Double(candidate) != nil,
           candidate.allSatisfy({ $0.isNumber || $0 == "." || $0 == "-" }) {
            return candidate
        }
        return text
    }
}
