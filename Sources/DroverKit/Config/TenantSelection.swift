/// Which schemas of the database are tenants that Drover migrates.
///
/// A schema is selected when it is not in ``exclude`` and either is in
/// ``include`` or matches ``pattern``. Exclusion wins over inclusion.
public struct TenantSelection: Sendable, Equatable {
    /// A glob over schema names: `*` matches any run of characters, `?` one.
    public var pattern: String
    /// Schema names that are always selected, even when they miss ``pattern``.
    public var include: [String]
    /// Schema names that are never selected.
    public var exclude: [String]

    /// Creates a selection; the defaults pick every schema named `tenant_…`.
    public init(pattern: String = "tenant_*", include: [String] = [], exclude: [String] = []) {
        self.pattern = pattern
        self.include = include
        self.exclude = exclude
    }

    /// Whether the schema named `schema` is a tenant to migrate.
    public func selects(_ schema: String) -> Bool {
        if exclude.contains(schema) { return false }
        return include.contains(schema) || GlobPattern(text: pattern).matches(schema)
    }

    /// The schema for a tenant named on the command line.
    ///
    /// When ``pattern`` is a literal prefix followed by one `*` (as `tenant_*`)
    /// and `name` lacks that prefix, the prefix is added: `acme` becomes
    /// `tenant_acme`, while `tenant_acme` stays. Any other pattern leaves
    /// `name` unchanged.
    public func schemaName(forTenant name: String) -> String {
        guard let prefix = GlobPattern(text: pattern).literalPrefix,
              !name.hasPrefix(prefix)
        else { return name }
        return prefix + name
    }

    /// ``pattern`` as a SQL `LIKE` pattern for the catalog query, using the
    /// default escape character `\`: `tenant_*` becomes `tenant\_%`, so `_`
    /// matches only itself. Pass it as a bound parameter, not spliced into SQL.
    public var likePattern: String {
        GlobPattern(text: pattern).likePattern
    }
}
