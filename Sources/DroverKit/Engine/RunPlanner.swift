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
        /// Each tenant's target as a depth of the chain, fixed when the run
        /// is planned: `+1` means one step from where the tenant was then,
        /// even if another run moves it in the meantime.
        var targetDepths: [String: Int] = [:]
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
        var depths: [String: (from: Int, to: Int)] = [:]
        for state in states {
            if state.problem != nil {
                plan.toRun.append(state.schema)  // The worker reports it under the lock.
                continue
            }
            if let edited = editedFindings(state) {
                plan.settled.append(TenantOutcome(schema: state.schema, result: .drifted(edited),
                                                  milliseconds: 0))
                continue
            }
            let depth: Int
            switch target.depth(from: state.depth, in: migrations) {
            case .success(let found): depth = found
            case .failure(let error):
                plan.settled.append(failed(state, error.message))
                continue
            }
            if let wrongWay = wrongWay(state, to: depth) {
                plan.settled.append(failed(state, wrongWay))
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
            plan.targetDepths[state.schema] = depth
            if direction == .up {
                pending[state.schema] = ArraySlice(steps)
                depths[state.schema] = (state.depth, depth)
            }
        }
        try settleDrift(pending, depths: depths, in: &plan, connection: connection)
        return plan
    }

    /// A migration edited after this tenant applied it: the tenant's schema
    /// may not be what the file says, so nothing runs until someone decides.
    private func editedFindings(_ state: TenantState) -> [DriftFinding]? {
        let edited = state.editedRevisions(in: engine.migrations)
        if edited.isEmpty { return nil }
        return edited.map { revision in
            DriftFinding(
                object: nil, revision: revision,
                hint: "restore the migration file and put the change in a new migration; if the"
                    + " edit is deliberate and the tenant matches it, `drover stamp` records"
                    + " the new checksum",
                detail: "migration \(revision) was edited after it was applied"
                    + " (its SQL no longer matches the recorded checksum)")
        }
    }

    /// `upgrade` to a revision below the tenant, or `downgrade` to one
    /// above it, is a mistake worth saying rather than a silent no-op.
    private func wrongWay(_ state: TenantState, to depth: Int) -> String? {
        guard case .revision(let id) = target else { return nil }
        let at = state.current ?? "base"
        if direction == .up && depth < state.depth {
            return "the tenant is at \(at), above \(id); use `drover downgrade \(id)`"
        }
        if direction == .down && depth > state.depth {
            return "the tenant is at \(at), below \(id); use `drover upgrade \(id)`"
        }
        return nil
    }

    private func failed(_ state: TenantState, _ message: String) -> TenantOutcome {
        TenantOutcome(schema: state.schema,
                      result: .failed(TenantFailure(revision: nil, message: message, error: nil)),
                      milliseconds: 0)
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
            // Everything that collides must be adopted: a migration left to
            // run would meet its objects again.
            let deepest = list.map { migrations.depth(of: $0.revision) }.max() ?? range.to
            // Only migrations that purely create can be recorded unrun: what
            // a drop or raw SQL would have done cannot be seen in the schema.
            let adoptable = migrations.migrations[range.from..<range.to]
                .prefix { $0.onlyCreates }.count + range.from
            let lowest = max(deepest, range.from + 1)
            let candidates = lowest <= adoptable
                ? Array(stride(from: adoptable, through: lowest, by: -1)) : []
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
        // The live schema is compared with the model as far as its objects
        // reach (the deepest revision that collides), so what later
        // migrations added correctly is not reported against older ones.
        let deepest = list.max { migrations.depth(of: $0.revision) < migrations.depth(of: $1.revision) }
        let expected = migrations.model(at: deepest?.revision)
        let differences = SchemaComparison.differences(expected: expected, found: live)
            .filter { !$0.kind.isUnexpected }
        let hint = "--adopt-existing records only what matches the migrations exactly:"
            + " fix these differences by hand (`drover diff` helps) or drop the objects"
        let explained = list.compactMap { finding -> DriftFinding? in
            let own = differences.filter { $0.concerns(finding.object) }
            guard !own.isEmpty else { return nil }
            return DriftFinding(object: finding.object, revision: finding.revision, hint: hint,
                                detail: own.map(\.description).joined(separator: "; "))
        }
        if !explained.isEmpty { return explained }
        // Nothing differs where objects collide: what stops adoption is a
        // migration that drops or runs raw SQL, or a missing object.
        return list.map {
            DriftFinding(object: $0.object, revision: $0.revision,
                         hint: "cannot be adopted: a migration in the way drops something or"
                            + " runs raw SQL, or other objects it makes are missing;"
                            + " `drover diff` and `drover stamp` are the ways on", detail: nil)
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
