@testable import DroverKit

/// A migration built from a list of steps, for sets made up inside tests.
struct TestMigration: Migration {
    var revision: String
    var parent: String?
    var summary = "test migration"
    var steps: [Operation]
    var downgrade: Downgrade
    var isTransactional: Bool

    init(_ revision: String, parent: String?, downgrade: Downgrade = .derived,
         transactional: Bool = true, @OperationsBuilder _ body: () -> [Operation]) {
        self.revision = revision
        self.parent = parent
        self.steps = body()
        self.downgrade = downgrade
        self.isTransactional = transactional
    }

    var upgrade: [Operation] { return steps }

    /// Registered as if declared in `migrations/<revision>.swift`.
    func registered(file: String? = nil, line: Int = 3) -> RegisteredMigration {
        RegisteredMigration(self, file: file ?? "migrations/\(revision).swift", line: line)
    }
}

/// The schema after applying `body` to `start`.
func modelAfter(_ start: SchemaModel = SchemaModel(),
                @OperationsBuilder _ body: () -> [Operation]) throws -> SchemaModel {
    var model = start
    for operation in body() { try model.apply(operation) }
    return model
}

/// The statements of `body` for schema `schema`, each rendered against the
/// schema just before it, the way the compiler renders a migration.
func render(on start: SchemaModel = SchemaModel(), schema: String = "app",
            @OperationsBuilder _ body: () -> [Operation]) throws -> [String] {
    var model = start
    var statements: [String] = []
    for operation in body() {
        statements += SQLTemplate(statements: SQLRenderer(model: model).render(operation))
            .statements(forSchema: schema)
        try model.apply(operation)
    }
    return statements
}

/// A small schema most tests start from: roles, users with an enum status.
func baseModel() throws -> SchemaModel {
    try modelAfter {
        CreateEnum("user_status", ["invited", "active"])
        CreateTable("roles") {
            Column.id()
            Column("name", .string(50)).unique()
        }
        CreateTable("users") {
            Column.uuidID()
            Column("role_id", .integer).references("roles", onDelete: .restrict)
            Column("email", .string(255))
            Column("status", .enumeration("user_status")).default("invited")
        }
    }
}
