import Foundation
import DroverKit

/// How tenant outcomes read in text output.
enum OutcomeText {
    static func lines(for outcome: TenantOutcome, direction: String, showSQL: Bool) -> [String] {
        let name = outcome.schema.padding(toLength: max(20, outcome.schema.count),
                                          withPad: " ", startingAt: 0)
        switch outcome.result {
        case .migrated(let from, let to, let count):
            return ["\(name)  \(direction)  \(show(from)) -> \(show(to))"
                + "  (\(count) migration\(count == 1 ? "" : "s"), \(outcome.milliseconds) ms)"]
        case .current(let revision):
            return ["\(name)  current  \(show(revision))"]
        case .stamped(let from, let to):
            return ["\(name)  stamped  \(show(from)) -> \(show(to))  (recorded, nothing run)"]
        case .planned(let from, let to, let steps):
            var lines = ["\(name)  plan  \(show(from)) -> \(show(to))"
                + "  (\(steps.count) migration\(steps.count == 1 ? "" : "s"))"]
            for step in steps {
                lines.append("    \(step.direction.rawValue)  \(step.revision)  \(step.summary)")
                if showSQL {
                    lines += step.sql.split(separator: "\n", omittingEmptySubsequences: false)
                        .filter { !$0.isEmpty }.map { "        " + $0 }
                }
            }
            return lines
        case .drifted(let findings):
            let shown = 8
            var lines = ["\(name)  DRIFT  " + (findings.first.map(\.description) ?? "")]
            lines += findings.dropFirst().prefix(shown - 1).map { "    \($0)" }
            if findings.count > shown {
                lines.append("    ... and \(findings.count - shown) more (--format json lists them all)")
            }
            return lines + (findings.first.map { ["    hint: \($0.hint)"] } ?? [])
        case .failed(let failure):
            return ["\(name)  FAILED  \(failure)"]
        case .busy:
            return ["\(name)  BUSY  another drover run holds this tenant's lock;"
                + " it was not changed (raise timeouts.lock to wait longer)"]
        case .interrupted(let from, let at, let count):
            return ["\(name)  interrupted  \(show(from)) -> \(show(at))"
                + "  (\(count) migration\(count == 1 ? "" : "s") ran; run again to finish)"]
        case .skipped:
            return ["\(name)  skipped  (the run stopped before this tenant started:"
                + " --fail-fast after a failure, or interrupted)"]
        }
    }

    static func show(_ revision: String?) -> String { revision ?? "base" }

    static func summary(of report: RunReport, verb: String) -> String {
        let counts = [(report.migrated, verb), (report.stamped, "stamped"),
                      (report.current, "already current"), (report.planned, "planned"),
                      (report.drifted, "drifted"), (report.interrupted, "interrupted"),
                      (report.skipped, "skipped")]
        var parts = counts.filter { $0.0 > 0 }.map { "\($0.0) \($0.1)" }
        parts.append("\(report.failed) failed")
        let seconds = Double(report.milliseconds) / 1000
        return "\(report.outcomes.count) tenant\(report.outcomes.count == 1 ? "" : "s")"
            + " in \(String(format: "%.2f", seconds)) s: " + parts.joined(separator: ", ")
    }
}
