/// What a command accepts, which is also what its `--help` prints.
struct CommandSpec: Sendable {
    struct Option: Sendable {
        let name: String
        let valueName: String?
        let help: String
        var takesValue: Bool { valueName != nil }
    }

    let name: String
    let summary: String
    let usage: String
    let positionals: ClosedRange<Int>
    let options: [Option]
    let details: String

    func option(named name: String) -> Option? {
        (options + CommandSpec.globalOptions).first { $0.name == name }
    }

    static let globalOptions: [Option] = [
        Option(name: "config", valueName: "PATH",
               help: "tenants.yaml to read (default: ./tenants.yaml, or $DROVER_CONFIG)"),
        Option(name: "format", valueName: "text|json", help: "output format (default: text)"),
        Option(name: "help", valueName: nil, help: "show help for the command"),
    ]

    static let tenantOptions: [Option] = [
        Option(name: "all", valueName: nil,
               help: "every tenant tenants.yaml selects (the default when no tenant is named)"),
        Option(name: "tenant", valueName: "NAME",
               help: "only this tenant, `acme` or `tenant_acme` (repeatable)"),
    ]

    static let runOptions: [Option] = tenantOptions + [
        Option(name: "jobs", valueName: "N", help: "parallel workers (default: jobs in tenants.yaml)"),
        Option(name: "fail-fast", valueName: nil, help: "start no new tenant after a failure"),
        Option(name: "dry-run", valueName: nil, help: "print each tenant's plan, change nothing"),
        Option(name: "sql", valueName: nil, help: "with --dry-run: print the SQL of each step too"),
    ]
}
