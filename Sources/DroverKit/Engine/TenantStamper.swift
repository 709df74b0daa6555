/// Records a revision for a tenant without running anything: for schemas
/// built by hand or by an ORM, whose objects are already there.
struct TenantStamper {
    let connection: Connection
    let migrations: MigrationSet
    let revisionTableName: String

    /// Makes the revision table hold exactly the chain up to `depth`.
    func stamp(schema: String, depth: Int) -> TenantOutcome.Result {
        let table = RevisionTable(schema: schema, name: revisionTableName)
        do {
            try connection.execute(table.lock)
        } catch {
            return error.isLockTimeout ? .busy : .failed(TenantFailure(
                revision: nil, message: error.description, error: error))
        }
        defer { _ = try? connection.execute(table.unlock) }
        do {
            let rows = try connection.execute(table.create + ";\n" + table.selectRevisions)
            let before = TenantCatalog.state(of: schema, rows: rows,
                                             migrations: migrations)
            let wanted = migrations.migrations.prefix(depth)
            if depth > 0, before.problem == nil,
               before.applied.map(\.revision) == wanted.map(\.revision),
               before.applied.map(\.checksum) == wanted.map(\.checksum) {
                return .current(before.current)
            }
            try connection.execute(script(table: table, depth: depth))
            let to = migrations.migrations[safe: depth - 1]?.revision
            return .stamped(from: before.problem == nil ? before.current : nil, to: to)
        } catch {
            _ = try? connection.execute("ROLLBACK")
            return .failed(TenantFailure(revision: nil, message: error.description, error: error))
        }
    }

    private func script(table: RevisionTable, depth: Int) -> String {
        var statements = ["BEGIN", "DELETE FROM \(table.qualifiedName)"]
        for migration in migrations.migrations.prefix(depth) {
            statements.append(table.insert(migration, milliseconds: 0))
        }
        if depth == 0 { statements.append(table.drop) }
        statements.append("COMMIT")
        return statements.joined(separator: ";\n")
    }
}

extension MigrationEngine {
    /// Records `target` as the revision of each named tenant (all when
    /// `names` is empty) without running any migration.
    public func stamp(_ target: RevisionTarget, tenants names: [String],
                      observer: (any RunObserver)? = nil) throws(EngineError) -> RunReport {
        let started = ContinuousClock.now
        let depth: Int
        switch target {
        case .head: depth = migrations.migrations.count
        case .base: depth = 0
        case .revision(let id):
            guard migrations.position(of: id) != nil else {
                throw .usage(UsageError("unknown revision '\(id)'; `drover history` lists them"))
            }
            depth = migrations.depth(of: id)
        case .relative:
            throw .usage(UsageError("stamp takes a revision id, head or base"))
        }
        let states = try tenantStates(named: names)
        observer?.runStarted(tenants: states.count, toMigrate: states.count)
        let outcomes = onWorkers(states.map(\.schema), observer: observer) { connection, schema in
            TenantStamper(connection: connection, migrations: migrations,
                          revisionTableName: configuration.revisionTable)
                .stamp(schema: schema, depth: depth)
        }
        return RunReport(outcomes: outcomes.sorted { $0.schema < $1.schema },
                         milliseconds: started.milliseconds)
    }
}

