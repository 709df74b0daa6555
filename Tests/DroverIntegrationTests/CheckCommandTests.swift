import DroverKit
import Foundation
import Migrations
import Testing

/// `drover check`: the exit status CI relies on, its JSON and its JUnit
/// report.
@Suite struct CheckCommandTests {
    static let chain: [TestMigration] = [
        TestMigration("r1", parent: nil) {
            CreateTable("notes") {
                Column.id()
                Column("title", .string(50))
            }
        },
        TestMigration("r2", parent: "r1") {
            AddColumn("notes", Column("body", .text).nullable())
        },
    ]

    /// The same revision ids, with r1's column length changed after the
    /// fact.
    static let editedChain: [TestMigration] = [
        TestMigration("r1", parent: nil) {
            CreateTable("notes") {
                Column.id()
                Column("title", .string(60))
            }
        },
        chain[1],
    ]

    // MARK: Exit statuses

    @Test func allTenantsAtHeadPass() throws {
        let scenario = try Scenario("chkok")
        try scenario.createTenants(["a", "b"])
        let migrations = Self.chain.registered
        #expect(try scenario.drover(["upgrade"], migrations: migrations).status == 0)

        let run = try scenario.drover(["check"], migrations: migrations)

        #expect(run.status == 0)
        #expect(run.output.contains("0 failing: exit 0"))
    }

    @Test func aTenantBehindHeadIsExit4UnlessPendingIsAllowed() throws {
        let scenario = try Scenario("chkpend")
        try scenario.createTenants(["ahead", "behind"])
        let migrations = Self.chain.registered
        #expect(try scenario.drover(["upgrade"], migrations: migrations).status == 0)
        #expect(try scenario.drover(["downgrade", "r1", "--tenant", "behind"],
                                    migrations: migrations).status == 0)

        let strict = try scenario.drover(["check", "--format", "json"], migrations: migrations)
        let lenient = try scenario.drover(["check", "--allow-pending"], migrations: migrations)

        #expect(strict.status == 4)
        let checks = try Self.checks(in: strict)
        #expect(checks[scenario.schema("behind")]?["status"] as? String == "pending")
        #expect((checks[scenario.schema("behind")]?["message"] as? String)?
            .contains("1 migration behind head (at r1)") == true)
        #expect(checks[scenario.schema("ahead")]?["status"] as? String == "passed")
        #expect(lenient.status == 0)
    }

    @Test func aNewTenantWithoutRevisionTableIsPending() throws {
        let scenario = try Scenario("chknew")
        try scenario.createTenants(["empty"])

        let run = try scenario.drover(["check", "--format", "json"], migrations: Self.chain.registered)

        #expect(run.status == 4)
        #expect(try Self.checks(in: run)[scenario.schema("empty")]?["status"] as? String == "pending")
    }

    @Test func rawSQLWithoutADowngradeMakesTheSetUnsound() throws {
        let scenario = try Scenario("chkraw")
        try scenario.createTenants(["a"])
        let unsound = [
            Self.chain[0],
            TestMigration("r2", parent: "r1") { RawSQL("CREATE VIEW recent AS SELECT 1 AS one") },
        ].registered

        let run = try scenario.drover(["check", "--graph-only", "--format", "json"],
                                      migrations: unsound)

        #expect(run.status == 2)
        let json = try #require(try run.json() as? [String: Any])
        #expect(json["exit_status"] as? Int == 2)
        let rows = json["checks"] as? [[String: Any]] ?? []
        let r2 = try #require(rows.first { $0["name"] as? String == "reversible r2" })
        #expect(r2["status"] as? String == "invalid")
        #expect((r2["message"] as? String)?.contains("test/r2.swift") == true)
        #expect(rows.first { $0["name"] as? String == "reversible r1" }?["status"] as? String
            == "passed")
    }

    @Test func rawSQLMarkedIrreversibleIsSound() throws {
        let scenario = try Scenario("chkirr")
        var marked = TestMigration("r2", parent: "r1") { RawSQL("SELECT 1") }
        marked.downgradeSteps = .irreversible("a one-way data fix")

        let run = try scenario.drover(["check", "--graph-only", "--format", "json"],
                                      migrations: [Self.chain[0], marked].registered)

        #expect(run.status == 0)
        let rows = (try run.json() as? [String: Any])?["checks"] as? [[String: Any]] ?? []
        let r2 = rows.first { $0["name"] as? String == "reversible r2" }
        #expect(r2?["status"] as? String == "passed")
        #expect(r2?["message"] as? String == "marked irreversible: a one-way data fix")
    }

    @Test func graphOnlyNeedsNoDatabase() throws {
        let scenario = try Scenario("chkgraph")
        try """
            database: postgresql://127.0.0.1:1/nowhere?connect_timeout=2
            tenants:
              pattern: \(scenario.prefix)_*
            """.write(toFile: scenario.configurationPath, atomically: true, encoding: .utf8)
        let migrations = Self.chain.registered

        let graph = try scenario.drover(["check", "--graph-only"], migrations: migrations)
        let full = try scenario.drover(["check", "--format", "json"], migrations: migrations)

        #expect(graph.status == 0)
        #expect(graph.output.contains("3 checks, 0 failing: exit 0"))
        // The same configuration without --graph-only does need the database.
        #expect(full.status == 1)
        let rows = (try full.json() as? [String: Any])?["checks"] as? [[String: Any]] ?? []
        #expect(rows.contains { $0["group"] as? String == "database" && $0["status"] as? String == "failure" })
    }

    @Test func anUnknownTenantIsAUsageError() throws {
        let scenario = try Scenario("chkunk")
        try scenario.createTenants(["a"])

        let run = try scenario.drover(["check", "--tenant", "nosuch"],
                                      migrations: Self.chain.registered)

        #expect(run.status == 2)
        #expect(run.error.contains("no tenant 'nosuch'"))
    }

    // MARK: Edited migrations

    @Test func aMigrationEditedAfterItRanIsReportedByStatusAndCheck() throws {
        let scenario = try Scenario("chkedit")
        try scenario.createTenants(["old", "other"])
        #expect(try scenario.drover(["upgrade"], migrations: Self.chain.registered).status == 0)
        let edited = Self.editedChain.registered

        let status = try scenario.drover(["status", "--format", "json"], migrations: edited)
        let check = try scenario.drover(["check"], migrations: edited)
        let checkJSON = try scenario.drover(["check", "--format", "json", "--tenant", "old"],
                                            migrations: edited)

        #expect(status.status == 0)
        let rows = try #require(try status.json() as? [[String: Any]])
        let old = try #require(rows.first { $0["tenant"] as? String == scenario.schema("old") })
        #expect(old["state"] as? String == "edited")
        #expect((old["problem"] as? String)?.contains("r1") == true)
        #expect(check.status == 3)
        #expect(check.output.contains("edited after it was applied: r1"))
        let tenantCheck = try #require(try Self.checks(in: checkJSON)[scenario.schema("old")])
        #expect(tenantCheck["status"] as? String == "drift")
        #expect((tenantCheck["message"] as? String)?.hasPrefix("edited after it was applied: r1")
            == true)
        // The untouched chain still checks clean.
        #expect(try scenario.drover(["check"], migrations: Self.chain.registered).status == 0)
    }

    // MARK: JUnit and JSON

    @Test func theJUnitReportCountsCasesAndNamesTheFailingTenant() throws {
        let scenario = try Scenario("chkjunit")
        try scenario.createTenants(["good", "bad"])
        let migrations = Self.chain.registered
        #expect(try scenario.drover(["upgrade"], migrations: migrations).status == 0)
        try scenario.sql("ALTER TABLE \(SQLIdentifier.quote(scenario.schema("bad"))).notes"
            + " ADD COLUMN \"<\"\"&'>\" text")
        let path = scenario.directory.appendingPathComponent("report.xml").path

        let run = try scenario.drover(["check", "--junit", path], migrations: migrations)

        #expect(run.status == 3)
        let report = try JUnitFile(path: path)
        // graph: revision graph + one per migration; tenants: one per tenant.
        #expect(report.tests == 5)
        #expect(report.failures == 1)
        #expect(report.cases.count == 5)
        #expect(report.suites.map(\.name) == ["graph", "tenants"])
        #expect(report.suites.map(\.failures) == [0, 1])
        #expect(report.failingCases == [scenario.schema("bad")])
        let bad = try #require(report.cases.first { $0.name == scenario.schema("bad") })
        #expect(bad.className == "drover.tenants")
        #expect(bad.failureMessage == "unexpected column: notes.<\"&'>")
    }

    @Test func theJUnitReportDoesNotFailAllowedPendingTenants() throws {
        let scenario = try Scenario("chkjpend")
        try scenario.createTenants(["new"])
        let path = scenario.directory.appendingPathComponent("report.xml").path

        let run = try scenario.drover(["check", "--allow-pending", "--junit", path],
                                      migrations: Self.chain.registered)

        #expect(run.status == 0)
        let report = try JUnitFile(path: path)
        #expect(report.failures == 0)
        #expect(report.failingCases.isEmpty)
        #expect(report.cases.contains { $0.name == scenario.schema("new") })
    }

    @Test func checkJSONCarriesTheExitStatusAndEveryCheck() throws {
        let scenario = try Scenario("chkjson")
        try scenario.createTenants(["a"])
        let migrations = Self.chain.registered
        #expect(try scenario.drover(["upgrade"], migrations: migrations).status == 0)
        try scenario.sql("DROP TABLE \(SQLIdentifier.quote(scenario.schema("a"))).notes")

        let run = try scenario.drover(["check", "--format", "json"], migrations: migrations)

        #expect(run.status == 3)
        let json = try #require(try run.json() as? [String: Any])
        #expect(json["exit_status"] as? Int == 3)
        let rows = try #require(json["checks"] as? [[String: Any]])
        #expect(rows.map { $0["group"] as? String ?? "" } == ["graph", "graph", "graph", "tenants"])
        #expect(rows.last?["message"] as? String == "missing table: notes")
    }

    /// Tenant checks of `check --format json`, by schema.
    static func checks(in run: CommandRun) throws -> [String: [String: Any]] {
        let json = try #require(try run.json() as? [String: Any])
        let rows = try #require(json["checks"] as? [[String: Any]])
        var result: [String: [String: Any]] = [:]
        for row in rows where row["group"] as? String == "tenants" {
            if let name = row["name"] as? String { result[name] = row }
        }
        return result
    }
}

/// `check --scratch` creates and drops a `drover_check_*` schema; these
/// tests run one at a time so that "none is left" means theirs.
@Suite(.serialized) struct ScratchCheckTests {
    func scratchSchemas(_ scenario: Scenario) throws -> [String?] {
        try scenario.values("SELECT nspname FROM pg_namespace WHERE nspname LIKE 'drover\\_check\\_%'")
    }

    @Test func aDowngradeThatLeavesATableBehindIsNamed() throws {
        let scenario = try Scenario("scrleft")
        #expect(try scratchSchemas(scenario).isEmpty)
        let leaky = [
            CheckCommandTests.chain[0],
            TestMigration("r2", parent: "r1") {
                RawSQL("CREATE TABLE leftover (id int)", downgrade: "SELECT 1")
            },
        ].registered

        let run = try scenario.drover(["check", "--scratch", "--format", "json"], migrations: leaky)

        #expect(run.status == 3)
        let json = try #require(try run.json() as? [String: Any])
        let rows = (json["checks"] as? [[String: Any]] ?? []).filter { $0["group"] as? String == "scratch" }
        let failing = rows.filter { $0["status"] as? String != "passed" }
        #expect(failing.count == 1)
        #expect(failing.first?["name"] as? String == "downgrade r2")
        #expect(failing.first?["status"] as? String == "drift")
        #expect((failing.first?["message"] as? String)?.contains("leftover") == true)
        // r2's raw SQL on the way up was accepted, with a note.
        let up = rows.first { $0["name"] as? String == "upgrade to r2" }
        #expect(up?["status"] as? String == "passed")
        #expect((up?["message"] as? String)?.contains("unexpected table: leftover") == true)
        #expect(try scratchSchemas(scenario).isEmpty)
    }

    @Test func aDowngradeThatLeavesAFunctionBehindIsCaughtAtBase() throws {
        let scenario = try Scenario("scrfunc")
        let leaky = [
            CheckCommandTests.chain[0],
            TestMigration("r2", parent: "r1") {
                RawSQL("CREATE OR REPLACE FUNCTION answer(x int) RETURNS int"
                    + " LANGUAGE sql AS 'SELECT 42'", downgrade: "SELECT 1")
            },
        ].registered

        let run = try scenario.drover(["check", "--scratch", "--format", "json"], migrations: leaky)

        #expect(run.status == 3)
        let rows = (try run.json() as? [String: Any])?["checks"] as? [[String: Any]] ?? []
        let base = rows.first { $0["name"] as? String == "nothing left at base" }
        #expect(base?["status"] as? String == "drift")
        #expect(base?["message"] as? String
            == "left behind after downgrading to base: answer(x integer)")
        #expect(try scratchSchemas(scenario).isEmpty)
    }

    @Test func aCleanChainPassesTheRehearsalAndLeavesNothing() throws {
        let scenario = try Scenario("scrok")
        #expect(try scratchSchemas(scenario).isEmpty)
        let chain = CheckCommandTests.chain + [
            TestMigration("r3", parent: "r2") {
                CreateEnum("note_kind", ["memo", "todo"])
                AddColumn("notes", Column("kind", .enumeration("note_kind")).default("memo"))
                CreateIndex(on: "notes", "title", unique: true)
                CreateTable("tags") {
                    Column.id()
                    Column("note_id", .integer).references("notes", onDelete: .cascade)
                    Column("label", .string(30)).check("label <> ''")
                    Unique("note_id", "label")
                }
            },
            TestMigration("r4", parent: "r3") {
                RawSQL("CREATE TABLE audit (id int)", downgrade: "DROP TABLE audit")
            },
        ]
        let path = scenario.directory.appendingPathComponent("scratch.xml").path

        // No tenants here: --allow-pending keeps "no tenant selected" from failing.
        let run = try scenario.drover(["check", "--scratch", "--allow-pending", "--junit", path],
                                      migrations: chain.registered)

        #expect(run.status == 0, "\(run.output)")
        let report = try JUnitFile(path: path)
        let scratch = report.cases.filter { $0.suite == "scratch" }.map(\.name)
        #expect(scratch == ["upgrade to r1", "upgrade to r2", "upgrade to r3", "upgrade to r4",
                            "downgrade r4", "downgrade r3", "downgrade r2", "downgrade r1",
                            "nothing left at base", "upgrade base to head again"])
        #expect(report.failures == 0)
        #expect(try scratchSchemas(scenario).isEmpty)
    }

    @Test func aMigrationThatFailsOnScratchIsExit1AndTheSchemaStillGoes() throws {
        let scenario = try Scenario("scrfail")
        let broken = [
            CheckCommandTests.chain[0],
            TestMigration("r2", parent: "r1") { RawSQL("SELECT 1 / 0", downgrade: "SELECT 1") },
        ].registered

        let run = try scenario.drover(["check", "--scratch", "--format", "json"], migrations: broken)

        #expect(run.status == 1)
        let rows = (try run.json() as? [String: Any])?["checks"] as? [[String: Any]] ?? []
        let last = rows.last { $0["group"] as? String == "scratch" }
        #expect(last?["name"] as? String == "upgrade to r2")
        #expect(last?["status"] as? String == "failure")
        #expect((last?["message"] as? String)?.contains("division by zero") == true)
        #expect(try scratchSchemas(scenario).isEmpty)
    }

    @Test func theProjectsMigrationsPassTheWholeCheck() throws {
        let scenario = try Scenario("scrreal")
        try scenario.createTenants(["acme", "globex"])
        #expect(try scenario.drover(["upgrade"], migrations: allMigrations).status == 0)
        let path = scenario.directory.appendingPathComponent("ci.xml").path

        let run = try scenario.drover(["check", "--scratch", "--junit", path],
                                      migrations: allMigrations)

        #expect(run.status == 0, "\(run.output)")
        let report = try JUnitFile(path: path)
        #expect(report.failures == 0)
        #expect(report.cases.contains { $0.name == "nothing left at base" })
        #expect(report.cases.filter { $0.suite == "tenants" }.map(\.name)
            == [scenario.schema("acme"), scenario.schema("globex")])
        #expect(try scratchSchemas(scenario).isEmpty)
    }

    @Test func anIrreversibleMigrationStopsTheDowngradesWithoutFailing() throws {
        let scenario = try Scenario("scrirr")
        var oneWay = TestMigration("r2", parent: "r1") { RawSQL("UPDATE notes SET title = title") }
        oneWay.downgradeSteps = .irreversible("data fix")

        let run = try scenario.drover(["check", "--scratch", "--allow-pending", "--format", "json"],
                                      migrations: [CheckCommandTests.chain[0], oneWay].registered)

        #expect(run.status == 0)
        let rows = (try run.json() as? [String: Any])?["checks"] as? [[String: Any]] ?? []
        let down = rows.first { $0["name"] as? String == "downgrade r2" }
        #expect((down?["message"] as? String)?.contains("downgrades stop here") == true)
        #expect(try scratchSchemas(scenario).isEmpty)
    }
}
