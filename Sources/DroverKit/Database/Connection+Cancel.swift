import CLibPQ
import Synchronization

/// Every open connection's cancel handle, so that an interrupted run can
/// ask the server to stop the statements in flight before the process
/// exits: a transaction sent in one round trip would otherwise run on, and
/// commit, after the client is gone.
enum RunningQueries {
    private struct Handle: @unchecked Sendable {
        // PQcancel may be called from any thread on a handle of its own.
        let pointer: OpaquePointer
    }

    private static let handles = Mutex<[ObjectIdentifier: Handle]>([:])

    static func register(_ connection: Connection, _ handle: OpaquePointer?) {
        guard let handle else { return }
        handles.withLock { $0[ObjectIdentifier(connection)] = Handle(pointer: handle) }
    }

    static func unregister(_ connection: Connection) {
        let handle = handles.withLock { $0.removeValue(forKey: ObjectIdentifier(connection)) }
        if let handle { PQfreeCancel(handle.pointer) }
    }

    /// Asks the server to cancel what every open connection is running;
    /// returns how many requests were sent.
    @discardableResult
    static func cancelAll() -> Int {
        handles.withLock { handles in
            var buffer = [CChar](repeating: 0, count: 256)
            var sent = 0
            for handle in handles.values
            where PQcancel(handle.pointer, &buffer, Int32(buffer.count)) == 1 {
                sent += 1
            }
            return sent
        }
    }
}

extension Connection {
    /// Cancels the statements running on every open connection of this
    /// process (used when a run is interrupted twice).
    public static func cancelAllRunningQueries() -> Int {
        RunningQueries.cancelAll()
    }
}
