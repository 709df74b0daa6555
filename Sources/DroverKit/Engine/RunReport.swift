/// The outcome of a run over many tenants, and the exit status it means.
public struct RunReport: Sendable {
    public let outcomes: [TenantOutcome]
    public let milliseconds: Int

    public init(outcomes: [TenantOutcome], milliseconds: Int) {
        self.outcomes = outcomes
        self.milliseconds = milliseconds
    }

    public var migrated: Int { count { if case .migrated = $0 { true } else { false } } }
    public var stamped: Int { count { if case .stamped = $0 { true } else { false } } }
    public var current: Int { count { if case .current = $0 { true } else { false } } }
    public var planned: Int { count { if case .planned = $0 { true } else { false } } }
    public var drifted: Int { outcomes.filter(\.isDrift).count }
    public var failed: Int { outcomes.filter(\.isFailure).count }
    public var interrupted: Int {
        count { if case .interrupted = $0 { true } else { false } }
    }
    public var skipped: Int { count { if case .skipped = $0 { true } else { false } } }

    private func count(_ matches: (TenantOutcome.Result) -> Bool) -> Int {
        outcomes.filter { matches($0.result) }.count
    }

    /// 1 when a tenant failed, else 3 when drift was found, else 0.
    public var exitStatus: ExitStatus {
        if failed > 0 || skipped > 0 || interrupted > 0 { return .failure }
        if drifted > 0 { return .drift }
        return .success
    }
}

/// Drover's documented exit statuses.
public enum ExitStatus: Int32, Sendable {
    case success = 0
    /// A tenant failed, or a step could not run.
    case failure = 1
    /// Usage or configuration error; nothing was touched.
    case usage = 2
    /// Drift found (and nothing failed), or an edited migration.
    case drift = 3
    /// `drover check`: tenants behind head.
    case pending = 4
    /// Interrupted (SIGINT or SIGTERM) after finishing the migrations in flight.
    case interrupted = 130
}
