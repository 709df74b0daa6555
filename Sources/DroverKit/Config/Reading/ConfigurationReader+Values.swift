/// Reading single values: each checks the node's kind and content and names
/// the key (dotted for nested keys, e.g. `timeouts.lock`) in its error.
extension ConfigurationReader {
    func string(_ node: YAMLNode, key: String) throws(ConfigurationError) -> String {
        guard case .scalar(let text, _) = node.value else {
            throw failure(at: node.line,
                          "'\(key)' must be a string, found \(node.kindDescription)")
        }
        return text
    }

    /// The expanded `database` value. Its text never appears in an error,
    /// since it may contain a password.
    func database(_ node: YAMLNode) throws(ConfigurationError) -> String {
        let text = try string(node, key: "database")
        let expanded: String
        do {
            expanded = try VariableExpander(environment: environment).expand(text)
        } catch {
            throw failure(at: node.line, Self.describe(error))
        }
        if expanded.utf8.contains(0) {
            throw failure(at: node.line, "'database' must not contain a nul character")
        }
        return expanded
    }

    func pattern(_ node: YAMLNode) throws(ConfigurationError) -> String {
        let text = try string(node, key: "tenants.pattern")
        if text.isEmpty {
            throw failure(at: node.line, "'tenants.pattern' must not be empty")
        }
        if text.utf8.contains(0) {
            throw failure(at: node.line, "'tenants.pattern' must not contain a nul character")
        }
        return text
    }

    func identifier(_ node: YAMLNode, key: String) throws(ConfigurationError) -> String {
        let text = try string(node, key: key)
        if let problem = IdentifierRule.problem(with: text) {
            throw failure(at: node.line, "'\(key)' \(problem)")
        }
        return text
    }

    /// A sequence of schema names, each with its line for later checks.
    func schemaNames(
        _ node: YAMLNode,
        key: String
    ) throws(ConfigurationError) -> [(name: String, line: Int)] {
        guard case .sequence(let items) = node.value else {
            throw failure(at: node.line, "'\(key)' must be a sequence of schema names, "
                          + "found \(node.kindDescription)")
        }
        var names: [(name: String, line: Int)] = []
        for item in items {
            guard case .scalar(let text, _) = item.value, !item.isNull else {
                throw failure(at: item.line, "entries of '\(key)' must be schema names, "
                              + "found \(item.kindDescription)")
            }
            if let problem = IdentifierRule.problem(with: text) {
                throw failure(at: item.line, "schema name in '\(key)' \(problem)")
            }
            names.append((text, item.line))
        }
        return names
    }

    func jobs(_ node: YAMLNode) throws(ConfigurationError) -> Int {
        let rule = "'jobs' must be a whole number from 1 to 64"
        guard case .scalar(let text, _) = node.value else {
            throw failure(at: node.line, "\(rule), found \(node.kindDescription)")
        }
        guard let count = Int(text), (1...64).contains(count) else {
            throw failure(at: node.line, "\(rule), got '\(Self.shown(text))'")
        }
        return count
    }

    func duration(_ node: YAMLNode, key: String) throws(ConfigurationError) -> Int {
        guard case .scalar(let text, _) = node.value else {
            throw failure(at: node.line,
                          "'\(key)' must be a duration, found \(node.kindDescription)")
        }
        do {
            return try DurationParser.milliseconds(from: text)
        } catch {
            throw failure(at: node.line, Self.describe(error, key: key, text: text))
        }
    }

    private static func describe(_ failure: VariableExpander.Failure) -> String {
        switch failure {
        case .unset(let name):
            "environment variable '\(name)' used in 'database' is not set"
        case .unterminated:
            "unterminated '${' in 'database'"
        case .invalidName:
            "invalid environment variable name in 'database' (use letters, digits and _)"
        }
    }

    private static func describe(
        _ failure: DurationParser.Failure,
        key: String,
        text: String
    ) -> String {
        switch failure {
        case .malformed:
            "'\(key)' must be a duration such as 500ms, 10s or 2min, or whole seconds; "
                + "got '\(shown(text))'"
        case .negative:
            "'\(key)' must not be negative"
        case .tooLarge:
            "'\(key)' is too large (at most \(DurationParser.maximumMilliseconds)ms)"
        }
    }
}
