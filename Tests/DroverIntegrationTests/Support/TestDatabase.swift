import DroverCLI
import DroverKit
import Foundation
import Synchronization
import Testing

/// The throwaway PostgreSQL that `scripts/test` starts for the tests.
enum TestDatabase {
    static var url: String {
        get throws {
            guard let url = ProcessInfo.processInfo.environment["DROVER_TEST_DATABASE_URL"],
                  !url.isEmpty else {
                throw TestSetupError(message: "DROVER_TEST_DATABASE_URL is not set:"
                    + " run the tests with scripts/test, which starts a throwaway PostgreSQL")
            }
            return url
        }
    }

    static func connect() throws -> Connection {
        try Connection(url)
    }
}

struct TestSetupError: Error, CustomStringConvertible {
    var message: String
    var description: String { message }
}

/// One test's own tenants: schemas named `<prefix>_<tenant>` that no other
/// test selects, dropped when the test ends.
final class Scenario {
    let prefix: String
    let directory: URL
    private let admin: Connection

    init(_ tag: String) throws {
        let random = UInt32.random(in: 0..<UInt32.max)
        prefix = "t\(tag)\(String(random, radix: 36))"
        directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("drover-test-\(prefix)")
        try FileManager.default.createDirectory(at: directory,
                                                withIntermediateDirectories: true)
        admin = try TestDatabase.connect()
        try writeConfiguration()
    }

    deinit {
        dropSchemas()
        try? FileManager.default.removeItem(at: directory)
    }

    var configurationPath: String { directory.appendingPathComponent("tenants.yaml").path }

    func schema(_ tenant: String) -> String { "\(prefix)_\(tenant)" }

    func configuration(jobs: Int = 4, lockTimeout: Int = 10_000) throws -> DroverConfiguration {
        DroverConfiguration(database: try TestDatabase.url,
                            tenants: TenantSelection(pattern: "\(prefix)_*"),
                            jobs: jobs, lockTimeoutMilliseconds: lockTimeout)
    }

    func writeConfiguration(extra: String = "") throws {
        let yaml = """
            database: ${DROVER_TEST_DATABASE_URL}
            tenants:
              pattern: \(prefix)_*
            jobs: 4
            \(extra)
            """
        try yaml.write(toFile: configurationPath, atomically: true, encoding: .utf8)
    }

    func engine(_ registered: [RegisteredMigration], jobs: Int = 4) throws -> MigrationEngine {
        MigrationEngine(configuration: try configuration(jobs: jobs),
                        migrations: try MigrationSet(registered))
    }

    func createTenants(_ names: [String]) throws {
        let statements = names.map { "CREATE SCHEMA \(SQLIdentifier.quote(schema($0)))" }
        try admin.execute(statements.joined(separator: ";\n"))
    }

    @discardableResult
    func sql(_ text: String) throws -> QueryResult {
        try admin.execute(text)
    }

    /// Values of the first column.
    func values(_ text: String) throws -> [String?] {
        try admin.execute(text).rows.map { $0[0] }
    }

    /// Relations, types (but row types) and functions left in a schema.
    func objectCount(in tenant: String) throws -> Int {
        let name = SQLLiteral.quote(schema(tenant))
        let count = try values("""
            SELECT (SELECT count(*) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                    WHERE n.nspname = \(name))
                 + (SELECT count(*) FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace
                    WHERE n.nspname = \(name) AND t.typtype = 'e')
            """)
        return Int(count.first!!)!
    }

    func revisions(of tenant: String) throws -> [String] {
        try values("SELECT revision FROM \(SQLIdentifier.quote(schema(tenant))).drover_revisions"
            + " ORDER BY applied_at").compactMap { $0 }
    }

    /// Runs the `drover` command line in-process with this scenario's
    /// tenants.yaml.
    func drover(_ arguments: [String], migrations: [RegisteredMigration],
                environment: [String: String] = [:]) throws -> CommandRun {
        var env = ProcessInfo.processInfo.environment
        env.merge(environment) { $1 }
        let captured = Mutex((output: "", error: ""))
        let console = Console(isTerminal: false) { stream, text in
            captured.withLock {
                if stream == .output { $0.output += text } else { $0.error += text }
            }
        }
        let status = DroverCommandLine.run(["--config", configurationPath] + arguments,
                                           environment: env, migrations: migrations,
                                           console: console)
        let (output, error) = captured.withLock { ($0.output, $0.error) }
        return CommandRun(status: status, output: output, error: error)
    }

    private func dropSchemas() {
        let schemas = (try? values("SELECT nspname FROM pg_namespace WHERE nspname LIKE "
            + SQLLiteral.quote(prefix + "\\_%"))) ?? []
        let drops = schemas.compactMap { $0 }.map {
            "DROP SCHEMA IF EXISTS \(SQLIdentifier.quote($0)) CASCADE"
        }
        if !drops.isEmpty { _ = try? admin.execute(drops.joined(separator: ";\n")) }
    }
}

/// What one in-process `drover` run printed and returned.
struct CommandRun {
    let status: Int32
    let output: String
    let error: String

    /// Standard output parsed as JSON.
    func json() throws -> Any {
        try JSONSerialization.jsonObject(with: Data(output.utf8))
    }
}
