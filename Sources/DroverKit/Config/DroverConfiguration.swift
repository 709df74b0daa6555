import Foundation

/// The settings of a project, read from `tenants.yaml`.
///
/// ```yaml
/// database: ${DATABASE_URL:-postgresql://localhost:5432/app}
/// tenants:
///   pattern: tenant_*
///   include: [legacy_customer]
///   exclude: [tenant_template]
/// revision_table: drover_revisions
/// jobs: 4
/// timeouts:
///   lock: 10s        # 500ms, 10s, 2min, or a bare integer meaning seconds
///   statement: 0     # 0 = no limit
/// ```
/// Every key is optional; a missing or null key keeps its default.
public struct DroverConfiguration: Sendable, Equatable {
    /// A libpq URL or conninfo string, after `${VAR}` expansion;
    /// empty means libpq's environment defaults (`PGHOST` and so on).
    public var database: String
    /// Which schemas are tenants.
    public var tenants: TenantSelection
    /// The table, in each tenant schema, that records applied revisions.
    public var revisionTable: String
    /// How many tenants are migrated at once, 1 to 64.
    public var jobs: Int
    /// PostgreSQL `lock_timeout` for migrations; 0 means no limit.
    public var lockTimeoutMilliseconds: Int
    /// PostgreSQL `statement_timeout` for migrations; 0 means no limit.
    public var statementTimeoutMilliseconds: Int

    /// Creates a configuration; the defaults are those of an empty file.
    public init(
        database: String = "",
        tenants: TenantSelection = TenantSelection(),
        revisionTable: String = "drover_revisions",
        jobs: Int = 4,
        lockTimeoutMilliseconds: Int = 10_000,
        statementTimeoutMilliseconds: Int = 0
    ) {
        self.database = database
        self.tenants = tenants
        self.revisionTable = revisionTable
        self.jobs = jobs
        self.lockTimeoutMilliseconds = lockTimeoutMilliseconds
        self.statementTimeoutMilliseconds = statementTimeoutMilliseconds
    }

    /// Reads and parses the file at `path`; errors name the file by `path`.
    /// - Parameter environment: the variables `${VAR}` in `database` refer to,
    ///   usually `ProcessInfo.processInfo.environment`.
    /// - Throws: ``ConfigurationError`` when the file is missing, unreadable,
    ///   not UTF-8, or does not parse (see ``parse(_:source:environment:)``).
    public static func load(
        path: String,
        environment: [String: String]
    ) throws -> DroverConfiguration {
        try parse(readFile(path), source: path, environment: environment)
    }

    /// Parses the text of a `tenants.yaml` file.
    /// - Parameters:
    ///   - source: how error messages name the text, e.g. `tenants.yaml`.
    ///   - environment: the variables `${VAR}` in `database` refer to.
    /// - Throws: ``ConfigurationError`` for malformed YAML, unknown keys,
    ///   wrong types, out-of-range values or an unset variable.
    public static func parse(
        _ yaml: String,
        source: String,
        environment: [String: String]
    ) throws -> DroverConfiguration {
        let root: YAMLNode?
        do {
            root = try YAMLDocument.load(yaml)
        } catch {
            throw ConfigurationError(source: source, line: error.line, error.problem)
        }
        return try ConfigurationReader(source: source, environment: environment).read(root)
    }

    private static func readFile(_ path: String) throws(ConfigurationError) -> String {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw ConfigurationError(source: path, line: nil, "file not found")
        }
        if isDirectory.boolValue {
            throw ConfigurationError(source: path, line: nil, "is a directory, not a file")
        }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw ConfigurationError(source: path, line: nil, "cannot read the file")
        }
        guard let text = String(validating: data, as: UTF8.self) else {
            throw ConfigurationError(source: path, line: nil, "file is not valid utf-8")
        }
        return text
    }
}
