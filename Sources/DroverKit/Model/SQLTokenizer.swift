/// One lexical piece of an SQL expression, as far as comparing expressions
/// needs: string literals by their value, identifiers by their name, casts
/// already gone.
enum SQLToken: Hashable {
    /// A string literal's value, whatever quoting wrote it.
    case literal(String)
    /// An unquoted word, folded to lower case, or a quoted identifier as is.
    case word(String)
    case number(String)
    /// An operator or punctuation: `(`, `)`, `[`, `]`, `,`, `.`, `>=`, ...
    case symbol(String)

    var text: String {
        switch self {
        case .literal(let value): "'" + value.replacingOccurrences(of: "'", with: "''") + "'"
        case .word(let name): name
        case .number(let digits): digits
        case .symbol(let symbol): symbol
        }
    }

    func isSymbol(_ symbol: String) -> Bool { self == .symbol(symbol) }
    func isWord(_ word: String) -> Bool { self == .word(word) }
}

/// Splits SQL into ``SQLToken``s, dropping casts (`::type`) on the way. A
/// quoted number cast to a numeric type becomes a number, as PostgreSQL
/// writes `-1` back as `'-1'::integer`.
struct SQLTokenizer {
    private let characters: [Character]
    private var position = 0
    private(set) var tokens: [SQLToken] = []

    static func tokens(of sql: String) -> [SQLToken] {
        var tokenizer = SQLTokenizer(characters: Array(sql))
        tokenizer.run()
        return tokenizer.tokens
    }

    private init(characters: [Character]) {
        self.characters = characters
    }

    private static let operatorCharacters = Set("+-*/<>=~!@#%^&|`?")
    private static let numericTypes: Set<String> = [
        "smallint", "integer", "bigint", "numeric", "decimal", "real", "double precision",
        "int2", "int4", "int8", "float4", "float8", "int",
    ]

    private func peek(_ offset: Int = 0) -> Character? {
        let index = position + offset
        return index < characters.count ? characters[index] : nil
    }

    private mutating func run() {
        while let character = peek() {
            if character.isWhitespace {
                position += 1
            } else if character == ":" && peek(1) == ":" {
                position += 2
                let type = readTypeName()
                if Self.numericTypes.contains(type), case .literal(let value)? = tokens.last,
                   SQLNormalizer.isNumber(value) {
                    tokens[tokens.count - 1] = .number(value)
                }
            } else if character == "'" {
                position += 1
                tokens.append(.literal(readStandardString()))
            } else if (character == "E" || character == "e") && peek(1) == "'" {
                position += 2
                tokens.append(.literal(readEscapeString()))
            } else if character == "\"" {
                position += 1
                tokens.append(.word(readQuotedIdentifier()))
            } else if character.isNumber {
                tokens.append(.number(readWhile { $0.isNumber || $0 == "." }))
            } else if character.isLetter || character == "_" {
                tokens.append(.word(readWhile(isIdentifierCharacter).lowercased()))
            } else if Self.operatorCharacters.contains(character) {
                appendOperator(readWhile { Self.operatorCharacters.contains($0) })
            } else {
                tokens.append(.symbol(String(character)))
                position += 1
            }
        }
    }

    private func isIdentifierCharacter(_ character: Character) -> Bool {
        character.isLetter || character.isNumber || character == "_" || character == "$"
    }

    private mutating func readWhile(_ accept: (Character) -> Bool) -> String {
        var text = ""
        while let character = peek(), accept(character) {
            text.append(character)
            position += 1
        }
        return text
    }

    /// `-` right before a number, where no operand precedes it, is the
    /// number's sign; `!=` is PostgreSQL's `<>`.
    private mutating func appendOperator(_ symbol: String) {
        let operand: Bool
        switch tokens.last {
        case .literal?, .number?: operand = true
        case .word(let word)?: operand = !["and", "or", "not", "then", "else", "when",
                                           "between", "in", "is"].contains(word)
        case .symbol(let previous)?: operand = previous == ")" || previous == "]"
        case nil: operand = false
        }
        if symbol == "-", !operand, let next = peek(), next.isNumber {
            tokens.append(.number("-" + readWhile { $0.isNumber || $0 == "." }))
            return
        }
        tokens.append(.symbol(symbol == "!=" ? "<>" : symbol))
    }

    /// After `'`: the value of a standard-conforming literal.
    private mutating func readStandardString() -> String {
        readQuoted(by: "'")
    }

    /// After an opening `quote`: the text up to the closing one, a doubled
    /// quote standing for one.
    private mutating func readQuoted(by quote: Character) -> String {
        var value = ""
        while let character = peek() {
            position += 1
            if character == quote {
                guard peek() == quote else { break }
                value.append(quote)
                position += 1
            } else {
                value.append(character)
            }
        }
        return value
    }

    /// After `E'`: the value of an escape-string literal.
    private mutating func readEscapeString() -> String {
        var value = ""
        while let character = peek() {
            position += 1
            if character == "\\", let escaped = peek() {
                position += 1
                switch escaped {
                case "n": value.append("\n")
                case "t": value.append("\t")
                case "r": value.append("\r")
                case "b": value.append("\u{8}")
                case "f": value.append("\u{c}")
                default: value.append(escaped)
                }
            } else if character == "'" {
                if peek() == "'" {
                    value.append("'")
                    position += 1
                } else {
                    break
                }
            } else {
                value.append(character)
            }
        }
        return value
    }

    /// After `"`: the identifier, doubled quotes undone.
    private mutating func readQuotedIdentifier() -> String {
        readQuoted(by: "\"")
    }

    /// Skips a type name after `::`, such as `integer`, `character
    /// varying(20)`, `"tenant-a".booking_status`, `text[]` or `timestamp
    /// with time zone`, and returns its last part in lower case.
    private mutating func readTypeName() -> String {
        var name = ""
        repeat {
            if peek() == "." { position += 1 }
            while peek()?.isWhitespace == true { position += 1 }
            if peek() == "\"" {
                position += 1
                name = readQuotedIdentifier()
            } else {
                name = readWhile(isIdentifierCharacter).lowercased()
            }
        } while peek() == "."
        let continuations = ["varying", "precision", "with", "without", "time", "zone"]
        while true {
            let start = position
            while peek()?.isWhitespace == true { position += 1 }
            let word = readWhile(isIdentifierCharacter).lowercased()
            if !word.isEmpty, continuations.contains(word) {
                name += " " + word
            } else {
                position = start
                break
            }
        }
        skipBracketed(open: "(", close: ")")
        while peek() == "[" { skipBracketed(open: "[", close: "]") }
        return name
    }

    private mutating func skipBracketed(open: Character, close: Character) {
        guard peek() == open else { return }
        var depth = 0
        while let character = peek() {
            position += 1
            if character == open { depth += 1 }
            if character == close {
                depth -= 1
                if depth == 0 { return }
            }
        }
    }
}
