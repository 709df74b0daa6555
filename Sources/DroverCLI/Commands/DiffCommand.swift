import DroverKit

/// `drover diff --tenant NAME [--sql]`.
enum DiffCommand {
    static let spec = CommandSpec(
        name: "diff", summary: "how a tenant's live schema differs from its revision",
        usage: "drover diff --tenant NAME [--sql]",
        positionals: 0...0,
        options: [
            .init(name: "tenant", valueName: "NAME", help: "the tenant, `acme` or `tenant_acme`"),
            .init(name: "sql", valueName: nil,
                  help: "print the DDL that would bring the schema back to the model (never run)"),
        ],
        details: """
            Compares the live schema with the model at the tenant's recorded revision.
            Exit status 0 when they match, 3 when they differ. The SQL of --sql is for
            review: Drover never runs it. Dropped objects lose their data.
            """)

    struct Document: Encodable {
        let tenant: String
        let revision: String?
        let differences: [String]
        let editedRevisions: [String]
        let sql: String?

        enum CodingKeys: String, CodingKey {
            case tenant, revision, differences, sql
            case editedRevisions = "edited_revisions"
        }
    }

    static func run(_ context: CommandContext) throws(CommandFailure) -> ExitStatus {
        let names = context.tenantNames
        guard names.count == 1 else { throw .usage("diff needs exactly one --tenant NAME") }
        let engine = try context.engine()
        let result: (drift: TenantDrift, sql: String)
        do {
            result = try engine.diff(tenant: names[0])
        } catch {
            throw CommandFailure(error)
        }
        let drift = result.drift
        if let problem = drift.problem { throw .runtime("\(drift.schema): \(problem)") }
        let showSQL = context.arguments.has("sql")
        if context.isJSON {
            JSONOutput.write(Document(tenant: drift.schema, revision: drift.revision,
                                      differences: drift.differences.map(\.description),
                                      editedRevisions: drift.editedRevisions,
                                      sql: showSQL ? result.sql : nil), to: context.console)
        } else if showSQL {
            context.console.line("-- \(drift.schema): from its live schema to the model at"
                + " \(drift.revision ?? "base")")
            context.console.write(.output, result.sql)
        } else {
            let console = context.console
            console.line("\(drift.schema) at \(drift.revision ?? "base"):"
                + " \(drift.differences.count) difference\(drift.differences.count == 1 ? "" : "s")")
            for difference in drift.differences { console.line("  \(difference)") }
            for revision in drift.editedRevisions {
                console.line("  edited migration: \(revision) changed after it was applied")
            }
        }
        return drift.hasDrift ? .drift : .success
    }
}
