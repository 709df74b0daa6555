import DroverKit
import Foundation
import Migrations
import Testing

@Suite struct FailureAndDriftTests {
    /// items(code), then a unique index on code: fails where codes repeat.
    static let chain: [TestMigration] = [
        TestMigration("m1", parent: nil) {
            CreateTable("items") {
                Column.id()
                Column("code", .string(20))
            }
        },
        TestMigration("m2", parent: "m1") {
            AddColumn("items", Column("note", .text).nullable())
            CreateIndex(on: "items", "code", unique: true)
        },
    ]

    @Test func aFailingMigrationRollsBackAloneAndOtherTenantsGoOn() throws {
        let scenario = try Scenario("fail")
        try scenario.createTenants(["good1", "bad", "good2"])
        let engine = try scenario.engine(Self.chain.registered)
        _ = try engine.upgrade(to: .revision("m1"))
        try scenario.sql("INSERT INTO \(scenario.schema("bad")).items (code) VALUES ('x'), ('x')")

        let run = try scenario.drover(["upgrade"], migrations: Self.chain.registered)

        #expect(run.status == 1)
        #expect(run.output.contains("\(scenario.schema("bad"))"))
        #expect(run.output.contains("FAILED  revision m2"))
        #expect(try scenario.revisions(of: "bad") == ["m1"])
        #expect(try scenario.revisions(of: "good1") == ["m1", "m2"])
        #expect(try scenario.revisions(of: "good2") == ["m1", "m2"])
        // Nothing of m2 is left half-applied: its column went with its index.
        let columns = try scenario.values("""
            SELECT column_name FROM information_schema.columns
            WHERE table_schema = '\(scenario.schema("bad"))' AND table_name = 'items'
            ORDER BY column_name
            """)
        #expect(columns == ["code", "id"])
    }

    @Test func failFastSkipsTenantsNotYetStarted() throws {
        let scenario = try Scenario("ffast")
        try scenario.createTenants(["a1", "a2", "a3", "a4"])
        let engine = try scenario.engine(Self.chain.registered, jobs: 1)
        _ = try engine.upgrade(to: .revision("m1"))
        try scenario.sql("INSERT INTO \(scenario.schema("a1")).items (code) VALUES ('x'), ('x')")

        let report = try engine.upgrade(options: RunOptions(jobs: 1, failFast: true))

        #expect(report.failed == 1)
        #expect(report.skipped == 3)
        #expect(report.exitStatus == .failure)
        #expect(try scenario.revisions(of: "a4") == ["m1"])
    }

    @Test func aPreExistingTableIsDriftAndTheTenantIsLeftAlone() throws {
        let scenario = try Scenario("drift")
        try scenario.createTenants(["clean", "legacy"])
        try scenario.sql("CREATE TABLE \(scenario.schema("legacy")).roles (id integer)")

        let run = try scenario.drover(["upgrade", "--format", "json"], migrations: allMigrations)

        #expect(run.status == 3)
        let json = try #require(try run.json() as? [String: Any])
        let tenants = try #require(json["tenants"] as? [[String: Any]])
        let legacy = try #require(tenants.first { $0["tenant"] as? String == scenario.schema("legacy") })
        #expect(legacy["result"] as? String == "drifted")
        let findings = legacy["findings"] as? [String] ?? []
        #expect(findings.contains { $0.contains("table roles already exists") })
        let clean = try #require(tenants.first { $0["tenant"] as? String == scenario.schema("clean") })
        #expect(clean["result"] as? String == "migrated")
        // Drift means nothing ran: no revision table, the hand-made table untouched.
        let tables = try scenario.values("""
            SELECT tablename FROM pg_tables WHERE schemaname = '\(scenario.schema("legacy"))'
            """)
        #expect(tables == ["roles"])
    }

    @Test func aTenantAlreadyLockedByAnotherRunIsBusy() throws {
        let scenario = try Scenario("busy")
        try scenario.createTenants(["locked"])
        let holder = try TestDatabase.connect()
        try holder.execute("SELECT pg_advisory_lock(hashtext('drover'), hashtext("
            + SQLLiteral.quote(scenario.schema("locked")) + "))")
        let engine = MigrationEngine(
            configuration: try scenario.configuration(lockTimeout: 200),
            migrations: try MigrationSet(allMigrations))

        let report = try engine.upgrade()

        guard case .busy = report.outcomes.first?.result else {
            Issue.record("expected busy, got \(String(describing: report.outcomes.first?.result))")
            return
        }
        #expect(report.exitStatus == .failure)
        #expect(try scenario.objectCount(in: "locked") == 0)
    }
}

/// Migrations PostgreSQL cannot run in a transaction block.
@Suite struct NonTransactionalTests {
    static let chain: [TestMigration] = {
        var concurrent = TestMigration("n2", parent: "n1") {
            CreateIndex(on: "events", "kind", concurrently: true)
        }
        concurrent.transactional = false
        return [
            TestMigration("n1", parent: nil) {
                CreateTable("events") {
                    Column.bigID()
                    Column("kind", .string(40))
                }
            },
            concurrent,
        ]
    }()

    @Test func createIndexConcurrentlyRunsOutsideATransactionAndIsRecorded() throws {
        let scenario = try Scenario("concurrently")
        try scenario.createTenants(["a"])
        let engine = try scenario.engine(Self.chain.registered)

        let up = try engine.upgrade()

        #expect(up.migrated == 1, "\(up.outcomes)")
        #expect(try scenario.revisions(of: "a") == ["n1", "n2"])
        let indexes = try scenario.values("""
            SELECT indexname FROM pg_indexes WHERE schemaname = '\(scenario.schema("a"))'
              AND indexname = 'events_kind_idx'
            """)
        #expect(indexes == ["events_kind_idx"])

        let down = try engine.downgrade(to: .relative(-1))
        #expect(down.migrated == 1, "\(down.outcomes)")
        #expect(try scenario.revisions(of: "a") == ["n1"])
    }

    @Test func aConcurrentIndexInATransactionalMigrationIsRefusedBeforeRunning() {
        let wrong = [
            TestMigration("w1", parent: nil) { CreateTable("t") { Column.id() } },
            TestMigration("w2", parent: "w1") { CreateIndex(on: "t", "id", concurrently: true) },
        ]
        #expect(throws: MigrationSetError.self) { try MigrationSet(wrong.registered) }
    }
}
