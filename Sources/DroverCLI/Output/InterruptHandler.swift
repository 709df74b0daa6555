import Dispatch
import DroverKit
import Foundation

/// Ctrl-C (or SIGTERM) during a run: the first one lets the migrations in
/// flight finish and ends with the usual summary and exit status 130; a
/// second one stops at once (the server rolls back what was running).
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
                    signal(number, SIG_DFL)
                    raise(number)
                    return
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
