import DroverKit

/// A migration built from values, for tests that need a chain of their own.
struct TestMigration: Migration {
    let revision: String
    let parent: String?
    let summary: String
    let steps: [Operation]
    var downgradeSteps: Downgrade = .derived
    var transactional = true

    init(_ revision: String, parent: String?, summary: String = "test migration",
         @OperationsBuilder _ steps: () -> [Operation]) {
        self.revision = revision
        self.parent = parent
        self.summary = summary
        self.steps = steps()
    }

    var upgrade: [Operation] { return steps }
    var downgrade: Downgrade { downgradeSteps }
    var isTransactional: Bool { transactional }

    func registered(line: Int = 1) -> RegisteredMigration {
        RegisteredMigration(self, file: "test/\(revision).swift", line: line)
    }
}

extension Array where Element == TestMigration {
    var registered: [RegisteredMigration] { map { $0.registered() } }
}
