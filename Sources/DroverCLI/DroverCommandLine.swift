import DroverKit

/// The `drover` command: parses arguments, runs one command, and returns
/// the exit status. Kept in a library so tests can run it in-process with
/// migration sets of their own.
public enum DroverCommandLine {
    static let commands: [CommandSpec] = [
        MigrateCommand.upgrade, MigrateCommand.downgrade, StatusCommand.spec,
        CatalogCommands.history, CatalogCommands.heads, CatalogCommands.tenants,
        CreateTenantCommand.spec, StampCommand.spec, CheckCommand.spec, DiffCommand.spec, SQLCommand.spec,
        NewCommand.spec,
    ]

    /// Runs `arguments` (without the program name) and returns the exit status.
    public static func run(_ arguments: [String], environment: [String: String],
                           migrations: [RegisteredMigration], console: Console,
                           handlesSignals: Bool = false) -> Int32 {
        let specs = Dictionary(uniqueKeysWithValues: commands.map { ($0.name, $0) })
        let parsed: ParsedArguments
        do {
            parsed = try ParsedArguments.parse(arguments, specs: specs)
        } catch {
            console.error(error.message)
            return ExitStatus.usage.rawValue
        }
        do {
            return try dispatch(parsed, specs: specs, environment: environment,
                                migrations: migrations, console: console,
                                handlesSignals: handlesSignals).rawValue
        } catch {
            for line in error.lines { console.error(line) }
            if parsed.value("format") == "json" {
                // A pipeline reading standard output gets a document either way.
                JSONOutput.write(JSONOutput.Failure(error: error.lines.joined(separator: "\n"),
                                                    exitStatus: error.exitStatus.rawValue),
                                 to: console)
            }
            return error.exitStatus.rawValue
        }
    }

    private static func dispatch(_ parsed: ParsedArguments, specs: [String: CommandSpec],
                                 environment: [String: String],
                                 migrations: [RegisteredMigration],
                                 console: Console,
                                 handlesSignals: Bool) throws(CommandFailure) -> ExitStatus {
        if parsed.has("version") {
            console.line("drover \(Drover.version)")
            return .success
        }
        guard let name = parsed.command else {
            if parsed.has("help") {
                HelpText.general(commands).forEach(console.line)
                return .success
            }
            throw .usage("no command given; `drover --help` lists them")
        }
        guard let spec = specs[name] else {
            throw .usage("unknown command '\(name)'; `drover --help` lists them")
        }
        if parsed.has("help") {
            HelpText.command(spec).forEach(console.line)
            return .success
        }
        guard spec.positionals.contains(parsed.positionals.count) else {
            throw .usage("wrong number of arguments for '\(name)'; usage: \(spec.usage)")
        }
        if let format = parsed.value("format"), format != "text", format != "json" {
            throw .usage("--format must be text or json, not '\(format)'")
        }
        let context = CommandContext(arguments: parsed, environment: environment,
                                     console: console, registered: migrations,
                                     handlesSignals: handlesSignals)
        switch name {
        case "upgrade": return try MigrateCommand.run(context, direction: .up)
        case "downgrade": return try MigrateCommand.run(context, direction: .down)
        case "status": return try StatusCommand.run(context)
        case "history": return try CatalogCommands.runHistory(context)
        case "heads": return try CatalogCommands.runHeads(context)
        case "tenants": return try CatalogCommands.runTenants(context)
        case "create-tenant": return try CreateTenantCommand.run(context)
        case "stamp": return try StampCommand.run(context)
        case "check": return try CheckCommand.run(context)
        case "diff": return try DiffCommand.run(context)
        case "sql": return try SQLCommand.run(context)
        case "new": return try NewCommand.run(context)
        default: throw .usage("unknown command '\(name)'")
        }
    }
}
