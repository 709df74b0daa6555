import Synchronization

/// Asks a run to stop: workers start no new tenant, and a tenant in the
/// middle of its migrations stops after the one that is running, which
/// commits or rolls back whole as always.
public final class Cancellation: Sendable {
    private let flag = Atomic(false)

    public init() {}

    public func cancel() { flag.store(true, ordering: .relaxed) }

    public var isCancelled: Bool { flag.load(ordering: .relaxed) }
}
