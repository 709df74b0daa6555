import DroverKit

/// `drover upgrade [TARGET]` and `drover downgrade TARGET`.
enum MigrateCommand {
    static let upgrade = CommandSpec(
        name: "upgrade", summary: "bring tenants up to a revision (head by default)",
        usage: "drover upgrade [TARGET] [--all | --tenant NAME ...] [options]",
        positionals: 0...1,
        options: CommandSpec.runOptions + [
            .init(name: "adopt-existing", valueName: nil,
                  help: "record pending revisions whose objects already exist and match"),
        ],
        details: """
            TARGET is `head` (the default), a revision id, or `+N` (N migrations up
            from where each tenant is). Each migration runs in its own transaction
            together with its revision row. A tenant whose pending migrations would
            create an object that already exists is reported as drifted and left as
            it is; the others go on.
            """)

    static let downgrade = CommandSpec(
        name: "downgrade", summary: "take tenants down to a revision",
        usage: "drover downgrade TARGET [--all | --tenant NAME ...] [options]",
        positionals: 1...1, options: CommandSpec.runOptions,
        details: """
            TARGET is a revision id (the tenant keeps it), `-N` (N migrations down
            from where each tenant is) or `base` (nothing left, the revision table
            included). Each step runs in its own transaction with the removal of
            its revision row.
            """)

    static func run(_ context: CommandContext, direction: Direction) throws(CommandFailure)
        -> ExitStatus
    {
        let arguments = context.arguments
        if arguments.has("all") && !context.tenantNames.isEmpty {
            throw .usage("--all and --tenant cannot be used together")
        }
        if arguments.has("sql") && !arguments.has("dry-run") {
            throw .usage("--sql only goes with --dry-run")
        }
        let targetText = arguments.positionals.first ?? "head"
        let target: RevisionTarget
        do {
            target = try RevisionTarget(parsing: targetText)
        } catch {
            throw .usage(error.message)
        }
        if case .relative(let steps) = target, (steps > 0) != (direction == .up) {
            throw .usage("'\(targetText)' goes the wrong way for \(direction == .up ? "upgrade" : "downgrade")")
        }
        let engine = try context.engine()
        let interrupts = context.handlesSignals ? InterruptHandler(console: context.console) : nil
        defer { interrupts?.remove() }
        let options = RunOptions(jobs: try context.jobs(), failFast: arguments.has("fail-fast"),
                                 isDryRun: arguments.has("dry-run"),
                                 adoptExisting: arguments.has("adopt-existing"),
                                 cancellation: interrupts?.cancellation)
        let verb = direction == .up ? "upgraded" : "downgraded"
        let printer = ProgressPrinter(console: context.console, direction: verb,
                                      printsOutcomes: !context.isJSON,
                                      showSQL: arguments.has("sql"))
        let report: RunReport
        do {
            report = direction == .up
                ? try engine.upgrade(to: target, tenants: context.tenantNames,
                                     options: options, observer: printer)
                : try engine.downgrade(to: target, tenants: context.tenantNames,
                                       options: options, observer: printer)
        } catch {
            throw CommandFailure(error)
        }
        if context.tenantNames.isEmpty {
            context.warnAboutMissingIncludes(engine.configuration,
                                             found: report.outcomes.map(\.schema))
        }
        let status: ExitStatus = interrupts?.cancellation.isCancelled == true
            ? .interrupted : report.exitStatus
        if context.isJSON {
            let command = direction == .up ? "upgrade" : "downgrade"
            JSONOutput.write(JSONOutput.run(report, command: command, target: target.description,
                                            exitStatus: status), to: context.console)
        } else {
            context.console.line(OutcomeText.summary(of: report, verb: verb))
        }
        return status
    }
}
