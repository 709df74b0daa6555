import DroverKit
import Testing

/// PostgreSQL rewrites checks and index predicates when a column they name
/// is renamed; the model must follow, or every such tenant looks drifted.
@Suite struct RenameDriftTests {
    @Test func aRenamedColumnInAChecksExpressionIsNotDrift() throws {
        let scenario = try Scenario("rename")
        try scenario.createTenants(["a"])
        let chain = [
            TestMigration("r1", parent: nil) {
                CreateTable("trips") {
                    Column.id()
                    Column("ends_on", .date).nullable()
                    Check("trips_end_check", "ends_on > '2000-01-01'")
                    Index(["id"], where: "ends_on IS NULL", name: "trips_open_idx")
                }
            },
            TestMigration("r2", parent: "r1") {
                RenameColumn("trips", "ends_on", to: "returns_on")
            },
        ].registered
        let engine = try scenario.engine(chain)
        _ = try engine.upgrade()

        let drift = try #require(try engine.inspectDrift().first)

        #expect(drift.revision == "r2")
        #expect(drift.differences.isEmpty, "\(drift.differences)")

        let down = try engine.downgrade(to: .base)
        #expect(down.failed == 0)
        #expect(try scenario.objectCount(in: "a") == 0)
    }

    @Test func aTypeChangeAcrossFamiliesGoesBackDown() throws {
        let scenario = try Scenario("retype")
        try scenario.createTenants(["a"])
        let chain = [
            TestMigration("t1", parent: nil) {
                CreateEnum("mood", ["calm", "busy"])
                CreateTable("days") {
                    Column.id()
                    Column("mood", .text)
                }
            },
            TestMigration("t2", parent: "t1") {
                AlterColumn("days", "mood", type: .enumeration("mood"), using: "mood::mood")
            },
        ].registered
        let engine = try scenario.engine(chain)
        _ = try engine.upgrade()
        try scenario.sql("INSERT INTO \(scenario.schema("a")).days (mood) VALUES ('busy')")

        let down = try engine.downgrade(to: .revision("t1"))

        #expect(down.failed == 0, "\(down.outcomes)")
        #expect(try scenario.values("SELECT mood FROM \(scenario.schema("a")).days") == ["busy"])
        #expect(try engine.inspectDrift().first?.differences.isEmpty == true)
    }
}
