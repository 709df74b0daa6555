/// Decides, from the catalog read once for all tenants, which tenants
/// need a worker at all: tenants already at the target, with unreadable
/// revision rows, or drifted are settled without one.
struct RunPlanner {
    let engine: MigrationEngine
    let direction: Direction
    let target: RevisionTarget
    let options: RunOptions

    struct Plan {
        var settled: [TenantOutcome] = []
        var toRun: [String] = []
    }

    func plan(tenants names: [String]) throws(EngineError) -> Plan {
        let connection: Connection
        do {
            connection = try engine.connect()
        } catch {
            throw .database(error)
        }
        let states = try engine.tenantStates(named: names, on: connection)
        let migrations = engine.migrations

        var plan = Plan()
        var pending: [String: ArraySlice<CompiledMigration>] = [:]
        for state in states {
            if state.problem != nil {
                plan.toRun.append(state.schema)  // The worker reports it under the lock.
                continue
            }
            guard case .success(let depth) = target.depth(from: state.depth, in: migrations) else {
                plan.toRun.append(state.schema)
                continue
            }
            let steps = MigrationPath.steps(from: state.depth, to: depth,
                                            direction: direction, in: migrations)
            if steps.isEmpty {
                plan.settled.append(TenantOutcome(schema: state.schema,
                                                  result: .current(state.current),
                                                  milliseconds: 0))
                continue
            }
            plan.toRun.append(state.schema)
            if direction == .up { pending[state.schema] = ArraySlice(steps) }
        }
        try settleDrift(pending, in: &plan, connection: connection)
        return plan
    }

    /// Tenants whose pending migrations would create objects that already
    /// exist are reported as drifted and not run.
    private func settleDrift(_ pending: [String: ArraySlice<CompiledMigration>],
                             in plan: inout Plan, connection: Connection) throws(EngineError) {
        let findings: [String: [DriftFinding]]
        do {
            findings = try DriftPrecheck(connection: connection, migrations: engine.migrations,
                                         revisionTableName: engine.configuration.revisionTable)
                .findings(for: pending)
        } catch {
            throw .database(error)
        }
        if findings.isEmpty { return }
        plan.toRun.removeAll { findings[$0] != nil }
        for (schema, list) in findings {
            plan.settled.append(TenantOutcome(schema: schema, result: .drifted(list),
                                              milliseconds: 0))
        }
    }
}
