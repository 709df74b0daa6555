/// Moves one tenant schema to a target revision on a worker's connection:
/// lock, read the revision table, then one transaction per migration in
/// which the DDL and the revision row commit together.
struct TenantMigrator {
    let connection: Connection
    let migrations: MigrationSet
    let revisionTableName: String
    let target: RevisionTarget
    let direction: Direction
    let isDryRun: Bool
    /// `--adopt-existing`: the migrations up to this depth are recorded as
    /// applied without running, their objects being already there.
    var adoptUpToDepth: Int? = nil
    /// The depth the run planned for this tenant; `target` is resolved
    /// against the tenant's revision under the lock when it is `nil`.
    var plannedDepth: Int? = nil
    var cancellation: Cancellation? = nil

    func run(schema: String) -> TenantOutcome.Result {
        let table = RevisionTable(schema: schema, name: revisionTableName)
        do {
            try connection.execute(table.lock)
        } catch {
            return error.isLockTimeout ? .busy : .failed(failure(nil, error))
        }
        defer { _ = try? connection.execute(table.unlock) }

        let state: TenantState
        do {
            state = try readState(schema: schema, table: table)
        } catch {
            return .failed(failure(nil, error))
        }
        if let problem = state.problem {
            return .failed(TenantFailure(revision: nil, message: problem, error: nil))
        }
        if let depth = adoptUpToDepth, depth > state.depth, !isDryRun {
            return adopt(state, upTo: depth, table: table)
        }
        return migrate(state, table: table)
    }

    /// The revision rows as they are now, under the lock: another run may
    /// have moved the tenant since the catalog was read.
    private func readState(schema: String, table: RevisionTable) throws(DatabaseError) -> TenantState {
        if direction == .up && !isDryRun {
            let rows = try connection.execute(table.create + ";\n" + table.selectRevisions)
            return TenantCatalog.state(of: schema, rows: rows,
                                       migrations: migrations)
        }
        let exists = try connection.query("SELECT to_regclass($1) IS NOT NULL",
                                          [table.qualifiedName]).rows.first?[0] == "t"
        guard exists else {
            return TenantState(schema: schema, hasRevisionTable: false, applied: [],
                               migrations: migrations)
        }
        let rows = try connection.execute(table.selectRevisions)
        return TenantCatalog.state(of: schema, rows: rows,
                                   migrations: migrations)
    }

    private func migrate(_ state: TenantState, table: RevisionTable) -> TenantOutcome.Result {
        let targetDepth: Int
        switch plannedDepth.map({ .success($0) }) ?? target.depth(from: state.depth, in: migrations) {
        case .success(let depth): targetDepth = depth
        case .failure(let error):
            return .failed(TenantFailure(revision: nil, message: error.message, error: nil))
        }
        let steps = MigrationPath.steps(from: state.depth, to: targetDepth,
                                        direction: direction, in: migrations)
        if steps.isEmpty { return .current(state.current) }
        let destination = migrations.migrations[safe: targetDepth - 1]?.revision

        if direction == .down, let stuck = steps.first(where: { !$0.isReversible }) {
            return .failed(TenantFailure(
                revision: stuck.revision,
                message: "cannot go down: the migration is irreversible"
                    + " (\(stuck.irreversibleReason ?? "no downgrade"))", error: nil))
        }
        if isDryRun {
            return .planned(from: state.current, to: destination,
                            steps: steps.map { plannedStep($0, schema: state.schema) })
        }
        for (done, migration) in steps.enumerated() {
            if done > 0, cancellation?.isCancelled == true {
                let reached = MigrationPath.revision(afterRunning: done, of: steps,
                                                     from: state.current, direction: direction)
                return .interrupted(from: state.current, at: reached, count: done)
            }
            do {
                try apply(migration, table: table)
            } catch {
                let reached = MigrationPath.revision(afterRunning: done, of: steps,
                                                     from: state.current, direction: direction)
                return outcome(of: error, in: migration, reached: reached)
            }
        }
        return .migrated(from: state.current, to: destination, count: steps.count)
    }

    /// Records the adopted revisions in one transaction, then runs what
    /// is left up to the target.
    private func adopt(_ state: TenantState, upTo depth: Int,
                       table: RevisionTable) -> TenantOutcome.Result {
        let adopted = migrations.migrations[state.depth..<depth]
        let script = (["BEGIN"] + adopted.map { table.insert($0, milliseconds: 0) } + ["COMMIT"])
            .joined(separator: ";\n")
        do {
            try connection.execute(script)
        } catch {
            _ = try? connection.execute("ROLLBACK")
            return .failed(failure(adopted.first?.revision, error))
        }
        let rows = TenantState(schema: state.schema, hasRevisionTable: true,
                               applied: state.applied + adopted.map {
                                   AppliedRevision(revision: $0.revision, checksum: $0.checksum,
                                                   appliedAt: nil, executionMilliseconds: 0,
                                                   position: migrations.position(of: $0.revision) ?? -1)
                               }, migrations: migrations)
        switch migrate(rows, table: table) {
        case .current(let revision): return .stamped(from: state.current, to: revision)
        case let other: return other
        }
    }

    // MARK: Running one migration

    private func apply(_ migration: CompiledMigration, table: RevisionTable) throws(DatabaseError) {
        let schema = table.schema
        let template = direction == .up ? migration.upgrade : migration.downgrade!
        guard migration.isTransactional else {
            try applyWithoutTransaction(migration, template: template, table: table)
            return
        }
        var script = "BEGIN;\nSET LOCAL search_path TO \(SQLIdentifier.quote(schema));\n"
        script += template.script(forSchema: schema)
        script += recordStatement(for: migration, table: table, milliseconds: nil) + ";\n"
        script += "COMMIT"
        do {
            try connection.execute(script)
        } catch {
            _ = try? connection.execute("ROLLBACK")
            throw error
        }
    }

    /// For `CREATE INDEX CONCURRENTLY` and friends: each statement on its
    /// own, then the revision row. A failure can leave earlier statements
    /// of this migration in place, which is why such migrations should
    /// stay small and use `IF NOT EXISTS` where they can.
    private func applyWithoutTransaction(_ migration: CompiledMigration, template: SQLTemplate,
                                         table: RevisionTable) throws(DatabaseError) {
        let started = ContinuousClock.now
        try connection.execute("SET search_path TO \(SQLIdentifier.quote(table.schema))")
        defer { _ = try? connection.execute("RESET search_path") }
        for statement in template.statements(forSchema: table.schema) {
            try connection.execute(statement)
        }
        try connection.execute(recordStatement(for: migration, table: table,
                                               milliseconds: started.milliseconds))
    }

    private func recordStatement(for migration: CompiledMigration, table: RevisionTable,
                                 milliseconds: Int?) -> String {
        if direction == .up { return table.insert(migration, milliseconds: milliseconds) }
        var statement = table.delete(migration.revision)
        if migrations.position(of: migration.revision) == 0 {
            // Back at base: nothing is left to record, so the table goes too.
            statement += ";\n" + table.drop
        }
        return statement
    }

    // MARK: Outcomes

    private func outcome(of error: DatabaseError, in migration: CompiledMigration,
                         reached: String?) -> TenantOutcome.Result {
        if error.isDuplicateObject && direction == .up {
            return .drifted([DriftFinding(
                object: nil, revision: migration.revision,
                hint: "the object was created outside Drover; see `drover diff`",
                detail: error.message)])
        }
        let kept = reached.map { "; the tenant stays at \($0)" } ?? "; the tenant stays at base"
        return .failed(TenantFailure(revision: migration.revision,
                                     message: error.description + kept, error: error))
    }

    private func failure(_ revision: String?, _ error: DatabaseError) -> TenantFailure {
        TenantFailure(revision: revision, message: error.description, error: error)
    }

    private func plannedStep(_ migration: CompiledMigration, schema: String) -> PlannedStep {
        let table = RevisionTable(schema: schema, name: revisionTableName)
        return PlannedStep(revision: migration.revision, summary: migration.summary,
                           direction: direction,
                           sql: OfflineScript.step(migration, direction: direction, table: table))
    }
}

/// The migrations between two depths of the chain, in the order they run.
enum MigrationPath {
    static func steps(from depth: Int, to target: Int, direction: Direction,
                      in migrations: MigrationSet) -> [CompiledMigration] {
        switch direction {
        case .up:
            return target > depth ? Array(migrations.migrations[depth..<target]) : []
        case .down:
            return target < depth ? Array(migrations.migrations[target..<depth].reversed()) : []
        }
    }

    /// The tenant's revision after the first `count` steps ran.
    static func revision(afterRunning count: Int, of steps: [CompiledMigration],
                         from current: String?, direction: Direction) -> String? {
        guard count > 0 else { return current }
        let last = steps[count - 1]
        return direction == .up ? last.revision : last.parent
    }
}
