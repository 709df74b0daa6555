/// Hears about a run as it happens, from worker threads: implementations
/// must be safe to call from several threads at once.
public protocol RunObserver: Sendable {
    func runStarted(tenants: Int, toMigrate: Int)
    func tenantFinished(_ outcome: TenantOutcome)
}
