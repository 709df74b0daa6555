import Dispatch
import DroverKit
import Foundation

/// Ctrl-C (or SIGTERM) during a run: the first one lets the migrations in
/// flight finish and ends with the usual summary and exit status 130; a
/// second one cancels the statements running on the server (which rolls
/// their migrations back) and exits at once.
final class InterruptHandler: @unchecked Sendable {
    // Only touched on `queue`.
    private var sources: [DispatchSourceSignal] = []
    private let queue = DispatchQueue(label: "drover.signals")
    let cancellation = Cancellation()

    init(console: Console) {
        for number in [SIGINT, SIGTERM] {
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: queue)
            source.setEventHandler { [cancellation] in
                if cancellation.isCancelled {
                    // The server rolls back what it was running once its
                    // statement is cancelled; nothing commits after we go.
                    let cancelled = Connection.cancelAllRunningQueries()
                    console.write(.error, "drover: stopped; asked the server to cancel"
                        + " \(cancelled) running statement\(cancelled == 1 ? "" : "s")"
                        + " (their migrations roll back)\n")
                    exit(ExitStatus.interrupted.rawValue)
                }
                cancellation.cancel()
                console.write(.error, "\ndrover: interrupted; finishing the migrations in flight"
                    + " (press Ctrl-C again to stop at once)\n")
            }
            source.resume()
            sources.append(source)
        }
    }

    /// Puts the default signal handling back.
    func remove() {
        queue.sync {
            for source in sources { source.cancel() }
            sources.removeAll()
        }
        signal(SIGINT, SIG_DFL)
        signal(SIGTERM, SIG_DFL)
    }
}
