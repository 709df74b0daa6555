import Dispatch
import Synchronization

/// A bounded pool of workers, each on its own Dispatch queue with its own
/// libpq connection, taking tenant after tenant from a shared queue.
struct WorkerPool: Sendable {
    let jobs: Int
    let conninfo: String
    let sessionSettings: String

    /// Runs `work` for every schema and calls `finished` as each completes.
    /// When `stopAfterFailure` is set, a failure makes the remaining
    /// tenants `skipped`, as does `cancellation`; tenants already running
    /// finish their migration.
    func run(
        _ schemas: [String],
        stopAfterFailure: Bool,
        cancellation: Cancellation? = nil,
        work: @escaping @Sendable (Connection, String) -> TenantOutcome.Result,
        finished: @escaping @Sendable (TenantOutcome) -> Void
    ) {
        let next = Mutex(0)
        let stopped = Atomic(false)
        let group = DispatchGroup()
        let workerCount = max(1, min(jobs, schemas.count))
        for number in 0..<workerCount {
            // A serial queue of its own gets its own thread, so blocking
            // I/O in one worker never holds back another.
            let queue = DispatchQueue(label: "drover.worker.\(number)")
            queue.async(group: group) {
                var connection: Connection?
                while let schema = next.withLock({ index -> String? in
                    guard index < schemas.count else { return nil }
                    index += 1
                    return schemas[index - 1]
                }) {
                    let started = ContinuousClock.now
                    let result: TenantOutcome.Result
                    if stopped.load(ordering: .relaxed) || cancellation?.isCancelled == true {
                        result = .skipped
                    } else {
                        result = runOne(schema, on: &connection, work: work)
                    }
                    let outcome = TenantOutcome(schema: schema, result: result,
                                                milliseconds: started.milliseconds)
                    if stopAfterFailure && outcome.isFailure {
                        stopped.store(true, ordering: .relaxed)
                    }
                    finished(outcome)
                }
            }
        }
        group.wait()
    }

    /// Runs one tenant, opening (or reopening) the worker's connection.
    private func runOne(
        _ schema: String, on connection: inout Connection?,
        work: (Connection, String) -> TenantOutcome.Result
    ) -> TenantOutcome.Result {
        if connection?.isOpen != true {
            do {
                let opened = try Connection(conninfo)
                if !sessionSettings.isEmpty { try opened.execute(sessionSettings) }
                connection = opened
            } catch {
                connection = nil
                return .failed(TenantFailure(revision: nil, message: error.description,
                                             error: error))
            }
        }
        return work(connection!, schema)
    }
}
