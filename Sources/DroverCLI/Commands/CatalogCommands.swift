import DroverKit

/// `drover history`, `drover heads` and `drover tenants`.
enum CatalogCommands {
    static let history = CommandSpec(
        name: "history", summary: "the migrations, base to head",
        usage: "drover history", positionals: 0...0, options: [],
        details: "Reads migrations/ only; needs no database and no tenants.yaml.")

    static let heads = CommandSpec(
        name: "heads", summary: "the head revision",
        usage: "drover heads", positionals: 0...0, options: [],
        details: "Reads migrations/ only. A graph with more than one head is an error (exit 2).")

    static let tenants = CommandSpec(
        name: "tenants", summary: "the schemas tenants.yaml selects",
        usage: "drover tenants", positionals: 0...0, options: [],
        details: "Schemas matching `tenants.pattern` or listed in `tenants.include`,"
            + " minus `tenants.exclude`.")

    struct HistoryRow: Encodable {
        let revision: String
        let parent: String?
        let summary: String
        let file: String
        let reversible: Bool
        let transactional: Bool
        let checksum: String
    }

    static func runHistory(_ context: CommandContext) throws(CommandFailure) -> ExitStatus {
        let migrations = try context.migrationSet().migrations
        let rows = migrations.map {
            HistoryRow(revision: $0.revision, parent: $0.parent, summary: $0.summary,
                       file: $0.location, reversible: $0.isReversible,
                       transactional: $0.isTransactional, checksum: $0.checksum)
        }
        if context.isJSON {
            JSONOutput.write(rows, to: context.console)
            return .success
        }
        var table = TextTable(header: ["REVISION", "PARENT", "SUMMARY", "NOTES"])
        for row in rows {
            var notes: [String] = []
            if !row.reversible { notes.append("irreversible") }
            if !row.transactional { notes.append("non-transactional") }
            table.append([row.revision, row.parent ?? "base", row.summary,
                          notes.joined(separator: ", ")])
        }
        for line in table.rendered() { context.console.line(line) }
        return .success
    }

    static func runHeads(_ context: CommandContext) throws(CommandFailure) -> ExitStatus {
        let head = try context.migrationSet().head
        if context.isJSON {
            JSONOutput.write(["heads": head.map { [$0] } ?? []], to: context.console)
        } else {
            context.console.line(head ?? "base (no migrations)")
        }
        return .success
    }

    static func runTenants(_ context: CommandContext) throws(CommandFailure) -> ExitStatus {
        let engine = try context.engine()
        let states: [TenantState]
        do {
            states = try engine.tenantStates()
        } catch {
            throw CommandFailure(error)
        }
        context.warnAboutMissingIncludes(engine.configuration, found: states.map(\.schema))
        if context.isJSON {
            JSONOutput.write(states.map(\.schema), to: context.console)
        } else {
            for state in states { context.console.line(state.schema) }
            if states.isEmpty {
                context.console.error("no schema matches the tenants of the configuration"
                    + " (pattern '\(engine.configuration.tenants.pattern)')")
            }
        }
        return .success
    }
}

/// `drover create-tenant NAME`.
enum CreateTenantCommand {
    static let spec = CommandSpec(
        name: "create-tenant", summary: "create a tenant schema and bring it to head",
        usage: "drover create-tenant NAME", positionals: 1...1, options: [],
        details: """
            NAME is `acme` or `tenant_acme`. The schema must be one that tenants.yaml
            selects. Creating a tenant that already exists upgrades it to head, so a
            provisioning service can call this again after a failure.
            """)

    static func run(_ context: CommandContext) throws(CommandFailure) -> ExitStatus {
        let engine = try context.engine()
        let name = context.arguments.positionals[0]
        let outcome: TenantOutcome
        do {
            outcome = try engine.createTenant(name)
        } catch {
            throw CommandFailure(error)
        }
        let report = RunReport(outcomes: [outcome], milliseconds: outcome.milliseconds)
        if context.isJSON {
            JSONOutput.write(JSONOutput.run(report, command: "create-tenant", target: "head"),
                             to: context.console)
        } else {
            for line in OutcomeText.lines(for: outcome, direction: "created", showSQL: false) {
                context.console.line(line)
            }
        }
        return report.exitStatus
    }
}
