/// How an upgrade or downgrade runs.
public struct RunOptions: Sendable {
    /// Parallel workers; `nil` uses tenants.yaml's `jobs`.
    public var jobs: Int?
    /// Stop starting new tenants after the first failure.
    public var failFast = false
    /// Plan and print, change nothing.
    public var isDryRun = false
    /// Record pending revisions whose objects already exist and match.
    public var adoptExisting = false
    /// Stops the run early when cancelled (Ctrl-C in the command line).
    public var cancellation: Cancellation?

    public init(jobs: Int? = nil, failFast: Bool = false, isDryRun: Bool = false,
                adoptExisting: Bool = false, cancellation: Cancellation? = nil) {
        self.jobs = jobs
        self.failFast = failFast
        self.isDryRun = isDryRun
        self.adoptExisting = adoptExisting
        self.cancellation = cancellation
    }
}
