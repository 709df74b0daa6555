import DroverKit
import Foundation
import Migrations
import Testing

/// Bad input ends with one clear line and a documented exit status,
/// before any database is touched where that is possible.
@Suite struct CommandLineTests {
    @Test func malformedConfigurationIsAUsageErrorWithItsLine() throws {
        let scenario = try Scenario("badyaml")
        try "database: [unclosed\njobs: 2\n".write(toFile: scenario.configurationPath,
                                                  atomically: true, encoding: .utf8)

        let run = try scenario.drover(["status"], migrations: allMigrations)

        #expect(run.status == 2)
        #expect(run.error.contains("tenants.yaml:"))
        #expect(run.error.split(separator: "\n").count == 1)
        #expect(run.output.isEmpty)
    }

    @Test func unknownRevisionIsRejectedBeforeAnythingRuns() throws {
        let scenario = try Scenario("unkrev")
        try scenario.createTenants(["a"])

        let run = try scenario.drover(["upgrade", "no_such_revision"], migrations: allMigrations)

        #expect(run.status == 2)
        #expect(run.error.contains("unknown revision 'no_such_revision'"))
        #expect(try scenario.objectCount(in: "a") == 0)
    }

    @Test func brokenRevisionGraphNamesTheFilesAndRunsNothing() throws {
        let scenario = try Scenario("graph")
        try scenario.createTenants(["a"])
        let twoHeads = [
            TestMigration("r1", parent: nil) { CreateTable("a") { Column.id() } },
            TestMigration("r2", parent: "r1") { CreateTable("b") { Column.id() } },
            TestMigration("r3", parent: "r1") { CreateTable("c") { Column.id() } },
        ].registered

        let run = try scenario.drover(["upgrade"], migrations: twoHeads)

        #expect(run.status == 2)
        #expect(run.error.contains("more than one head"))
        #expect(run.error.contains("test/r2.swift") && run.error.contains("test/r3.swift"))
        #expect(try scenario.objectCount(in: "a") == 0)
    }

    @Test func missingParentAndDuplicateIdsAreBothReported() throws {
        let scenario = try Scenario("graph2")
        let broken = [
            TestMigration("r1", parent: nil) { CreateTable("a") { Column.id() } },
            TestMigration("r1", parent: nil) { CreateTable("b") { Column.id() } },
            TestMigration("r2", parent: "gone") { CreateTable("c") { Column.id() } },
        ].registered

        let run = try scenario.drover(["history"], migrations: broken)

        #expect(run.status == 2)
        #expect(run.error.contains("duplicate revision 'r1'"))
        #expect(run.error.contains("names parent 'gone'"))
    }

    @Test(arguments: ["x\"; DROP SCHEMA public CASCADE; --", "a'b", "../etc", "", "a\nb", "tab\there"])
    func hostileTenantNamesAreRefused(name: String) throws {
        let scenario = try Scenario("hostile")
        try scenario.createTenants(["a"])

        let run = try scenario.drover(["upgrade", "--tenant", name], migrations: allMigrations)

        #expect(run.status == 2)
        #expect(run.error.contains("no tenant") || run.error.contains("contains control characters"))
        #expect(run.error.split(separator: "\n").count == 1)
        #expect(try scenario.objectCount(in: "a") == 0)
        #expect(try scenario.values("SELECT count(*) FROM pg_namespace WHERE nspname = 'public'")
            == ["1"])
    }

    @Test func hostileNamesInCreateTenantAreQuotedOrRefused() throws {
        let scenario = try Scenario("hostile2")

        let run = try scenario.drover(["create-tenant", "we\"ird; name"],
                                      migrations: allMigrations)

        // A schema named exactly like that is legal when quoted; it must
        // exist with its exact name and nothing else may have happened.
        #expect(run.status == 0, "\(run.error)")
        let found = try scenario.values("SELECT nspname FROM pg_namespace WHERE nspname = "
            + SQLLiteral.quote(scenario.schema("we\"ird; name")))
        #expect(found.count == 1)
    }

    @Test(arguments: [
        "postgresql://drover:s3cretPassw0rd@127.0.0.1:1/nowhere",
        "postgresql://drover:s3cret%Passw0rd@127.0.0.1:1/nowhere",
        "postgresql://drover:s3cretPassw0rd@[::1:1/nowhere",
        "postgresql://drover:ab/s3cretPassw0rd@127.0.0.1:1/nowhere",
        "postgresql://drover:s3cret?Passw0rd@127.0.0.1:1/nowhere",
        "postgresql://drover:s3cret@Passw0rd@127.0.0.1:1/nowhere",
        "'host=127.0.0.1 port=1 password=''s3cret Passw0rd'' dbname=x'",
        "'host=127.0.0.1 port=1 password=s3cretPassw0rd dbname=x'",
    ])
    func passwordsNeverAppearInOutput(database: String) throws {
        let scenario = try Scenario("secret")
        try """
            database: \(database)
            tenants:
              pattern: \(scenario.prefix)_*
            """.write(toFile: scenario.configurationPath, atomically: true, encoding: .utf8)

        let run = try scenario.drover(["upgrade"], migrations: allMigrations)

        #expect(run.status == 1)
        #expect(run.error.contains("cannot connect"))
        for piece in ["s3cret", "Passw0rd"] {
            #expect(!run.error.contains(piece) && !run.output.contains(piece), "\(run.error)")
        }
    }

    @Test func unknownCommandsAndOptionsAreUsageErrors() throws {
        let scenario = try Scenario("usage")
        #expect(try scenario.drover(["migrate"], migrations: allMigrations).status == 2)
        #expect(try scenario.drover(["upgrade", "--jobz", "2"], migrations: allMigrations).status == 2)
        #expect(try scenario.drover(["upgrade", "--jobs", "0"], migrations: allMigrations).status == 2)
        #expect(try scenario.drover(["downgrade"], migrations: allMigrations).status == 2)
        #expect(try scenario.drover(["upgrade", "-1"], migrations: allMigrations).status == 2)
        #expect(try scenario.drover(["status", "--format", "xml"], migrations: allMigrations).status == 2)
    }

    @Test func helpAndVersionNeedNoConfiguration() throws {
        let scenario = try Scenario("help")
        try FileManager.default.removeItem(atPath: scenario.configurationPath)

        let help = try scenario.drover(["upgrade", "--help"], migrations: allMigrations)
        let version = try scenario.drover(["--version"], migrations: allMigrations)
        let history = try scenario.drover(["history"], migrations: allMigrations)

        #expect(help.status == 0 && help.output.contains("usage: drover upgrade"))
        #expect(version.status == 0 && version.output.hasPrefix("drover "))
        #expect(history.status == 0 && history.output.contains("0001_system"))
    }

    @Test func statusListsEveryTenantWithItsRevision() throws {
        let scenario = try Scenario("status")
        try scenario.createTenants(["a", "b"])
        _ = try scenario.drover(["upgrade", "--tenant", "a"], migrations: allMigrations)

        let run = try scenario.drover(["status", "--format", "json"], migrations: allMigrations)

        #expect(run.status == 0)
        let rows = try #require(try run.json() as? [[String: Any]])
        #expect(rows.count == 2)
        let head = try MigrationSet(allMigrations).head
        #expect(rows[0]["revision"] as? String == head)
        #expect(rows[0]["state"] as? String == "current")
        #expect(rows[1]["revision"] == nil || rows[1]["revision"] is NSNull)
        #expect(rows[1]["state"] as? String == "new")
    }

    @Test func offlineSQLAppliedByHandGivesTheSameTenantAsUpgrade() throws {
        let scenario = try Scenario("offline")
        try scenario.createTenants(["byhand"])
        let schema = scenario.schema("byhand")

        let up = try scenario.drover(["sql", "--schema", schema], migrations: allMigrations)
        #expect(up.status == 0)
        try scenario.sql(up.output)

        let check = try scenario.drover(["check", "--tenant", "byhand"], migrations: allMigrations)
        #expect(check.status == 0, "\(check.output)")
        let head = try #require(try MigrationSet(allMigrations).head)
        let down = try scenario.drover(["sql", "--schema", schema, "--from", head, "--to", "base"],
                                       migrations: allMigrations)
        #expect(down.status == 0)
        try scenario.sql(down.output)
        #expect(try scenario.objectCount(in: "byhand") == 0)
    }

    @Test func offlineSQLRefusesUnknownRevisionsAndHostileSchemas() throws {
        let scenario = try Scenario("offline2")
        let unknown = try scenario.drover(["sql", "--schema", "s", "--to", "nope"],
                                          migrations: allMigrations)
        let long = try scenario.drover(["sql", "--schema", String(repeating: "x", count: 64)],
                                       migrations: allMigrations)
        #expect(unknown.status == 2 && unknown.error.contains("unknown revision 'nope'"))
        #expect(long.status == 2 && long.error.contains("at most 63"))
    }

    @Test func newWritesTheNextMigrationAfterTheHead() throws {
        let scenario = try Scenario("new")
        let head = try #require(try MigrationSet(allMigrations).head)
        let count = try MigrationSet(allMigrations).migrations.count

        let run = try scenario.drover(["new", "Bookings get notes!", "--dir", scenario.directory.path],
                                      migrations: allMigrations)
        let again = try scenario.drover(["new", "Bookings get notes", "--dir", scenario.directory.path],
                                        migrations: allMigrations)

        #expect(run.status == 0, "\(run.error)")
        let revision = String(format: "%04d", count + 1) + "_bookings_get_notes"
        let file = scenario.directory.appendingPathComponent("\(revision).swift").path
        let source = try String(contentsOfFile: file, encoding: .utf8)
        #expect(source.contains("let revision = \"\(revision)\""))
        #expect(source.contains("let parent: String? = \"\(head)\""))
        #expect(source.contains("let summary = \"Bookings get notes!\""))
        #expect(again.status == 2 && again.error.contains("already exists"))
    }
}
