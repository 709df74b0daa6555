/// Turns the YAML tree of `tenants.yaml` into a ``DroverConfiguration``,
/// checking keys, types and values, and reporting the first problem with
/// its line.
///
/// A key whose value is YAML null (`key:`, `~`, `null`) counts as absent,
/// so it keeps its default.
struct ConfigurationReader {
    /// How errors name the file, e.g. `tenants.yaml`.
    var source: String
    var environment: [String: String]

    private static let topLevelKeys = ["database", "tenants", "revision_table", "jobs",
                                       "timeouts"]
    private static let tenantKeys = ["pattern", "include", "exclude"]
    private static let timeoutKeys = ["lock", "statement"]

    func read(_ root: YAMLNode?) throws(ConfigurationError) -> DroverConfiguration {
        var configuration = DroverConfiguration()
        guard let root, !root.isNull else { return configuration }
        let fields = try fields(of: root, in: nil, allowed: Self.topLevelKeys)
        if let node = fields["database"] {
            configuration.database = try database(node)
        }
        if let node = fields["tenants"] {
            configuration.tenants = try tenants(node)
        }
        if let node = fields["revision_table"] {
            configuration.revisionTable = try identifier(node, key: "revision_table")
        }
        if let node = fields["jobs"] {
            configuration.jobs = try jobs(node)
        }
        if let node = fields["timeouts"] {
            try readTimeouts(node, into: &configuration)
        }
        return configuration
    }

    private func tenants(_ node: YAMLNode) throws(ConfigurationError) -> TenantSelection {
        var selection = TenantSelection()
        let fields = try fields(of: node, in: "tenants", allowed: Self.tenantKeys)
        if let node = fields["pattern"] {
            selection.pattern = try pattern(node)
        }
        let include = try fields["include"].map { node throws(ConfigurationError) in
            try schemaNames(node, key: "tenants.include")
        } ?? []
        let exclude = try fields["exclude"].map { node throws(ConfigurationError) in
            try schemaNames(node, key: "tenants.exclude")
        } ?? []
        if let both = exclude.first(where: { name in include.contains { $0.name == name.name } }) {
            throw failure(at: both.line, "schema '\(Self.shown(both.name))' is both "
                          + "included and excluded in 'tenants'")
        }
        selection.include = include.map(\.name)
        selection.exclude = exclude.map(\.name)
        return selection
    }

    private func readTimeouts(
        _ node: YAMLNode,
        into configuration: inout DroverConfiguration
    ) throws(ConfigurationError) {
        let fields = try fields(of: node, in: "timeouts", allowed: Self.timeoutKeys)
        if let node = fields["lock"] {
            configuration.lockTimeoutMilliseconds = try duration(node, key: "timeouts.lock")
        }
        if let node = fields["statement"] {
            configuration.statementTimeoutMilliseconds =
                try duration(node, key: "timeouts.statement")
        }
    }

    /// The non-null values of a mapping by key, after refusing non-string,
    /// unknown and repeated keys. `context` names the mapping, nil at the top.
    private func fields(
        of node: YAMLNode,
        in context: String?,
        allowed: [String]
    ) throws(ConfigurationError) -> [String: YAMLNode] {
        guard case .mapping(let pairs) = node.value else {
            let subject = context.map { "'\($0)' must be" } ?? "the file must contain"
            throw failure(at: node.line, "\(subject) a mapping, found \(node.kindDescription)")
        }
        let place = context.map { " in '\($0)'" } ?? ""
        var fields: [String: YAMLNode] = [:]
        var seen: Set<String> = []
        for pair in pairs {
            guard case .scalar(let key, _) = pair.key.value else {
                throw failure(at: pair.key.line, "keys\(place) must be strings, "
                              + "found \(pair.key.kindDescription)")
            }
            guard allowed.contains(key) else {
                throw failure(at: pair.key.line, "unknown key '\(Self.shown(key))'\(place) "
                              + "(expected \(allowed.joined(separator: ", ")))")
            }
            guard seen.insert(key).inserted else {
                throw failure(at: pair.key.line, "duplicate key '\(key)'\(place)")
            }
            if !pair.value.isNull { fields[key] = pair.value }
        }
        return fields
    }

    func failure(at line: Int, _ text: String) -> ConfigurationError {
        ConfigurationError(source: source, line: line, text)
    }

    /// User text made safe to quote in a one-line message: control characters
    /// are replaced and long text is cut short.
    static func shown(_ text: String) -> String {
        let limit = 40
        let cleaned = String(text.unicodeScalars.prefix(limit).map { scalar in
            scalar.properties.generalCategory == .control ? "?" : Character(scalar)
        })
        return text.unicodeScalars.count > limit ? cleaned + "..." : cleaned
    }
}
