import DroverKit
import Foundation
import Migrations
import Testing

/// What a run decides before it touches a tenant: targets fixed per tenant,
/// wrong directions and edited migrations said out loud, system schemas
/// never tenants.
@Suite struct PlanningTests {
    let migrations = try! MigrationSet(allMigrations)

    @Test func aRelativeTargetBeyondTheChainIsAUsageError() throws {
        let scenario = try Scenario("far")
        try scenario.createTenants(["a"])
        let up = try scenario.drover(["upgrade", "+99"], migrations: allMigrations)
        let down = try scenario.drover(["downgrade", "-99"], migrations: allMigrations)
        #expect(up.status == 2 && up.error.contains("further than the chain"))
        #expect(down.status == 2)
        #expect(try scenario.objectCount(in: "a") == 0)
    }

    @Test func upgradingToARevisionBelowTheTenantFailsAndSaysWhy() throws {
        let scenario = try Scenario("wrongway")
        try scenario.createTenants(["a"])
        _ = try scenario.engine(allMigrations).upgrade()
        let first = migrations.migrations[0].revision

        let run = try scenario.drover(["upgrade", first], migrations: allMigrations)

        #expect(run.status == 1)
        #expect(run.output.contains("use `drover downgrade \(first)`"))
        #expect(try scenario.revisions(of: "a").count == migrations.migrations.count)
    }

    @Test func anEditedMigrationStopsUpgradeWithDrift() throws {
        let scenario = try Scenario("edited")
        try scenario.createTenants(["a", "b"])
        _ = try scenario.engine(allMigrations).upgrade(to: .relative(3))
        let third = migrations.migrations[2].revision
        try scenario.sql("UPDATE \(scenario.schema("a")).drover_revisions"
            + " SET checksum = 'edited' WHERE revision = '\(third)'")

        let run = try scenario.drover(["upgrade"], migrations: allMigrations)

        #expect(run.status == 3)
        #expect(run.output.contains("migration \(third) was edited after it was applied"))
        #expect(try scenario.revisions(of: "a").count == 3)
        #expect(try scenario.revisions(of: "b").count == migrations.migrations.count)
    }

    @Test func concurrentRelativeRunsEachMoveFromWhereTheyFoundTheTenants() throws {
        let scenario = try Scenario("relative")
        let tenants = (1...6).map { "t\($0)" }
        try scenario.createTenants(tenants)
        let engine = try scenario.engine(allMigrations, jobs: 2)

        let reports = Mutex<[RunReport]>([])
        DispatchQueue.concurrentPerform(iterations: 2) { _ in
            let report = try? engine.upgrade(to: .relative(3))
            reports.withLock { $0.append(contentsOf: report.map { [$0] } ?? []) }
        }

        // Each run fixed "+3" against the revision it read when it planned,
        // so a tenant ends three further than the later run found it: at 3
        // to 6 revisions. Nothing fails for finding the tenant moved on
        // under the lock, and no revision is applied twice.
        #expect(reports.withLock { $0.map(\.failed).reduce(0, +) } == 0)
        for tenant in tenants {
            let revisions = try scenario.revisions(of: tenant)
            #expect((3...6).contains(revisions.count))
            #expect(Set(revisions).count == revisions.count)
        }
    }

    @Test func systemSchemasAreNeverTenants() throws {
        let scenario = try Scenario("system")
        try scenario.writeConfiguration()
        try """
            database: ${DROVER_TEST_DATABASE_URL}
            tenants:
              pattern: "*"
            """.write(toFile: scenario.configurationPath, atomically: true, encoding: .utf8)

        let run = try scenario.drover(["tenants", "--format", "json"], migrations: allMigrations)

        #expect(run.status == 0)
        let names = try #require(try run.json() as? [String])
        #expect(!names.contains("pg_catalog") && !names.contains("information_schema"))
        #expect(!names.contains { $0.hasPrefix("pg_") || $0.hasPrefix("drover_check_") })
    }

    @Test func droppingAndRemakingAnObjectIsNotDrift() throws {
        let scenario = try Scenario("remake")
        try scenario.createTenants(["a"])
        let chain = [
            TestMigration("k1", parent: nil) {
                CreateTable("accounts") {
                    Column.id()
                    Column("status", .text)
                }
            },
            TestMigration("k2", parent: "k1") {
                DropColumn("accounts", "status")
                AddColumn("accounts", Column("status", .integer).default(0))
            },
        ].registered
        let engine = try scenario.engine(chain)
        _ = try engine.upgrade(to: .revision("k1"))

        let report = try engine.upgrade()

        #expect(report.migrated == 1 && report.drifted == 0, "\(report.outcomes)")
    }

    @Test func createTenantOnAnExistingTenantChecksForEditedMigrations() throws {
        let scenario = try Scenario("recreate")
        try scenario.createTenants(["a"])
        _ = try scenario.engine(allMigrations).upgrade(to: .relative(1))
        try scenario.sql("UPDATE \(scenario.schema("a")).drover_revisions SET checksum = 'edited'")

        let run = try scenario.drover(["create-tenant", "a"], migrations: allMigrations)

        #expect(run.status == 3)
        #expect(try scenario.revisions(of: "a").count == 1)
    }

    @Test func offlineSQLUsesTheConfiguredRevisionTableOrRefuses() throws {
        let scenario = try Scenario("sqltable")
        try """
            database: ${NO_SUCH_VARIABLE_\(scenario.prefix)}
            revision_table: schema_versions
            """.write(toFile: scenario.configurationPath, atomically: true, encoding: .utf8)

        let refused = try scenario.drover(["sql", "--schema", "s"], migrations: allMigrations)
        let given = try scenario.drover(["sql", "--schema", "s", "--revision-table", "schema_versions"],
                                        migrations: allMigrations)

        #expect(refused.status == 2 && refused.error.contains("--revision-table"))
        #expect(given.status == 0 && given.output.contains("\"s\".\"schema_versions\""))
        #expect(given.output.contains("ON_ERROR_STOP"))
    }

    @Test func anIncludeThatNamesNoSchemaIsWarnedAbout() throws {
        let scenario = try Scenario("ghost")
        try """
            database: ${DROVER_TEST_DATABASE_URL}
            tenants:
              pattern: \(scenario.prefix)_*
              include: [ghost_\(scenario.prefix)]
            """.write(toFile: scenario.configurationPath, atomically: true, encoding: .utf8)

        let run = try scenario.drover(["status"], migrations: allMigrations)

        #expect(run.status == 0)
        #expect(run.error.contains("tenants.include lists 'ghost_\(scenario.prefix)'"))
    }

    @Test func errorsAreADocumentToo() throws {
        let scenario = try Scenario("jsonerr")
        try "jobs: many\n".write(toFile: scenario.configurationPath, atomically: true, encoding: .utf8)

        let run = try scenario.drover(["status", "--format", "json"], migrations: allMigrations)

        #expect(run.status == 2)
        let document = try #require(try run.json() as? [String: Any])
        #expect(document["exit_status"] as? Int == 2)
        #expect((document["error"] as? String)?.contains("jobs") == true)
    }

    @Test func checkWithNoTenantSelectedIsNotGreen() throws {
        let scenario = try Scenario("none")

        let run = try scenario.drover(["check"], migrations: allMigrations)
        let allowed = try scenario.drover(["check", "--allow-pending"], migrations: allMigrations)

        #expect(run.status == 4)
        #expect(run.output.contains("no schema matches the configured tenants"))
        #expect(allowed.status == 0)
    }

    @Test func aJUnitPathThatCannotBeWrittenIsRefusedBeforeChecking() throws {
        let scenario = try Scenario("junitpath")
        let run = try scenario.drover(["check", "--graph-only", "--junit", "/nonexistent/dir/x.xml"],
                                      migrations: allMigrations)
        let folder = try scenario.drover(["check", "--graph-only", "--junit", scenario.directory.path],
                                         migrations: allMigrations)
        #expect(run.status == 2 && run.output.isEmpty)
        #expect(folder.status == 2 && folder.error.contains("is a folder"))
    }

    @Test func anIncludedSchemaIsNamedByItsExactName() throws {
        let scenario = try Scenario("include")
        let legacy = "legacy_\(scenario.prefix)"
        try scenario.sql("CREATE SCHEMA \(SQLIdentifier.quote(legacy))")
        defer { _ = try? scenario.sql("DROP SCHEMA \(SQLIdentifier.quote(legacy)) CASCADE") }
        try scenario.writeConfiguration(extra: "")
        try """
            database: ${DROVER_TEST_DATABASE_URL}
            tenants:
              pattern: \(scenario.prefix)_*
              include: [\(legacy)]
            """.write(toFile: scenario.configurationPath, atomically: true, encoding: .utf8)

        let up = try scenario.drover(["upgrade", "+1", "--tenant", legacy], migrations: allMigrations)
        let diff = try scenario.drover(["diff", "--tenant", legacy], migrations: allMigrations)

        #expect(up.status == 0, "\(up.error)")
        #expect(up.output.contains(legacy))
        #expect(diff.status == 0, "\(diff.error)")
    }

    @Test func aRevisionTableNamedLikeAModelTableIsAConfigurationError() throws {
        let scenario = try Scenario("clash")
        try scenario.writeConfiguration(extra: "revision_table: customers")

        let run = try scenario.drover(["status"], migrations: allMigrations)

        #expect(run.status == 2)
        #expect(run.error.contains("revision_table 'customers' is also the name"))
        try scenario.writeConfiguration(extra: "revision_table: users_pkey")
        #expect(try scenario.drover(["status"], migrations: allMigrations).status == 2)
        try scenario.writeConfiguration(extra: "revision_table: booking_status")
        #expect(try scenario.drover(["status"], migrations: allMigrations).status == 2)
    }

    @Test func statusCountsAnUnknownRecordedRevisionAsNeedingAttention() throws {
        let scenario = try Scenario("future")
        try scenario.createTenants(["a"])
        _ = try scenario.engine(allMigrations).upgrade()
        try scenario.sql("INSERT INTO \(scenario.schema("a")).drover_revisions"
            + " (revision, summary, checksum, execution_ms) VALUES ('0099_future', 'x', 'x', 0)")

        let run = try scenario.drover(["status"], migrations: allMigrations)

        #expect(run.output.contains("0 at head"))
        #expect(run.output.contains("1 needing attention"))
    }
}

import Synchronization
