import Foundation

/// The rows of ``CatalogQueries``, turned into model objects. Each initializer
/// fails only on a row without the names that place it.

struct EnumRow {
    let schema: String
    let type: EnumType

    init?(_ row: [String?]) {
        guard row.count >= 3, let schema = row[0], let name = row[1] else { return nil }
        self.schema = schema
        type = EnumType(name: name, values: CatalogJSON.names(row[2]))
    }
}

struct ColumnRow {
    let schema: String
    let table: String
    /// `nil` for the row of a table that has no columns.
    let column: Column?

    init?(_ row: [String?]) {
        guard row.count >= 10, let schema = row[0], let table = row[1] else { return nil }
        self.schema = schema
        self.table = table
        guard let name = row[2], let typeText = row[3] else {
            column = nil
            return
        }
        var column = Column(name, ColumnRow.type(typeText, kind: row[4], typeName: row[5]))
        column.isNullable = row[6] != "t"
        column.isIdentity = !(row[8] ?? "").isEmpty
        if let expression = row[7] {
            column.defaultValue = (row[9] ?? "").isEmpty
                ? .expression(expression)
                : .expression("GENERATED ALWAYS AS (\(expression)) STORED")
        }
        self.column = column
    }

    /// The schema language's type for `format_type`'s text.
    static func type(_ text: String, kind: String?, typeName: String?) -> ColumnType {
        switch kind {
        case "enum": return .enumeration(typeName ?? text)
        case "builtin": return builtinType(text) ?? .custom(text)
        default: return .custom(text)
        }
    }

    private static func builtinType(_ text: String) -> ColumnType? {
        switch text {
        case "smallint": return .smallint
        case "integer": return .integer
        case "bigint": return .bigint
        case "text": return .text
        case "boolean": return .boolean
        case "date": return .date
        case "timestamp with time zone": return .timestamptz
        case "jsonb": return .jsonb
        case "uuid": return .uuid
        default: break
        }
        if let arguments = modifiers(of: text, after: "character varying"),
           arguments.count == 1 {
            return .string(arguments[0])
        }
        if let arguments = modifiers(of: text, after: "numeric"), arguments.count == 2 {
            return .decimal(arguments[0], arguments[1])
        }
        return nil
    }

    /// The numbers in `name(1,2)`, or `nil` when `text` is not that.
    private static func modifiers(of text: String, after name: String) -> [Int]? {
        guard text.hasPrefix(name + "("), text.hasSuffix(")") else { return nil }
        let inside = text.dropFirst(name.count + 1).dropLast()
        let numbers = inside.split(separator: ",").map {
            Int($0.trimmingCharacters(in: .whitespaces))
        }
        guard !numbers.isEmpty, numbers.allSatisfy({ $0 != nil }) else { return nil }
        return numbers.compactMap { $0 }
    }
}

struct ConstraintRow {
    let schema: String
    let table: String
    /// `nil` for a constraint the model has no kind for.
    let constraint: Constraint?

    init?(_ row: [String?]) {
        guard row.count >= 11, let schema = row[0], let table = row[1], let name = row[2]
        else { return nil }
        self.schema = schema
        self.table = table
        let columns = CatalogJSON.names(row[9])
        let definition = row[4] ?? ""
        let kind: Constraint.Kind?
        switch row[3] {
        case "p": kind = .primaryKey(columns)
        case "u": kind = .unique(columns)
        case "c": kind = .check(ConstraintRow.checkExpression(definition))
        case "f":
            var referenced = row[7] ?? ""
            if let referencedSchema = row[8], referencedSchema != schema {
                referenced = referencedSchema + "." + referenced
            }
            var key = ForeignKey(columns, references: referenced, CatalogJSON.names(row[10]),
                                 onDelete: ConstraintRow.action(row[5]),
                                 onUpdate: ConstraintRow.action(row[6]),
                                 name: name)
            key.isIndexed = false  // settled once the table's indexes are known
            kind = .foreignKey(key)
        case "x":
            // No model counterpart: kept as its definition, so that it shows.
            kind = .check(definition)
        default:
            kind = nil
        }
        constraint = kind.map { Constraint(name: name, kind: $0) }
    }

    /// `a`, `r`, `c`, `n`, `d` of `confdeltype` and `confupdtype`.
    static func action(_ code: String?) -> ForeignKeyAction {
        switch code {
        case "r": .restrict
        case "c": .cascade
        case "n": .setNull
        case "d": .setDefault
        default: .noAction
        }
    }

    /// The expression inside `CHECK (...)`, clauses such as `NOT VALID`
    /// after it left out; the definition unchanged if it has another form.
    static func checkExpression(_ definition: String) -> String {
        let opening = "CHECK ("
        guard definition.hasPrefix(opening) else { return definition }
        let body = Array(definition.dropFirst(opening.count))
        var depth = 0
        var quote: Character?
        for (position, character) in body.enumerated() {
            if let open = quote {
                if character == open { quote = nil }
                continue
            }
            switch character {
            case "'", "\"": quote = character
            case "(": depth += 1
            case ")":
                if depth == 0 { return String(body[..<position]) }
                depth -= 1
            default: break
            }
        }
        return definition
    }
}

struct IndexRow {
    let schema: String
    let table: String
    let index: Index
    /// The index of a primary key, unique or exclusion constraint.
    let backsConstraint: Bool
    /// Key columns by name (empty for an expression index).
    let columns: [String]

    init?(_ row: [String?]) {
        guard row.count >= 8, let schema = row[0], let table = row[1], let name = row[2]
        else { return nil }
        self.schema = schema
        self.table = table
        backsConstraint = row[5] == "t"
        columns = CatalogJSON.names(row[7])
        // An index the model cannot describe is listed by its definition,
        // which no declared column list equals.
        let listed = row[6].map { [$0] } ?? columns
        index = Index(listed, unique: row[3] == "t", where: row[4], name: name)
    }
}

/// `json_agg` of names, as sent in text.
enum CatalogJSON {
    static func names(_ text: String?) -> [String] {
        guard let text, let data = text.data(using: .utf8),
              let names = try? JSONDecoder().decode([String?].self, from: data)
        else { return [] }
        return names.compactMap { $0 }
    }
}
