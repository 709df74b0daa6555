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
        /// `--adopt-existing`: schema → depth to record without running.
        var adoptions: [String: Int] = [:]
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
        var targetDepths: [String: (from: Int, to: Int)] = [:]
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
            if direction == .up {
                pending[state.schema] = ArraySlice(steps)
                targetDepths[state.schema] = (state.depth, depth)
            }
        }
        try settleDrift(pending, depths: targetDepths, in: &plan, connection: connection)
        return plan
    }

    /// Tenants whose pending migrations would create objects that already
    /// exist are reported as drifted and not run.
    private func settleDrift(_ pending: [String: ArraySlice<CompiledMigration>],
                             depths: [String: (from: Int, to: Int)],
                             in plan: inout Plan, connection: Connection) throws(EngineError) {
        var findings: [String: [DriftFinding]]
        do {
            findings = try DriftPrecheck(connection: connection, migrations: engine.migrations,
                                         revisionTableName: engine.configuration.revisionTable)
                .findings(for: pending)
            if options.adoptExisting && !findings.isEmpty {
                try adopt(&findings, depths: depths, in: &plan, connection: connection)
            }
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

extension RunPlanner {
    /// For each drifted tenant, the deepest pending revision whose model the
    /// live schema matches exactly is adopted; a tenant whose existing
    /// objects differ stays drifted, with the differences.
    private func adopt(_ findings: inout [String: [DriftFinding]],
                       depths: [String: (from: Int, to: Int)],
                       in plan: inout Plan, connection: Connection) throws(DatabaseError) {
        let migrations = engine.migrations
        let live = try LiveSchemaReader(connection: connection)
            .read(Array(findings.keys), revisionTable: engine.configuration.revisionTable)
        for (schema, list) in findings {
            guard let range = depths[schema], let found = live[schema] else { continue }
            let candidates = stride(from: range.to, to: range.from, by: -1)
            let match = candidates.first { depth in
                let expected = migrations.model(at: migrations.migrations[depth - 1].revision)
                // Objects no migration makes (an ORM's own tables) do not stop
                // adoption: `drover check` reports them as drift on their own.
                return SchemaComparison.differences(expected: expected, found: found)
                    .allSatisfy(\.kind.isUnexpected)
            }
            if let match {
                plan.adoptions[schema] = match
                findings[schema] = nil
            } else {
                findings[schema] = explain(list, live: found)
            }
        }
    }

    /// The colliding objects, each with how it differs from the model of
    /// the migration that creates it.
    private func explain(_ list: [DriftFinding], live: SchemaModel) -> [DriftFinding] {
        let migrations = engine.migrations
        return list.map { finding in
            let expected = migrations.model(at: finding.revision)
            let differences = SchemaComparison.differences(expected: expected, found: live)
                .filter { $0.concerns(finding.object) }
            guard !differences.isEmpty else { return finding }
            return DriftFinding(object: finding.object, revision: finding.revision,
                                hint: "the existing object does not match the migration:"
                                    + " fix it by hand (see `drover diff`) or drop it",
                                detail: differences.map(\.description).joined(separator: "; "))
        }
    }
}

extension SchemaDifference {
    /// Whether this difference is about `object`, or about a part of it
    /// when `object` is a table.
    func concerns(_ object: SchemaObject?) -> Bool {
        guard let object else { return false }
        switch object.kind {
        case .table: return name == object.name || table == object.name
        case .column, .constraint, .index: return name == object.name && table == object.table
        case .type: return table == nil && name == object.name
        }
    }
}
