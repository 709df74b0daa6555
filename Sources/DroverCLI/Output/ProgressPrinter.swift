import DroverKit
import Foundation
import Synchronization

/// Shows a run as it goes. On a terminal: a live line on standard error
/// (done/total, failures, rate) with outcome lines printed above it. In a
/// log: one line per tenant outcome, nothing redrawn.
final class ProgressPrinter: RunObserver {
    private struct Counts {
        var total = 0
        var done = 0
        var failed = 0
        var lastDrawn = ContinuousClock.now
    }

    private let console: Console
    private let direction: String
    private let printsOutcomes: Bool
    private let showSQL: Bool
    private let started = ContinuousClock.now
    private let counts = Mutex(Counts())

    init(console: Console, direction: String, printsOutcomes: Bool, showSQL: Bool) {
        self.console = console
        self.direction = direction
        self.printsOutcomes = printsOutcomes
        self.showSQL = showSQL
    }

    func runStarted(tenants: Int, toMigrate: Int) {
        counts.withLock { $0.total = tenants }
    }

    func tenantFinished(_ outcome: TenantOutcome) {
        let (line, force) = counts.withLock { counts -> (String?, Bool) in
            counts.done += 1
            if outcome.isFailure { counts.failed += 1 }
            let now = ContinuousClock.now
            let due = now - counts.lastDrawn > .milliseconds(100) || counts.done == counts.total
            if due { counts.lastDrawn = now }
            return (due ? status(counts) : nil, counts.done == counts.total)
        }
        // Tenants with nothing to report are counted in the summary only.
        let quiet: Bool
        switch outcome.result {
        case .current, .skipped: quiet = true
        default: quiet = false
        }
        if printsOutcomes && !quiet {
            let text = OutcomeText.lines(for: outcome, direction: direction, showSQL: showSQL)
            clearLiveLine()
            for line in text { console.line(line) }
        }
        if console.isTerminal, let line { console.write(.error, "\r\u{1B}[2K" + line) }
        if console.isTerminal && force { console.write(.error, "\n") }
    }

    private func status(_ counts: Counts) -> String {
        let seconds = max(0.001, (ContinuousClock.now - started) / .seconds(1))
        let rate = Double(counts.done) / seconds
        return "[\(counts.done)/\(counts.total)] \(counts.failed) failed · "
            + String(format: "%.0f", rate) + " tenants/s"
    }

    private func clearLiveLine() {
        if console.isTerminal { console.write(.error, "\r\u{1B}[2K") }
    }
}
