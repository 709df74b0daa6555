/// Drover's entry point for programs: migrates the tenant schemas that a
/// configuration selects, with the migrations of a build.
///
/// ```swift
/// let engine = MigrationEngine(configuration: configuration,
///                              migrations: try MigrationSet(allMigrations))
/// let outcome = try engine.createTenant("acme")
/// ```
public struct MigrationEngine: Sendable {
    public let configuration: DroverConfiguration
    public let migrations: MigrationSet

    public init(configuration: DroverConfiguration, migrations: MigrationSet) {
        self.configuration = configuration
        self.migrations = migrations
    }

    /// A connection with Drover's session settings: the lock timeout, and
    /// for connections that run migrations the statement timeout too (the
    /// catalog reads of a large run must not be cut short by it).
    public func connect(forMigrations: Bool = false) throws(DatabaseError) -> Connection {
        let connection = try Connection(configuration.database)
        try connection.execute(forMigrations ? sessionSettings : lockSettings)
        return connection
    }

    var lockSettings: String {
        "SET lock_timeout = \(configuration.lockTimeoutMilliseconds)"
    }

    var sessionSettings: String {
        lockSettings + "; SET statement_timeout = \(configuration.statementTimeoutMilliseconds)"
    }

    /// A tenant name as given on the command line or by a caller: it must
    /// be printable, since it names a schema in every line of output.
    func checkTenantName(_ name: String) throws(EngineError) {
        if name.isEmpty || name.unicodeScalars.contains(where: {
            $0.properties.generalCategory == .control
        }) || name.first?.isWhitespace == true || name.last?.isWhitespace == true {
            throw .usage(UsageError("tenant name \(SQLIdentifier.printable(name)) is empty,"
                + " starts or ends with a space, or contains control characters"))
        }
    }

    // MARK: Reading

    /// The selected tenants and their recorded revisions, from a few
    /// catalog queries. `names` limits the result (`acme` or `tenant_acme`).
    public func tenantStates(named names: [String] = []) throws(EngineError) -> [TenantState] {
        let connection = try connectOrFail()
        return try tenantStates(named: names, on: connection)
    }

    func tenantStates(named names: [String], on connection: Connection) throws(EngineError)
        -> [TenantState]
    {
        let catalog = TenantCatalog(connection: connection, selection: configuration.tenants,
                                    revisionTableName: configuration.revisionTable,
                                    migrations: migrations)
        do {
            var schemas = try catalog.discover()
            if !names.isEmpty {
                schemas = try pick(names, from: schemas)
            }
            return try catalog.states(of: schemas)
        } catch let error as DatabaseError {
            throw .database(error)
        } catch let error as EngineError {
            throw error
        } catch {
            throw .database(DatabaseError(message: "\(error)"))
        }
    }

    private func pick(_ names: [String], from schemas: [(schema: String, hasRevisionTable: Bool)])
        throws(EngineError) -> [(schema: String, hasRevisionTable: Bool)]
    {
        var picked: [(schema: String, hasRevisionTable: Bool)] = []
        for name in names {
            try checkTenantName(name)
            // A selected schema's exact name wins (an `include` entry such as
            // `legacy_customer`); the pattern's prefix is added otherwise.
            let schema = schemas.contains { $0.schema == name }
                ? name : configuration.tenants.schemaName(forTenant: name)
            guard let found = schemas.first(where: { $0.schema == schema }) else {
                throw .usage(UsageError("no tenant '\(name)': schema '\(schema)' does not exist"
                    + " or is not selected by the configuration"))
            }
            if !picked.contains(where: { $0.schema == schema }) { picked.append(found) }
        }
        return picked
    }

    // MARK: Migrating

    /// Brings the tenants (all when `names` is empty) to `target`.
    public func upgrade(to target: RevisionTarget = .head, tenants names: [String] = [],
                        options: RunOptions = RunOptions(),
                        observer: (any RunObserver)? = nil) throws(EngineError) -> RunReport {
        try run(.up, to: target, tenants: names, options: options, observer: observer)
    }

    /// Takes the tenants (all when `names` is empty) down to `target`.
    public func downgrade(to target: RevisionTarget, tenants names: [String] = [],
                          options: RunOptions = RunOptions(),
                          observer: (any RunObserver)? = nil) throws(EngineError) -> RunReport {
        try run(.down, to: target, tenants: names, options: options, observer: observer)
    }

    private func run(_ direction: Direction, to target: RevisionTarget, tenants names: [String],
                     options: RunOptions, observer: (any RunObserver)?) throws(EngineError)
        -> RunReport
    {
        let started = ContinuousClock.now
        do {
            try target.validate(in: migrations)
        } catch {
            throw .usage(error)
        }
        if case .relative(let steps) = target, abs(steps) > migrations.migrations.count {
            throw .usage(UsageError("'\(target)' moves further than the chain of"
                + " \(migrations.migrations.count) migrations"))
        }
        let plan = try RunPlanner(engine: self, direction: direction, target: target,
                                  options: options).plan(tenants: names)
        observer?.runStarted(tenants: plan.settled.count + plan.toRun.count,
                             toMigrate: plan.toRun.count)
        for outcome in plan.settled { observer?.tenantFinished(outcome) }

        let adoptions = plan.adoptions
        let depths = plan.targetDepths
        let migrator = { @Sendable (connection: Connection, schema: String) in
            TenantMigrator(connection: connection, migrations: migrations,
                           revisionTableName: configuration.revisionTable, target: target,
                           direction: direction, isDryRun: options.isDryRun,
                           adoptUpToDepth: adoptions[schema],
                           plannedDepth: depths[schema],
                           cancellation: options.cancellation).run(schema: schema)
        }
        let outcomes = onWorkers(plan.toRun, jobs: options.jobs, failFast: options.failFast,
                                 cancellation: options.cancellation, observer: observer,
                                 work: migrator)
        return RunReport(outcomes: (plan.settled + outcomes).sorted { $0.schema < $1.schema },
                         milliseconds: started.milliseconds)
    }

    /// Runs `work` for every schema on the worker pool and returns the
    /// outcomes, telling `observer` of each as it comes.
    func onWorkers(_ schemas: [String], jobs: Int? = nil, failFast: Bool = false,
                   cancellation: Cancellation? = nil, observer: (any RunObserver)?,
                   work: @escaping @Sendable (Connection, String) -> TenantOutcome.Result)
        -> [TenantOutcome]
    {
        let collected = Mutex<[TenantOutcome]>([])
        let pool = WorkerPool(jobs: jobs ?? configuration.jobs, conninfo: configuration.database,
                              sessionSettings: sessionSettings)
        pool.run(schemas, stopAfterFailure: failFast, cancellation: cancellation,
                 work: work) { outcome in
            collected.withLock { $0.append(outcome) }
            observer?.tenantFinished(outcome)
        }
        return collected.withLock { $0 }
    }

    private func connectOrFail() throws(EngineError) -> Connection {
        do {
            return try connect()
        } catch {
            throw .database(error)
        }
    }
}

import Synchronization

/// Why a command could not run at all (as opposed to a tenant failing).
public enum EngineError: Error, CustomStringConvertible {
    /// Bad input: an unknown tenant or revision. Exit status 2.
    case usage(UsageError)
    /// The database could not be reached or read. Exit status 1.
    case database(DatabaseError)

    public var description: String {
        switch self {
        case .usage(let error): error.message
        case .database(let error): error.description
        }
    }
}
