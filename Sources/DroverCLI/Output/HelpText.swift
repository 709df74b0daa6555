/// `--help` output, built from the command specs so it cannot drift from
/// what the parser accepts.
enum HelpText {
    static func general(_ commands: [CommandSpec]) -> [String] {
        var lines = [
            "drover: versioned migrations for PostgreSQL schema-per-tenant apps",
            "",
            "usage: drover COMMAND [options]",
            "",
            "commands:",
        ]
        let width = commands.map(\.name.count).max() ?? 0
        for command in commands {
            lines.append("  " + pad(command.name, width) + "  " + command.summary)
        }
        let version = CommandSpec.Option(name: "version", valueName: nil, help: "print the version")
        lines += ["", "options for every command:"]
            + optionLines(CommandSpec.globalOptions + [version])
        lines += ["",
                  "exit statuses: 0 success, 1 a tenant or step failed, 2 usage or configuration"
                    + " error, 3 drift found, 4 tenants behind head (check)",
                  "`drover COMMAND --help` describes one command."]
        return lines
    }

    static func command(_ spec: CommandSpec) -> [String] {
        var lines = ["usage: \(spec.usage)", "", spec.summary]
        if !spec.details.isEmpty { lines += [""] + spec.details.split(separator: "\n").map(String.init) }
        if !spec.options.isEmpty { lines += ["", "options:"] + optionLines(spec.options) }
        lines += ["", "global options:"] + optionLines(CommandSpec.globalOptions)
        return lines
    }

    private static func optionLines(_ options: [CommandSpec.Option]) -> [String] {
        let labels = options.map { "--" + $0.name + ($0.valueName.map { " " + $0 } ?? "") }
        let width = labels.map(\.count).max() ?? 0
        return zip(labels, options).map { "  " + pad($0, width) + "  " + $1.help }
    }

    private static func pad(_ text: String, _ width: Int) -> String {
        text + String(repeating: " ", count: max(0, width - text.count))
    }
}
