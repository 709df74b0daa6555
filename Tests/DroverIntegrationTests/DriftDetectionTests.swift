import DroverKit
import Foundation
import Testing

/// Drift before an upgrade (objects that pending migrations would create)
/// and after it (hand edits to a tenant at head), as `upgrade`, `diff` and
/// `check` report them.
@Suite struct DriftDetectionTests {
    /// r1 makes an enum and a table; r2 adds an index and a check
    /// constraint, so collisions with each kind of object can be staged
    /// on a tenant at r1.
    static let chain: [TestMigration] = [
        TestMigration("r1", parent: nil) {
            CreateEnum("mood", ["calm", "busy"])
            CreateTable("people") {
                Column.id()
                Column("name", .string(40))
                Column("email", .text)
                Column("mood", .enumeration("mood")).default("calm")
                Index(["name"])
            }
        },
        TestMigration("r2", parent: "r1") {
            CreateIndex(on: "people", "email")
            AddCheck("people", "people_name_present", "name <> ''")
        },
    ]

    // MARK: Collisions found before anything runs

    enum Collision: String, CaseIterable, Sendable {
        case enumType, index, constraint

        /// Stages the collision on a tenant that is at `reached`.
        var reached: String? { self == .enumType ? nil : "r1" }

        func stage(in schema: String) -> String {
            let s = SQLIdentifier.quote(schema)
            switch self {
            case .enumType: return "CREATE TYPE \(s).mood AS ENUM ('calm', 'busy')"
            case .index: return "CREATE INDEX people_email_idx ON \(s).people (email)"
            case .constraint:
                return "ALTER TABLE \(s).people ADD CONSTRAINT people_name_present"
                    + " CHECK (length(name) > 0)"
            }
        }

        var finding: String {
            switch self {
            case .enumType: "enum type mood already exists (pending revision r1 would create it)"
            case .index: "index people_email_idx already exists (pending revision r2 would create it)"
            case .constraint:
                "constraint people_name_present on people already exists"
                    + " (pending revision r2 would create it)"
            }
        }
    }

    @Test(arguments: Collision.allCases)
    func anObjectMadeOutsideDroverDriftsOnlyItsTenant(collision: Collision) throws {
        let scenario = try Scenario("coll")
        try scenario.createTenants(["clean", "legacy"])
        if let reached = collision.reached {
            _ = try scenario.engine(Self.chain.registered).upgrade(to: .revision(reached))
        }
        try scenario.sql(collision.stage(in: scenario.schema("legacy")))
        let before = try collision.reached == nil ? [] : scenario.revisions(of: "legacy")

        let run = try scenario.drover(["upgrade", "--format", "json"],
                                      migrations: Self.chain.registered)

        #expect(run.status == 3)
        let tenants = try Self.tenants(in: run)
        let legacy = try #require(tenants[scenario.schema("legacy")])
        #expect(legacy["result"] as? String == "drifted")
        #expect(legacy["findings"] as? [String] == [collision.finding])
        #expect(tenants[scenario.schema("clean")]?["result"] as? String == "migrated")
        #expect(try scenario.revisions(of: "clean") == ["r1", "r2"])
        // The drifted tenant was not touched at all.
        if collision.reached == nil {
            #expect(try scenario.values("SELECT to_regclass("
                + SQLLiteral.quote("\(SQLIdentifier.quote(scenario.schema("legacy"))).drover_revisions")
                + ")::text") == [nil])
        } else {
            #expect(try scenario.revisions(of: "legacy") == before)
        }
    }

    // MARK: Hand edits to a tenant at head

    enum HandEdit: String, CaseIterable, Sendable {
        case columnType, droppedIndex, enumValue, extraTable, droppedNotNull
        case droppedTable, droppedColumn, extraColumn, droppedEnum, changedDefault
        case changedIndex, changedCheck, droppedCheck

        func apply(in schema: String) -> String {
            let s = SQLIdentifier.quote(schema)
            switch self {
            case .columnType: return "ALTER TABLE \(s).people ALTER COLUMN name TYPE varchar(80)"
            case .droppedIndex: return "DROP INDEX \(s).people_name_idx"
            case .enumValue: return "ALTER TYPE \(s).mood ADD VALUE 'angry'"
            case .extraTable: return "CREATE TABLE \(s).scratchpad (id integer, note text)"
            case .droppedNotNull: return "ALTER TABLE \(s).people ALTER COLUMN email DROP NOT NULL"
            case .droppedTable: return "DROP TABLE \(s).people"
            case .droppedColumn: return "ALTER TABLE \(s).people DROP COLUMN email"
            case .extraColumn: return "ALTER TABLE \(s).people ADD COLUMN nickname text"
            case .droppedEnum: return "DROP TYPE \(s).mood CASCADE"
            case .changedDefault:
                return "ALTER TABLE \(s).people ALTER COLUMN mood SET DEFAULT 'busy'"
            case .changedIndex:
                return "DROP INDEX \(s).people_name_idx;"
                    + " CREATE UNIQUE INDEX people_name_idx ON \(s).people (name)"
            case .changedCheck:
                return "ALTER TABLE \(s).people DROP CONSTRAINT people_name_present,"
                    + " ADD CONSTRAINT people_name_present CHECK (length(name) > 2)"
            case .droppedCheck:
                return "ALTER TABLE \(s).people DROP CONSTRAINT people_name_present"
            }
        }

        /// What `drover diff` must list, exactly and in this order.
        var differences: [String] {
            switch self {
            case .columnType:
                ["type mismatch: people.name"
                    + " (expected character varying(40), found character varying(80))"]
            case .droppedIndex: ["missing index: people_name_idx on people"]
            case .enumValue: ["enum values mismatch: mood (expected calm, busy, found calm, busy, angry)"]
            case .extraTable: ["unexpected table: scratchpad"]
            case .droppedNotNull: ["nullability mismatch: people.email (expected NOT NULL, found NULL)"]
            case .droppedTable: ["missing table: people"]
            case .droppedColumn:
                ["missing column: people.email", "missing index: people_email_idx on people"]
            case .extraColumn: ["unexpected column: people.nickname"]
            case .droppedEnum: ["missing enum: mood", "missing column: people.mood"]
            case .changedDefault:
                ["default mismatch: people.mood (expected 'calm', found 'busy')"]
            case .changedIndex:
                ["index mismatch: people_name_idx on people (expected (name), found unique (name))"]
            case .changedCheck:
                // Expressions are shown normalized, parentheses dropped.
                ["constraint mismatch: people_name_present on people"
                    + " (expected check name <> '', found check length name > 2)"]
            case .droppedCheck: ["missing constraint: people_name_present on people"]
            }
        }
    }

    @Test(arguments: HandEdit.allCases)
    func diffNamesAHandEditAndCheckFailsThatTenantAlone(edit: HandEdit) throws {
        let scenario = try Scenario("edit")
        try scenario.createTenants(["clean", "touched"])
        let migrations = Self.chain.registered
        #expect(try scenario.drover(["upgrade"], migrations: migrations).status == 0)
        try scenario.sql(edit.apply(in: scenario.schema("touched")))

        let diff = try scenario.drover(["diff", "--tenant", "touched"], migrations: migrations)
        #expect(diff.status == 3)
        let count = edit.differences.count
        #expect(diff.output == "\(scenario.schema("touched")) at r2: \(count)"
            + " difference\(count == 1 ? "" : "s")\n"
            + edit.differences.map { "  \($0)\n" }.joined())

        let cleanDiff = try scenario.drover(["diff", "--tenant", "clean"], migrations: migrations)
        #expect(cleanDiff.status == 0)
        #expect(cleanDiff.output.contains("at r2: 0 differences"))

        let junit = scenario.directory.appendingPathComponent("check.xml").path
        let check = try scenario.drover(["check", "--junit", junit], migrations: migrations)
        #expect(check.status == 3)
        let report = try JUnitFile(path: junit)
        #expect(report.failingCases == [scenario.schema("touched")])
        let touched = try #require(report.cases.first { $0.name == scenario.schema("touched") })
        #expect(touched.failureType == "drift")
        #expect(touched.failureText == edit.differences.joined(separator: "\n"))
        #expect(report.cases.contains { $0.name == scenario.schema("clean") && $0.failureType == nil })
    }

    @Test(arguments: HandEdit.allCases)
    func theRepairScriptOfDiffBringsTheTenantBack(edit: HandEdit) throws {
        let scenario = try Scenario("repair")
        try scenario.createTenants(["touched"])
        let migrations = Self.chain.registered
        #expect(try scenario.drover(["upgrade"], migrations: migrations).status == 0)
        try scenario.sql(edit.apply(in: scenario.schema("touched")))

        let repair = try scenario.drover(["diff", "--tenant", "touched", "--sql"],
                                         migrations: migrations)
        #expect(repair.status == 3)
        #expect(repair.output.contains(SQLIdentifier.quote(scenario.schema("touched"))))
        try scenario.sql(repair.output)

        let again = try scenario.drover(["diff", "--tenant", "touched"], migrations: migrations)
        #expect(again.status == 0)
        #expect(again.output.contains("at r2: 0 differences"), "\(again.output)")
    }

    @Test func diffJSONCarriesTheDifferencesAndTheRepairSQL() throws {
        let scenario = try Scenario("diffjson")
        try scenario.createTenants(["touched"])
        let migrations = Self.chain.registered
        #expect(try scenario.drover(["upgrade"], migrations: migrations).status == 0)
        try scenario.sql(HandEdit.droppedIndex.apply(in: scenario.schema("touched")))
        try scenario.sql(HandEdit.extraTable.apply(in: scenario.schema("touched")))

        let run = try scenario.drover(["diff", "--tenant", "touched", "--sql", "--format", "json"],
                                      migrations: migrations)

        #expect(run.status == 3)
        let json = try #require(try run.json() as? [String: Any])
        #expect(json["tenant"] as? String == scenario.schema("touched"))
        #expect(json["revision"] as? String == "r2")
        #expect(Set(json["differences"] as? [String] ?? [])
            == Set(HandEdit.droppedIndex.differences + HandEdit.extraTable.differences))
        #expect(json["edited_revisions"] as? [String] == [])
        let sql = try #require(json["sql"] as? String)
        #expect(sql.contains("CREATE INDEX"))
        #expect(sql.contains("DROP TABLE"))

        let plain = try scenario.drover(["diff", "--tenant", "touched", "--format", "json"],
                                        migrations: migrations)
        let document = try #require(try plain.json() as? [String: Any])
        #expect(document["sql"] == nil || document["sql"] is NSNull)
    }

    @Test func diffNeedsExactlyOneTenant() throws {
        let scenario = try Scenario("diffuse")
        try scenario.createTenants(["a", "b"])

        let none = try scenario.drover(["diff"], migrations: Self.chain.registered)
        let two = try scenario.drover(["diff", "--tenant", "a", "--tenant", "b"],
                                      migrations: Self.chain.registered)

        #expect(none.status == 2)
        #expect(two.status == 2)
        #expect(none.error.contains("exactly one --tenant"))
    }

    /// `upgrade --format json` tenants by schema.
    static func tenants(in run: CommandRun) throws -> [String: [String: Any]] {
        let json = try #require(try run.json() as? [String: Any])
        let list = try #require(json["tenants"] as? [[String: Any]])
        var result: [String: [String: Any]] = [:]
        for tenant in list {
            if let name = tenant["tenant"] as? String { result[name] = tenant }
        }
        return result
    }
}
