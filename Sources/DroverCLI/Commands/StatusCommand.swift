import Foundation
import DroverKit

/// `drover status`: where every tenant is, from two catalog queries.
enum StatusCommand {
    static let spec = CommandSpec(
        name: "status", summary: "one row per tenant: revision, pending migrations, state",
        usage: "drover status [--all | --tenant NAME ...]",
        positionals: 0...0, options: CommandSpec.tenantOptions,
        details: """
            States: `current` (at head), `pending` (behind head), `new` (no revision
            table yet), `edited` (a migration changed after this tenant applied it),
            `error` (recorded revisions that this build does not know).
            """)

    struct Row: Encodable {
        let tenant: String
        let revision: String?
        /// `nil` when the recorded revisions cannot be placed in the chain.
        let pending: Int?
        let state: String
        let problem: String?
    }

    static func run(_ context: CommandContext) throws(CommandFailure) -> ExitStatus {
        let engine = try context.engine()
        let states: [TenantState]
        do {
            states = try engine.tenantStates(named: context.tenantNames)
        } catch {
            throw CommandFailure(error)
        }
        if context.tenantNames.isEmpty {
            context.warnAboutMissingIncludes(engine.configuration, found: states.map(\.schema))
        }
        let total = engine.migrations.migrations.count
        let rows = states.map { state in
            let edited = state.editedRevisions(in: engine.migrations)
            let problem = state.problem ?? (edited.isEmpty ? nil
                : "changed since applied: " + edited.joined(separator: ", "))
            return Row(tenant: state.schema, revision: state.current,
                       pending: state.problem == nil ? total - state.depth : nil,
                       state: edited.isEmpty ? stateName(state, total: total) : "edited",
                       problem: problem)
        }
        if context.isJSON {
            JSONOutput.write(rows, to: context.console)
            return .success
        }
        let table = TextTable(header: ["TENANT", "REVISION", "PENDING", "STATE"])
        var lines = table
        for row in rows {
            lines.append([row.tenant, row.revision ?? (row.problem == nil ? "base" : "?"),
                          row.pending.map(String.init) ?? "?",
                          row.state + (row.problem.map { ": \($0)" } ?? "")])
        }
        for line in lines.rendered() { context.console.line(line) }
        let atHead = rows.filter { $0.state == "current" }.count
        let behind = rows.filter { $0.state == "pending" || $0.state == "new" }.count
        let troubled = rows.count - atHead - behind
        var summary = "\(rows.count) tenant\(rows.count == 1 ? "" : "s"): \(atHead) at head"
            + " (\(engine.migrations.head ?? "base")), \(behind) behind"
        if troubled > 0 { summary += ", \(troubled) needing attention (edited or error)" }
        context.console.line(summary)
        return .success
    }

    private static func stateName(_ state: TenantState, total: Int) -> String {
        if state.problem != nil { return "error" }
        if !state.hasRevisionTable { return "new" }
        return state.depth == total ? "current" : "pending"
    }
}

/// Left-aligned columns, as wide as their widest cell.
struct TextTable {
    private var rows: [[String]]

    init(header: [String]) { rows = [header] }

    mutating func append(_ row: [String]) { rows.append(row) }

    func rendered() -> [String] {
        let widths = rows[0].indices.map { column in
            rows.map { $0[column].count }.max() ?? 0
        }
        return rows.map { row in
            row.enumerated().map { column, cell in
                column == row.count - 1 ? cell
                    : cell.padding(toLength: widths[column], withPad: " ", startingAt: 0)
            }.joined(separator: "  ")
        }
    }
}
