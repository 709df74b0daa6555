/// Brings SQL expressions to a form in which the way they were written no
/// longer matters, so that the model's spelling and the one PostgreSQL
/// gives back from its catalog compare equal:
///
/// - casts go (`'draft'::"tenant_a".booking_status` is `'draft'`,
///   `'{}'::jsonb` is `'{}'`), a quoted number cast to a numeric type is the
///   number (`'-1'::integer` is `-1`);
/// - string literals are compared by value (`E'C:\\temp'` is `'C:\temp'`);
/// - parentheses go (`((quantity > 0))`, `now()`), and spacing and the case
///   of keywords and unquoted names do not count;
/// - `!=` is `<>`, `x IN (a, b)` is `x = ANY (ARRAY[a, b])`, `NOT IN` is
///   `<> ALL`, `x BETWEEN a AND b` is `x >= a AND x <= b`.
///
/// What stays: every name, operator, number and literal value, so a
/// different default, bound or column shows. Dropping parentheses means a
/// change of grouping alone, `(a OR b) AND c` against `a OR (b AND c)`, is
/// not seen.
enum SQLNormalizer {
    static func defaultText(_ value: DefaultValue) -> String {
        switch value {
        case .string(let text): return SQLToken.literal(text).text
        case .integer(let number): return String(number)
        case .boolean(let flag): return flag ? "true" : "false"
        case .decimal(let text): return expressionText(text)
        case .expression(let sql): return expressionText(sql)
        }
    }

    /// A column type as `format_type` would spell it, so that `.custom`
    /// written with a short form (`int4`, `varchar(20)`, `timestamptz`)
    /// equals the case or `format_type` text introspection reads.
    static func typeText(_ type: ColumnType) -> String {
        guard case .custom(let text) = type else { return type.canonicalName }
        var spelled = text.lowercased().split(whereSeparator: \.isWhitespace)
            .joined(separator: " ")
            .replacingOccurrences(of: " (", with: "(")
            .replacingOccurrences(of: ", ", with: ",")
        let aliases = [
            "int": "integer", "int4": "integer", "int2": "smallint", "int8": "bigint",
            "bool": "boolean", "varchar": "character varying", "char": "character",
            "timestamptz": "timestamp with time zone", "timestamp": "timestamp without time zone",
            "timetz": "time with time zone", "time": "time without time zone",
            "float8": "double precision", "float4": "real", "decimal": "numeric",
        ]
        let end = spelled.firstIndex { $0 == "(" || $0 == "[" } ?? spelled.endIndex
        if let full = aliases[String(spelled[..<end])] {
            let rest = spelled[end...]
            // `timestamptz(3)` is spelled `timestamp(3) with time zone`.
            if let zone = full.range(of: " with"), rest.hasPrefix("(") {
                spelled = String(full[..<zone.lowerBound]) + rest + full[zone.lowerBound...]
            } else {
                spelled = full + rest
            }
        }
        return spelled
    }

    /// The expression as normalized tokens, one space apart.
    static func expressionText(_ sql: String) -> String {
        var tokens = SQLTokenizer.tokens(of: sql)
        tokens = rewritingInLists(tokens)
        tokens.removeAll { $0.isSymbol("(") || $0.isSymbol(")") }
        tokens = rewritingBetween(tokens)
        if tokens.count == 1, case .literal(let value) = tokens[0], isNumber(value) {
            return value
        }
        return tokens.map(\.text).joined(separator: " ")
    }

    /// Digits with at most one point and an optional leading minus.
    static func isNumber(_ text: String) -> Bool {
        var body = Substring(text)
        if body.first == "-" { body = body.dropFirst() }
        return !body.isEmpty && body.first != "." && body.last != "."
            && body.allSatisfy { $0.isASCII && ($0.isNumber || $0 == ".") }
            && body.filter { $0 == "." }.count <= 1
    }

    /// `[NOT] IN ( list )` as `= ANY ( ARRAY [ list ] )` or `<> ALL (...)`.
    private static func rewritingInLists(_ tokens: [SQLToken]) -> [SQLToken] {
        var result: [SQLToken] = []
        var index = 0
        while index < tokens.count {
            let token = tokens[index]
            guard token.isWord("in"), index + 1 < tokens.count, tokens[index + 1].isSymbol("("),
                  let close = matchingParenthesis(in: tokens, from: index + 1)
            else {
                result.append(token)
                index += 1
                continue
            }
            let negated = result.last?.isWord("not") == true
            if negated { result.removeLast() }
            result += [.symbol(negated ? "<>" : "="), .word(negated ? "all" : "any"),
                       .symbol("("), .word("array"), .symbol("[")]
            result += rewritingInLists(Array(tokens[(index + 2)..<close]))
            result += [.symbol("]"), .symbol(")")]
            index = close + 1
        }
        return result
    }

    private static func matchingParenthesis(in tokens: [SQLToken], from open: Int) -> Int? {
        var depth = 0
        for index in open..<tokens.count {
            if tokens[index].isSymbol("(") { depth += 1 }
            if tokens[index].isSymbol(")") {
                depth -= 1
                if depth == 0 { return index }
            }
        }
        return nil
    }

    /// `x [NOT] BETWEEN a AND b`, each a single token once parentheses are
    /// gone, as the pair of comparisons PostgreSQL stores.
    private static func rewritingBetween(_ tokens: [SQLToken]) -> [SQLToken] {
        var result: [SQLToken] = []
        var index = 0
        while index < tokens.count {
            let token = tokens[index]
            let negated = result.last?.isWord("not") == true
            let operandPosition = result.count - (negated ? 2 : 1)
            guard token.isWord("between"), operandPosition >= 0,
                  isOperand(result[operandPosition]),
                  index + 3 < tokens.count, tokens[index + 2].isWord("and"),
                  isOperand(tokens[index + 1]), isOperand(tokens[index + 3])
            else {
                result.append(token)
                index += 1
                continue
            }
            let operand = result[operandPosition]
            result.removeLast(negated ? 2 : 1)
            let (low, high) = (tokens[index + 1], tokens[index + 3])
            result += negated
                ? [operand, .symbol("<"), low, .word("or"), operand, .symbol(">"), high]
                : [operand, .symbol(">="), low, .word("and"), operand, .symbol("<="), high]
            index += 4
        }
        return result
    }

    private static func isOperand(_ token: SQLToken) -> Bool {
        switch token {
        case .literal, .number: true
        case .word(let word): !["and", "or", "not", "between", "symmetric"].contains(word)
        case .symbol: false
        }
    }
}
