import Testing
@testable import DroverKit

/// The revision graph: one chain from base to head, or an error that
/// points at the files to fix.
@Suite struct RevisionGraphTests {
    private func migration(_ revision: String, parent: String?,
                           file: String? = nil) -> RegisteredMigration {
        TestMigration(revision, parent: parent) {
            CreateTable("t_\(revision)") { Column("c", .integer) }
        }.registered(file: file)
    }

    private func problems(_ registered: [RegisteredMigration]) -> [String] {
        do {
            _ = try MigrationSet(registered)
            return []
        } catch {
            return error.problems
        }
    }

    @Test func emptySet() throws {
        let set = try MigrationSet([])
        #expect(set.migrations.isEmpty)
        #expect(set.head == nil)
        #expect(set.depth(of: nil) == 0)
        #expect(set.model(at: nil).isEmpty)
    }

    @Test func ordersBaseToHeadWhateverTheRegistrationOrder() throws {
        let set = try MigrationSet([
            migration("c", parent: "b"),
            migration("a", parent: nil),
            migration("b", parent: "a"),
        ])
        #expect(set.migrations.map(\.revision) == ["a", "b", "c"])
        #expect(set.head == "c")
        #expect(set.position(of: "a") == 0)
        #expect(set.depth(of: "b") == 2)
        #expect(set.depth(of: "nope") == 0)
        #expect(set.model(at: "b").tables.map(\.name) == ["t_a", "t_b"])
        #expect(set.model(at: "c").tables.count == 3)
    }

    @Test func duplicateRevisionNamesBothFiles() {
        let found = problems([
            migration("0001", parent: nil, file: "migrations/0001_a.swift"),
            migration("0001", parent: nil, file: "migrations/0001_b.swift"),
        ])
        #expect(found == ["duplicate revision '0001' in migrations/0001_a.swift:3"
            + " and migrations/0001_b.swift:3"])
    }

    @Test func missingParentNamesTheFile() {
        let found = problems([
            migration("0001", parent: nil),
            migration("0002", parent: "0001_typo"),
        ])
        #expect(found == ["migrations/0002.swift:3: revision '0002' names parent"
            + " '0001_typo', which no migration declares"])
    }

    @Test func cycleNamesTheFilesThatNeverReachBase() {
        let found = problems([
            migration("a", parent: nil),
            migration("b", parent: "c"),
            migration("c", parent: "b"),
        ])
        #expect(found.count == 1)
        #expect(found.first?.hasPrefix("cycle in the revision graph") == true)
        #expect(found.first?.contains("migrations/b.swift:3") == true)
        #expect(found.first?.contains("migrations/c.swift:3") == true)
        #expect(found.first?.contains("migrations/a.swift") == false)
    }

    @Test func cycleWithoutABase() {
        let found = problems([migration("a", parent: "a")])
        #expect(found.first?.contains("no migration has parent nil") == true)
        #expect(found.first?.contains("migrations/a.swift:3") == true)
    }

    @Test func twoHeadsNameBothFiles() {
        let found = problems([
            migration("a", parent: nil),
            migration("b", parent: "a"),
            migration("c", parent: "a"),
        ])
        #expect(found.count == 1)
        #expect(found.first?.contains("more than one head: revision 'a' is the parent of") == true)
        #expect(found.first?.contains("'b' (migrations/b.swift:3)") == true)
        #expect(found.first?.contains("'c' (migrations/c.swift:3)") == true)
    }

    @Test func twoBases() {
        let found = problems([migration("a", parent: nil), migration("b", parent: nil)])
        #expect(found.first?.contains("base is the parent of") == true)
    }

    @Test func badRevisionIds() {
        #expect(problems([migration("head", parent: nil)])
            == ["migrations/head.swift:3: revision id 'head' is reserved"])
        let found = problems([migration("has space", parent: nil)])
        #expect(found.first?.contains("must be 1 to 100 letters") == true)
    }

    @Test func compileErrorsNameTheFileAndStopTheChain() {
        let found = problems([
            migration("a", parent: nil),
            TestMigration("b", parent: "a") { DropTable("nope") }.registered(),
            TestMigration("c", parent: "b") { DropTable("nope") }.registered(),
        ])
        #expect(found == ["migrations/b.swift:3: revision 'b': table 'nope' does not exist"])
    }

    @Test func emptyUpgradeAndMultiLineSummaryAreRefused() {
        #expect(problems([TestMigration("a", parent: nil) {}.registered()])
            == ["migrations/a.swift:3: revision 'a': upgrade has no steps"])
        var multiLine = TestMigration("a", parent: nil) { CreateTable("t") { Column.id() } }
        multiLine.summary = "one\ntwo"
        #expect(problems([multiLine.registered()])
            == ["migrations/a.swift:3: revision 'a': summary must be one line"])
    }
}
