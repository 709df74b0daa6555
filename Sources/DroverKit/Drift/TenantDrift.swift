/// How one tenant's live schema compares with what its recorded revision
/// says it holds.
public struct TenantDrift: Sendable {
    public let schema: String
    /// The recorded revision (`nil` = base).
    public let revision: String?
    /// Migrations between the recorded revision and head.
    public let pendingCount: Int
    /// Live schema against the model at `revision`.
    public let differences: [SchemaDifference]
    /// Applied migrations whose SQL has changed since.
    public let editedRevisions: [String]
    /// Recorded revisions that this build does not know, or a gap.
    public let problem: String?

    public var hasDrift: Bool { !differences.isEmpty || !editedRevisions.isEmpty }
}

extension MigrationEngine {
    /// Tenants read per batch of catalog queries: bounds memory for
    /// thousands of schemas without going back to one query per tenant.
    static let introspectionBatch = 250

    /// Compares every selected tenant (or the named ones) with the model at
    /// its recorded revision.
    public func inspectDrift(tenants names: [String] = []) throws(EngineError) -> [TenantDrift] {
        let connection: Connection
        do {
            connection = try connect()
        } catch {
            throw .database(error)
        }
        let states = try tenantStates(named: names, on: connection)
        let reader = LiveSchemaReader(connection: connection)
        var result: [TenantDrift] = []
        for start in stride(from: 0, to: states.count, by: Self.introspectionBatch) {
            let batch = Array(states[start..<min(start + Self.introspectionBatch, states.count)])
            let live: [String: SchemaModel]
            do {
                live = try reader.read(batch.map(\.schema),
                                       revisionTable: configuration.revisionTable)
            } catch {
                throw .database(error)
            }
            result += batch.map { drift(of: $0, live: live[$0.schema] ?? SchemaModel()) }
        }
        return result
    }

    func drift(of state: TenantState, live: SchemaModel) -> TenantDrift {
        let total = migrations.migrations.count
        guard state.problem == nil else {
            return TenantDrift(schema: state.schema, revision: nil, pendingCount: 0,
                               differences: [], editedRevisions: [], problem: state.problem)
        }
        let expected = migrations.model(at: state.current)
        return TenantDrift(
            schema: state.schema, revision: state.current, pendingCount: total - state.depth,
            differences: SchemaComparison.differences(expected: expected, found: live),
            editedRevisions: state.editedRevisions(in: migrations), problem: nil)
    }
}
