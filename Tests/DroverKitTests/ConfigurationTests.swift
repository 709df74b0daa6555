import Foundation
import Testing
@testable import DroverKit

// MARK: - Helpers

/// Parses `yaml` as `tenants.yaml` with the given environment.
private func parse(
    _ yaml: String,
    _ environment: [String: String] = [:]
) throws -> DroverConfiguration {
    try DroverConfiguration.parse(yaml, source: "tenants.yaml", environment: environment)
}

/// The message parsing `yaml` fails with, or nil when it succeeds.
private func failure(_ yaml: String, _ environment: [String: String] = [:]) -> String? {
    do {
        _ = try parse(yaml, environment)
        return nil
    } catch let error as ConfigurationError {
        return error.message
    } catch {
        return "unexpected error type: \(error)"
    }
}

/// A YAML text that must fail, with the message it must fail with.
struct FailingCase: Sendable, CustomTestStringConvertible {
    var yaml: String
    var message: String
    var environment: [String: String] = [:]
    var testDescription: String { message }
}

// MARK: - Defaults and a full file

@Suite("Configuration")
struct ConfigurationTests {
    @Test("an empty or comment-only file gives the documented defaults",
          arguments: ["", "\n\n", "# nothing here\n", "---\n", "~\n"])
    func defaults(yaml: String) throws {
        let configuration = try parse(yaml)
        #expect(configuration == DroverConfiguration())
        #expect(configuration.database == "")
        #expect(configuration.tenants.pattern == "tenant_*")
        #expect(configuration.tenants.include.isEmpty)
        #expect(configuration.tenants.exclude.isEmpty)
        #expect(configuration.revisionTable == "drover_revisions")
        #expect(configuration.jobs == 4)
        #expect(configuration.lockTimeoutMilliseconds == 10_000)
        #expect(configuration.statementTimeoutMilliseconds == 0)
    }

    @Test("a full file sets every field")
    func fullFile() throws {
        let yaml = """
            database: ${DATABASE_URL:-postgresql://localhost:5432/app}
            tenants:
              pattern: customer_*
              include: [legacy_customer, "Odd Name"]
              exclude:
                - customer_template
            revision_table: schema_history
            jobs: 12
            timeouts:
              lock: 500ms      # a comment
              statement: 2min
            """
        let configuration = try parse(yaml, ["DATABASE_URL": "postgresql://db/prod"])
        let expected = DroverConfiguration(
            database: "postgresql://db/prod",
            tenants: TenantSelection(pattern: "customer_*",
                                     include: ["legacy_customer", "Odd Name"],
                                     exclude: ["customer_template"]),
            revisionTable: "schema_history",
            jobs: 12,
            lockTimeoutMilliseconds: 500,
            statementTimeoutMilliseconds: 120_000)
        #expect(configuration == expected)
    }

    @Test("null values keep their defaults")
    func nullValues() throws {
        let configuration = try parse("database:\ntenants: ~\njobs: null\ntimeouts:\n")
        #expect(configuration == DroverConfiguration())
    }

    @Test("partial nested mappings keep the other defaults")
    func partialNesting() throws {
        let configuration = try parse("tenants:\n  exclude: [tenant_x]\ntimeouts:\n  lock: 3\n")
        #expect(configuration.tenants == TenantSelection(exclude: ["tenant_x"]))
        #expect(configuration.lockTimeoutMilliseconds == 3_000)
        #expect(configuration.statementTimeoutMilliseconds == 0)
    }

    @Test("jobs accepts both ends of its range", arguments: [1, 64])
    func jobsRange(jobs: Int) throws {
        #expect(try parse("jobs: \(jobs)").jobs == jobs)
    }

    @Test("identifiers of exactly 63 bytes are accepted")
    func longestIdentifier() throws {
        let name = String(repeating: "é", count: 31) + "x"  // 62 + 1 bytes
        #expect(name.utf8.count == 63)
        #expect(try parse("revision_table: \(name)").revisionTable == name)
        #expect(try parse("tenants:\n  include: [\(name)]").tenants.include == [name])
    }
}

// MARK: - Environment expansion

@Suite("Configuration: ${VAR} expansion")
struct EnvironmentExpansionTests {
    @Test("a set variable is substituted")
    func setVariable() throws {
        let yaml = "database: postgresql://${DB_USER}@${DB_HOST}/app"
        let configuration = try parse(yaml, ["DB_USER": "drover", "DB_HOST": "db.local"])
        #expect(configuration.database == "postgresql://drover@db.local/app")
    }

    @Test("the default applies when the variable is unset or empty",
          arguments: [[:], ["DATABASE_URL": ""]])
    func defaultValue(environment: [String: String]) throws {
        let yaml = "database: ${DATABASE_URL:-postgresql://localhost:5432/app}"
        #expect(try parse(yaml, environment).database == "postgresql://localhost:5432/app")
    }

    @Test("a set variable wins over the default")
    func variableOverDefault() throws {
        let yaml = "database: ${DATABASE_URL:-postgresql://localhost/app}"
        #expect(try parse(yaml, ["DATABASE_URL": "host=db"]).database == "host=db")
    }

    @Test("a set but empty variable without a default expands to nothing")
    func emptyVariable() throws {
        #expect(try parse("database: x${EMPTY}y", ["EMPTY": ""]).database == "xy")
    }

    @Test("an unset variable without a default is an error naming it")
    func unsetVariable() {
        let yaml = "jobs: 2\ndatabase: postgresql://u:pw@h/${APP_DB}\n"
        #expect(failure(yaml) ==
            "tenants.yaml:2: environment variable 'APP_DB' used in 'database' is not set")
    }

    @Test("a lone or doubled $ stays literal; only ${ starts a reference")
    func literalDollars() throws {
        let yaml = "database: 'password=pa$$w$rd$ dbname=$x'"
        #expect(try parse(yaml).database == "password=pa$$w$rd$ dbname=$x")
        #expect(try parse("database: a$${V}", ["V": "b"]).database == "a$b")
    }

    @Test("the default is taken literally up to the first }")
    func literalDefault() throws {
        #expect(try parse("database: ${X:-a:-b$c}d").database == "a:-b$cd")
    }

    @Test("malformed references are errors", arguments: [
        FailingCase(yaml: "database: postgresql://${DB_HOST/app",
                    message: "tenants.yaml:1: unterminated '${' in 'database'"),
        FailingCase(yaml: "database: x${}",
                    message: "tenants.yaml:1: invalid environment variable name in "
                        + "'database' (use letters, digits and _)"),
        FailingCase(yaml: "database: ${1X:-a}",
                    message: "tenants.yaml:1: invalid environment variable name in "
                        + "'database' (use letters, digits and _)"),
    ])
    func malformedReference(testCase: FailingCase) {
        #expect(failure(testCase.yaml) == testCase.message)
    }
}

// MARK: - Errors

@Suite("Configuration: errors")
struct ConfigurationErrorTests {
    @Test("each kind of mistake is reported with its line", arguments: [
        FailingCase(yaml: "jobs: 4\njob: 5\n",
                    message: "tenants.yaml:2: unknown key 'job' (expected database, tenants, "
                        + "revision_table, jobs, timeouts)"),
        FailingCase(yaml: "tenants:\n  pattern: t_*\n\n  job: 2\n",
                    message: "tenants.yaml:4: unknown key 'job' in 'tenants' "
                        + "(expected pattern, include, exclude)"),
        FailingCase(yaml: "timeouts:\n  lock: 1s\n  idle: 2s\n",
                    message: "tenants.yaml:3: unknown key 'idle' in 'timeouts' "
                        + "(expected lock, statement)"),
        FailingCase(yaml: "jobs: 1\njobs: 2\n",
                    message: "tenants.yaml:2: duplicate key 'jobs'"),
        FailingCase(yaml: "[a, b]: 1\n",
                    message: "tenants.yaml:1: keys must be strings, found a sequence"),
        FailingCase(yaml: "- jobs: 1\n",
                    message: "tenants.yaml:1: the file must contain a mapping, "
                        + "found a sequence"),
        FailingCase(yaml: "\ndatabase: [a, b]\n",
                    message: "tenants.yaml:2: 'database' must be a string, found a sequence"),
        FailingCase(yaml: "revision_table:\n  name: x\n",
                    message: "tenants.yaml:2: 'revision_table' must be a string, "
                        + "found a mapping"),
        FailingCase(yaml: "tenants: all\n",
                    message: "tenants.yaml:1: 'tenants' must be a mapping, found a scalar"),
        FailingCase(yaml: "tenants:\n  include: legacy\n",
                    message: "tenants.yaml:2: 'tenants.include' must be a sequence of "
                        + "schema names, found a scalar"),
        FailingCase(yaml: "tenants:\n  exclude:\n    - a\n    - [b]\n",
                    message: "tenants.yaml:4: entries of 'tenants.exclude' must be "
                        + "schema names, found a sequence"),
        FailingCase(yaml: "tenants:\n  include:\n    - ~\n",
                    message: "tenants.yaml:3: entries of 'tenants.include' must be "
                        + "schema names, found null"),
        FailingCase(yaml: "tenants:\n  pattern: [a]\n",
                    message: "tenants.yaml:2: 'tenants.pattern' must be a string, "
                        + "found a sequence"),
        FailingCase(yaml: "tenants:\n  pattern: ''\n",
                    message: "tenants.yaml:2: 'tenants.pattern' must not be empty"),
        FailingCase(yaml: "jobs: four\n",
                    message: "tenants.yaml:1: 'jobs' must be a whole number from 1 to 64, "
                        + "got 'four'"),
        FailingCase(yaml: "jobs: 0\n",
                    message: "tenants.yaml:1: 'jobs' must be a whole number from 1 to 64, "
                        + "got '0'"),
        FailingCase(yaml: "jobs: 65\n",
                    message: "tenants.yaml:1: 'jobs' must be a whole number from 1 to 64, "
                        + "got '65'"),
        FailingCase(yaml: "jobs: [4]\n",
                    message: "tenants.yaml:1: 'jobs' must be a whole number from 1 to 64, "
                        + "found a sequence"),
        FailingCase(yaml: "timeouts:\n  statement: -5s\n",
                    message: "tenants.yaml:2: 'timeouts.statement' must not be negative"),
        FailingCase(yaml: "timeouts:\n  lock: -1\n",
                    message: "tenants.yaml:2: 'timeouts.lock' must not be negative"),
        FailingCase(yaml: "timeouts:\n  lock: 10h\n",
                    message: "tenants.yaml:2: 'timeouts.lock' must be a duration such as "
                        + "500ms, 10s or 2min, or whole seconds; got '10h'"),
        FailingCase(yaml: "timeouts:\n  lock: 40000min\n",
                    message: "tenants.yaml:2: 'timeouts.lock' is too large "
                        + "(at most 2147483647ms)"),
        FailingCase(yaml: "timeouts:\n  lock: {a: 1}\n",
                    message: "tenants.yaml:2: 'timeouts.lock' must be a duration, "
                        + "found a mapping"),
        FailingCase(yaml: "timeouts: 10s\n",
                    message: "tenants.yaml:1: 'timeouts' must be a mapping, found a scalar"),
        FailingCase(yaml: "revision_table: ''\n",
                    message: "tenants.yaml:1: 'revision_table' must not be empty"),
        FailingCase(yaml: "revision_table: \"a\\0b\"\n",
                    message: "tenants.yaml:1: 'revision_table' must not contain a nul "
                        + "character"),
        FailingCase(yaml: "revision_table: \(String(repeating: "r", count: 64))\n",
                    message: "tenants.yaml:1: 'revision_table' is 64 bytes long "
                        + "(postgresql allows at most 63)"),
        FailingCase(yaml: "tenants:\n  include:\n    - ok\n    - ''\n",
                    message: "tenants.yaml:4: schema name in 'tenants.include' "
                        + "must not be empty"),
        FailingCase(yaml: "tenants:\n  exclude: [\(String(repeating: "é", count: 32))]\n",
                    message: "tenants.yaml:2: schema name in 'tenants.exclude' "
                        + "is 64 bytes long (postgresql allows at most 63)"),
        FailingCase(yaml: "tenants:\n  include: [a, b]\n  exclude:\n    - c\n    - b\n",
                    message: "tenants.yaml:5: schema 'b' is both included and excluded "
                        + "in 'tenants'"),
    ])
    func invalidFile(testCase: FailingCase) {
        #expect(failure(testCase.yaml, testCase.environment) == testCase.message)
    }

    @Test("malformed yaml reports libyaml's problem and line")
    func malformedYAML() throws {
        let message = try #require(failure("jobs: 4\ntenants:\n  pattern: [a\nrevision: x\n"))
        #expect(message.hasPrefix("tenants.yaml:4: malformed yaml: "))
        #expect(message.contains("while parsing a flow sequence starting on line 3"))
        #expect(!message.contains("\n"))
    }

    @Test("a bad indentation is malformed yaml on its line")
    func badIndentation() {
        #expect(failure("tenants:\n  pattern: a\n bad: b\n")?
            .hasPrefix("tenants.yaml:3: malformed yaml: ") == true)
    }

    @Test("tabs and control characters are malformed yaml on their line")
    func controlCharacter() {
        #expect(failure("jobs: 4\n\n\u{7}jobs: 5\n")?
            .hasPrefix("tenants.yaml:3: malformed yaml: control characters") == true)
    }

    @Test("aliases, including self-referencing ones, are refused", arguments: [
        "base: &b {lock: 1}\ntimeouts: *b\n",
        "timeouts: &loop\n  lock: *loop\n",
    ])
    func aliases(yaml: String) {
        #expect(failure(yaml) == "tenants.yaml:2: yaml aliases (*name) are not supported")
    }

    @Test("a second document is refused")
    func secondDocument() {
        #expect(failure("jobs: 2\n---\njobs: 3\n") ==
            "tenants.yaml:2: expected a single yaml document, found a second one")
    }

    @Test("deep nesting is refused instead of recursing")
    func deepNesting() {
        let yaml = "jobs: " + String(repeating: "[", count: 10_000)
            + String(repeating: "]", count: 10_000)
        #expect(failure(yaml) == "tenants.yaml:1: yaml is nested more than 64 levels deep")
    }

    @Test("control characters in echoed keys are neutralised and long keys cut")
    func echoedKeys() {
        let longKey = String(repeating: "k", count: 50)
        #expect(failure("\"a\\nb\": 1\n")?.hasPrefix("tenants.yaml:1: unknown key 'a?b'") == true)
        #expect(failure("\(longKey): 1\n")?
            .contains("'\(String(repeating: "k", count: 40))...'") == true)
    }

    /// Files with a secret database value and a mistake somewhere.
    static let secretFiles = [
        "database: postgresql://app:S3cr3t@db/app\njobs: many\n",
        "database: postgresql://app:S3cr3t@db/${MISSING}\n",
        "database: postgresql://app:S3cr3t@db/${MISSING\n",
        "database: postgresql://app:S3cr3t@db/${BAD NAME}\n",
        "database: \"postgresql://app:S3cr3t\\0@db\"\n",
        "database: [postgresql://app:S3cr3t@db]\n",
        "database: {postgresql://app:S3cr3t@db: 1}\n",
        "database: postgresql://app:S3cr3t@db\n  nested: [\n",
        "database: postgresql://app:S3cr3t@db\ntimeouts:\n  lock: 1s\n  statment: 1\n",
    ]

    @Test("errors never contain the database password, and are one line",
          arguments: secretFiles)
    func noPasswordInErrors(yaml: String) throws {
        let message = try #require(failure(yaml))
        #expect(!message.contains("S3cr3t"))
        #expect(!message.contains("\n"))
        #expect(message.hasPrefix("tenants.yaml:"))
    }

    @Test("a missing file is an error naming the path")
    func missingFile() {
        let path = "/nonexistent-drover-dir/tenants.yaml"
        #expect(throws: ConfigurationError(message: "\(path): file not found")) {
            try DroverConfiguration.load(path: path, environment: [:])
        }
    }

    @Test("a directory is not a configuration file")
    func directoryPath() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        #expect(throws: ConfigurationError(message: "\(directory.path): is a directory, "
                                            + "not a file")) {
            try DroverConfiguration.load(path: directory.path, environment: [:])
        }
    }

    @Test("a file is loaded, and its errors use its path")
    func loadFile() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let path = directory.path + "/tenants.yaml"
        try "database: ${URL}\njobs: 2\n".write(toFile: path, atomically: true, encoding: .utf8)
        let configuration = try DroverConfiguration.load(path: path, environment: ["URL": "u"])
        #expect(configuration == DroverConfiguration(database: "u", jobs: 2))
        #expect(throws: ConfigurationError(message: "\(path):1: environment variable 'URL' "
                                            + "used in 'database' is not set")) {
            try DroverConfiguration.load(path: path, environment: [:])
        }
    }

    @Test("a file that is not utf-8 is refused")
    func invalidUTF8() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let path = directory.path + "/tenants.yaml"
        try Data([0x6A, 0x6F, 0x62, 0x73, 0x3A, 0x20, 0xFF, 0x0A]).write(to: URL(filePath: path))
        #expect(throws: ConfigurationError(message: "\(path): file is not valid utf-8")) {
            try DroverConfiguration.load(path: path, environment: [:])
        }
    }

    @Test("the error's description is its message")
    func errorDescription() {
        let error = ConfigurationError(message: "tenants.yaml:1: x")
        #expect(error.description == "tenants.yaml:1: x")
        #expect("\(error)" == "tenants.yaml:1: x")
    }
}

/// A fresh directory under the system's temporary directory.
private struct TemporaryDirectory {
    let path: String

    init() throws {
        path = NSTemporaryDirectory() + "drover-config-tests-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: path,
                                                withIntermediateDirectories: true)
    }

    func remove() {
        try? FileManager.default.removeItem(atPath: path)
    }
}

// MARK: - Durations

@Suite("Configuration: durations")
struct DurationTests {
    @Test("timeouts accept ms, s, min and bare seconds", arguments: [
        ("500ms", 500), ("10s", 10_000), ("2min", 120_000), ("7", 7_000), ("0", 0),
        ("0ms", 0), ("'15'", 15_000), ("2147483647ms", 2_147_483_647),
    ])
    func accepted(text: String, milliseconds: Int) throws {
        let configuration = try parse("timeouts:\n  lock: \(text)\n  statement: \(text)\n")
        #expect(configuration.lockTimeoutMilliseconds == milliseconds)
        #expect(configuration.statementTimeoutMilliseconds == milliseconds)
    }

    @Test("malformed durations are refused", arguments: [
        "1.5s", "10 s", "s", "ms", "10sec", "1e3", "+5s", "5-", "--5", "0x10", "ten",
    ])
    func malformed(text: String) {
        #expect(throws: DurationParser.Failure.malformed) {
            try DurationParser.milliseconds(from: text)
        }
    }

    @Test("negative and oversized durations are told apart", arguments: [
        ("-5s", DurationParser.Failure.negative), ("-0", .negative),
        ("2147483648ms", .tooLarge), ("99999999999999999999", .tooLarge),
        ("9223372036854775807min", .tooLarge),
    ])
    func outOfRange(text: String, expected: DurationParser.Failure) {
        #expect(throws: expected) { try DurationParser.milliseconds(from: text) }
    }
}

// MARK: - Tenant selection

@Suite("Configuration: tenant selection")
struct TenantSelectionTests {
    @Test("glob patterns become escaped LIKE patterns", arguments: [
        ("tenant_*", #"tenant\_%"#),
        ("*", "%"),
        ("t?n*x", "t_n%x"),
        ("100%_off", #"100\%\_off"#),
        (#"back\slash*"#, #"back\\slash%"#),
        ("plain", "plain"),
    ])
    func likePattern(glob: String, like: String) {
        #expect(TenantSelection(pattern: glob).likePattern == like)
    }

    @Test("the underscore in tenant_* is literal when matching")
    func underscoreIsLiteral() {
        let selection = TenantSelection()
        #expect(selection.selects("tenant_acme"))
        #expect(selection.selects("tenant_"))
        #expect(!selection.selects("tenantXacme"))
        #expect(!selection.selects("tenant"))
        #expect(!selection.selects("public"))
        #expect(!selection.selects("Tenant_acme"))
    }

    @Test("* and ? match like the shell", arguments: [
        ("t?_*", "tx_a", true), ("t?_*", "t_a", false), ("t?_*", "txy_a", false),
        ("*_live", "a_b_live", true), ("*_live", "a_live_x", false),
        ("a*b*c", "abbbc", true), ("a*b*c", "acb", false), ("**", "", true),
        ("?", "é", true), ("?", "", false), ("a\\b", "a\\b", true),
    ])
    func globMatching(pattern: String, schema: String, matches: Bool) {
        #expect(TenantSelection(pattern: pattern).selects(schema) == matches)
    }

    @Test("include adds schemas outside the pattern, exclude removes any")
    func includeAndExclude() {
        let selection = TenantSelection(pattern: "tenant_*",
                                        include: ["legacy_customer"],
                                        exclude: ["tenant_template"])
        #expect(selection.selects("legacy_customer"))
        #expect(selection.selects("tenant_acme"))
        #expect(!selection.selects("tenant_template"))
        #expect(!selection.selects("legacy_other"))
    }

    @Test("exclude wins when a schema is in both lists")
    func excludeWins() {
        let selection = TenantSelection(pattern: "x", include: ["a"], exclude: ["a"])
        #expect(!selection.selects("a"))
    }

    @Test("tenant names get the pattern's prefix when they lack it", arguments: [
        ("tenant_*", "acme", "tenant_acme"),
        ("tenant_*", "tenant_acme", "tenant_acme"),
        ("tenant_*", "tenant", "tenant_tenant"),
        ("t_*", "", "t_"),
        ("*", "acme", "acme"),
        ("t?_*", "acme", "acme"),
        ("tenant_*_live", "acme", "acme"),
        ("tenant_**", "acme", "acme"),
        ("exact", "acme", "acme"),
    ])
    func schemaName(pattern: String, tenant: String, schema: String) {
        #expect(TenantSelection(pattern: pattern).schemaName(forTenant: tenant) == schema)
    }
}

// MARK: - YAML tree

@Suite("Configuration: yaml tree")
struct YAMLTreeTests {
    @Test("nodes carry their 1-based lines and scalar style")
    func lines() throws {
        let root = try #require(try YAMLDocument.load("# c\na: 1\nb:\n  - 'x'\n  - y\n"))
        guard case .mapping(let pairs) = root.value else {
            Issue.record("expected a mapping, got \(root)")
            return
        }
        #expect(root.line == 2)
        #expect(pairs.map(\.key.line) == [2, 3])
        #expect(pairs[0].value == YAMLNode(value: .scalar("1", plain: true), line: 2))
        #expect(pairs[1].value == YAMLNode(
            value: .sequence([YAMLNode(value: .scalar("x", plain: false), line: 4),
                              YAMLNode(value: .scalar("y", plain: true), line: 5)]),
            line: 4))
    }

    @Test("no document gives nil")
    func empty() throws {
        #expect(try YAMLDocument.load("") == nil)
        #expect(try YAMLDocument.load("# only a comment\n") == nil)
    }

    @Test("quoted null spellings are strings, not null")
    func quotedNull() throws {
        #expect(try parse("tenants:\n  include: ['null', \"~\"]").tenants.include
            == ["null", "~"])
    }
}
