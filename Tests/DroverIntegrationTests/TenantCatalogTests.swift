@testable import DroverKit
import Migrations
import Testing

/// Revision rows for many tenants come back the same whichever way they
/// are read: the session-local function, or the UNION ALL fallback for
/// roles that may not create temporary objects.
@Suite struct TenantCatalogTests {
    @Test func bothWaysOfReadingRevisionTablesAgree() throws {
        let scenario = try Scenario("catalog")
        try scenario.createTenants(["a", "b", "c", "fresh"])
        let engine = try scenario.engine(allMigrations)
        _ = try engine.upgrade(to: .relative(2), tenants: ["a"])
        _ = try engine.upgrade(tenants: ["b", "c"])
        let connection = try TestDatabase.connect()
        var catalog = TenantCatalog(connection: connection,
                                    selection: TenantSelection(pattern: "\(scenario.prefix)_*"),
                                    revisionTableName: "drover_revisions",
                                    migrations: engine.migrations)
        let schemas = try catalog.discover()

        let viaFunction = try catalog.states(of: schemas)
        catalog.usesServerFunction = false
        let viaUnion = try catalog.states(of: schemas)

        let summary = { (states: [TenantState]) in
            states.map { "\($0.schema):\($0.depth):\($0.applied.map(\.revision))" }
        }
        #expect(summary(viaFunction) == summary(viaUnion))
        #expect(viaFunction.map(\.depth) == [2, 7, 7, 0])
        #expect(viaFunction.last?.hasRevisionTable == false)
    }
}
