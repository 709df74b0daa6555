import DroverKit
import Foundation
import Migrations
import Testing

@Suite struct UpgradeTests {
    let migrations = try! MigrationSet(allMigrations)

    @Test func upgradesManyTenantsInParallel() throws {
        let scenario = try Scenario("par")
        let tenants = (1...24).map { "agency\($0)" }
        try scenario.createTenants(tenants)

        let report = try scenario.engine(allMigrations, jobs: 4).upgrade()

        #expect(report.migrated == 24)
        #expect(report.failed == 0 && report.drifted == 0)
        let chain = migrations.migrations.map(\.revision)
        let tableCount = migrations.model(at: migrations.head).tables.count
        for tenant in tenants {
            #expect(try scenario.revisions(of: tenant) == chain)
            let tables = try scenario.values("""
                SELECT count(*) FROM pg_tables WHERE schemaname = '\(scenario.schema(tenant))'
                """)
            #expect(tables.first == String(tableCount + 1))  // + the revision table
        }
    }

    @Test func secondUpgradeFindsEveryTenantCurrent() throws {
        let scenario = try Scenario("noop")
        try scenario.createTenants(["a", "b", "c"])
        let engine = try scenario.engine(allMigrations)
        _ = try engine.upgrade()

        let again = try engine.upgrade()

        #expect(again.current == 3)
        #expect(again.migrated == 0)
        #expect(again.exitStatus == .success)
    }

    @Test func upgradeByStepsAndToARevision() throws {
        let scenario = try Scenario("steps")
        try scenario.createTenants(["a"])
        let engine = try scenario.engine(allMigrations)
        let chain = migrations.migrations.map(\.revision)

        _ = try engine.upgrade(to: .relative(2))
        #expect(try scenario.revisions(of: "a") == Array(chain.prefix(2)))

        _ = try engine.upgrade(to: .revision(chain[3]))
        #expect(try scenario.revisions(of: "a") == Array(chain.prefix(4)))
    }

    @Test func roundTripFromBaseToHeadAndBackLeavesTheSchemaEmpty() throws {
        let scenario = try Scenario("trip")
        try scenario.createTenants(["a"])
        let engine = try scenario.engine(allMigrations)

        let up = try engine.upgrade()
        #expect(up.migrated == 1)
        #expect(try scenario.objectCount(in: "a") > 0)

        let down = try engine.downgrade(to: .base)
        #expect(down.migrated == 1, "\(down.outcomes)")
        #expect(try scenario.objectCount(in: "a") == 0)

        let again = try engine.upgrade()
        #expect(again.migrated == 1)
        #expect(try scenario.revisions(of: "a").count == migrations.migrations.count)
    }

    @Test func downgradesOneTenantAndLeavesTheOthers() throws {
        let scenario = try Scenario("down")
        try scenario.createTenants(["a", "b", "c"])
        _ = try scenario.engine(allMigrations).upgrade()
        let chain = migrations.migrations.map(\.revision)

        let run = try scenario.drover(["downgrade", "-1", "--tenant", "b"],
                                      migrations: allMigrations)

        #expect(run.status == 0, "\(run.error)")
        #expect(try scenario.revisions(of: "b") == Array(chain.dropLast()))
        #expect(try scenario.revisions(of: "a") == chain)
        #expect(try scenario.revisions(of: "c") == chain)
    }

    @Test func aCancelledRunStartsNoTenant() throws {
        let scenario = try Scenario("cancel")
        try scenario.createTenants(["a", "b", "c"])
        let cancellation = Cancellation()
        cancellation.cancel()

        let report = try scenario.engine(allMigrations).upgrade(
            options: RunOptions(cancellation: cancellation))

        #expect(report.skipped == 3)
        #expect(report.migrated == 0)
        for tenant in ["a", "b", "c"] { #expect(try scenario.objectCount(in: tenant) == 0) }
    }

    @Test func aRunCancelledMidTenantStopsBetweenMigrationsAndSaysSo() throws {
        let scenario = try Scenario("midway")
        try scenario.createTenants(["a"])
        let chain = [
            TestMigration("s1", parent: nil) { CreateTable("one") { Column.id() } },
            TestMigration("s2", parent: "s1") {
                RawSQL("SELECT pg_sleep(1)", downgrade: "SELECT 1")
            },
            TestMigration("s3", parent: "s2") { CreateTable("three") { Column.id() } },
        ].registered
        let engine = try scenario.engine(chain, jobs: 1)
        let cancellation = Cancellation()

        // Cancel once s1 is recorded, while s2 sleeps on the server.
        let table = "\(SQLIdentifier.quote(scenario.schema("a"))).drover_revisions"
        DispatchQueue.global().async {
            let watcher = try? TestDatabase.connect()
            for _ in 0..<500 {
                let count = try? watcher?.execute(
                    "SELECT count(*) FROM \(table) WHERE to_regclass('\(table)') IS NOT NULL")
                if count?.rows.first?[0] == "1" { break }
                usleep(20_000)
            }
            cancellation.cancel()
        }
        let report = try engine.upgrade(options: RunOptions(cancellation: cancellation))

        guard case .interrupted(_, let at, let count) = report.outcomes.first?.result else {
            Issue.record("expected an interrupted tenant, got \(report.outcomes)")
            return
        }
        #expect(at == "s2" && count == 2)
        #expect(report.exitStatus == .failure)
        #expect(try scenario.revisions(of: "a") == ["s1", "s2"])
    }

    @Test func dryRunChangesNothing() throws {
        let scenario = try Scenario("dry")
        try scenario.createTenants(["a"])

        let report = try scenario.engine(allMigrations).upgrade(
            options: RunOptions(isDryRun: true))

        #expect(report.planned == 1)
        #expect(try scenario.objectCount(in: "a") == 0)
    }

    @Test func createTenantMakesTheSchemaAndBringsItToHead() throws {
        let scenario = try Scenario("create")
        let engine = try scenario.engine(allMigrations)

        let created = try engine.createTenant("newco")
        guard case .migrated(_, let to, _) = created.result else {
            Issue.record("expected a migrated tenant, got \(created.result)")
            return
        }
        #expect(to == migrations.head)
        #expect(try scenario.revisions(of: "newco").count == migrations.migrations.count)

        let again = try engine.createTenant(scenario.schema("newco"))
        guard case .current = again.result else {
            Issue.record("a second create-tenant should find the tenant current")
            return
        }
    }

    @Test func concurrentRunsApplyEachMigrationOnce() throws {
        let scenario = try Scenario("twice")
        let tenants = (1...8).map { "t\($0)" }
        try scenario.createTenants(tenants)
        let first = try scenario.engine(allMigrations, jobs: 3)
        let second = try scenario.engine(allMigrations, jobs: 3)

        let reports = Mutex<[RunReport]>([])
        DispatchQueue.concurrentPerform(iterations: 2) { index in
            let report = try? (index == 0 ? first : second).upgrade()
            reports.withLock { $0.append(contentsOf: report.map { [$0] } ?? []) }
        }

        let both = reports.withLock { $0 }
        #expect(both.count == 2)
        #expect(both.map(\.failed).reduce(0, +) == 0)
        // Every tenant was migrated by exactly one of the two runs.
        #expect(both.map(\.migrated).reduce(0, +) == tenants.count)
        for tenant in tenants {
            #expect(try scenario.revisions(of: tenant).count == migrations.migrations.count)
        }
    }
}

import Synchronization
