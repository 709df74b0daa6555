import DroverKit

/// `drover stamp REVISION --tenant NAME`.
enum StampCommand {
    static let spec = CommandSpec(
        name: "stamp", summary: "record a revision for tenants without running migrations",
        usage: "drover stamp REVISION (--tenant NAME ... | --all)",
        positionals: 1...1,
        options: [
            .init(name: "all", valueName: nil, help: "every tenant tenants.yaml selects (must be said)"),
            .init(name: "tenant", valueName: "NAME",
                  help: "only this tenant, `acme` or `tenant_acme` (repeatable)"),
        ],
        details: """
            For schemas built by hand or by an ORM's create_all: the revision table is
            set to hold exactly the migrations up to REVISION (a revision id, `head`, or
            `base` to forget them all). Nothing else in the schema changes. Check with
            `drover diff` first that the schema really matches that revision.
            Stamping every tenant needs an explicit --all.
            """)

    static func run(_ context: CommandContext) throws(CommandFailure) -> ExitStatus {
        if context.tenantNames.isEmpty && !context.arguments.has("all") {
            throw .usage("stamp needs --tenant NAME (or --all to stamp every tenant)")
        }
        if context.arguments.has("all") && !context.tenantNames.isEmpty {
            throw .usage("--all and --tenant cannot be used together")
        }
        let target: RevisionTarget
        do {
            target = try RevisionTarget(parsing: context.arguments.positionals[0])
        } catch {
            throw .usage(error.message)
        }
        let engine = try context.engine()
        let printer = ProgressPrinter(console: context.console, direction: "stamped",
                                      printsOutcomes: !context.isJSON, showSQL: false)
        let report: RunReport
        do {
            report = try engine.stamp(target, tenants: context.tenantNames, observer: printer)
        } catch {
            throw CommandFailure(error)
        }
        if context.isJSON {
            JSONOutput.write(JSONOutput.run(report, command: "stamp", target: target.description),
                             to: context.console)
        } else {
            context.console.line(OutcomeText.summary(of: report, verb: "upgraded"))
        }
        return report.exitStatus
    }
}
