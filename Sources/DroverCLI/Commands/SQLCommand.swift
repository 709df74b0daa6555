import DroverKit
import Foundation

/// `drover sql`: the script a run would send, written out offline.
enum SQLCommand {
    static let spec = CommandSpec(
        name: "sql", summary: "print the SQL between two revisions for one schema, offline",
        usage: "drover sql [--from REVISION] [--to REVISION] --schema NAME",
        positionals: 0...0,
        options: [
            .init(name: "from", valueName: "REVISION", help: "start (default: base)"),
            .init(name: "to", valueName: "REVISION", help: "end (default: head)"),
            .init(name: "schema", valueName: "NAME", help: "the schema the SQL is for"),
            .init(name: "revision-table", valueName: "NAME",
                  help: "the revision table (default: revision_table of tenants.yaml)"),
        ],
        details: """
            Needs no database: the migrations are rendered for the named schema, each in
            its transaction with its revision-table statement, as `upgrade` and `downgrade`
            would send them. A --to below --from gives the downgrade. For review, or for a
            DBA who applies changes by hand.
            """)

    static func run(_ context: CommandContext) throws(CommandFailure) -> ExitStatus {
        let arguments = context.arguments
        guard let schema = arguments.value("schema") else {
            throw .usage("sql needs --schema NAME")
        }
        do {
            try SQLIdentifier.validate(schema, kind: "schema")
        } catch {
            throw .usage(error.message)
        }
        if schema.hasPrefix("pg_") || schema == "information_schema" {
            throw .usage("'\(schema)' is one of PostgreSQL's own schemas, never a tenant")
        }
        let migrations = try context.migrationSet()
        let revisionTable = try revisionTableName(context)
        let resolve = { (text: String?, fallback: String?) -> String? in
            switch text {
            case nil, "head": text == nil ? fallback : migrations.head
            case "base": nil
            default: text
            }
        }
        do {
            let script = try OfflineScript(migrations: migrations, revisionTable: revisionTable)
                .script(schema: schema, from: resolve(arguments.value("from"), nil),
                        to: resolve(arguments.value("to"), migrations.head))
            context.console.write(.output, script)
        } catch {
            throw .usage(error.message)
        }
        return .success
    }

    /// From `--revision-table`, else from tenants.yaml when there is one: a
    /// script writing to another table than the tenants use would make
    /// Drover run everything again.
    private static func revisionTableName(_ context: CommandContext) throws(CommandFailure)
        -> String
    {
        if let name = context.arguments.value("revision-table") {
            do {
                try SQLIdentifier.validate(name, kind: "revision table")
            } catch {
                throw .usage(error.message)
            }
            return name
        }
        let path = context.arguments.value("config") ?? context.environment["DROVER_CONFIG"]
            ?? "tenants.yaml"
        if !FileManager.default.fileExists(atPath: path) { return "drover_revisions" }
        do {
            return try context.configuration().revisionTable
        } catch {
            throw .configuration(error.lines.joined(separator: "; ")
                + " (or give --revision-table to write the script without it)")
        }
    }
}
