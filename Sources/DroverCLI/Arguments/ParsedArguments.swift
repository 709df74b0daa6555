import DroverKit

/// A command line split into command, positionals and options, checked
/// against the command's spec.
struct ParsedArguments {
    var command: String?
    var positionals: [String] = []
    var values: [String: [String]] = [:]
    var flags: Set<String> = []

    func value(_ name: String) -> String? { values[name]?.last }
    func all(_ name: String) -> [String] { values[name] ?? [] }
    func has(_ name: String) -> Bool { flags.contains(name) }

    /// Splits `arguments` (without the program name). Options are looked up
    /// in the spec of the command once it is known.
    static func parse(_ arguments: [String],
                      specs: [String: CommandSpec]) throws(UsageError) -> ParsedArguments {
        var parsed = ParsedArguments()
        var remaining = arguments[...]
        var onlyPositionals = false
        while let argument = remaining.popFirst() {
            if onlyPositionals || !argument.hasPrefix("-") || argument == "-"
                || isNegativeTarget(argument, command: parsed.command) {
                if parsed.command == nil { parsed.command = argument }
                else { parsed.positionals.append(argument) }
                continue
            }
            if argument == "--" { onlyPositionals = true; continue }
            try parsed.take(option: argument, from: &remaining, specs: specs)
        }
        return parsed
    }

    /// `drover downgrade -1`: a relative target, not an option.
    private static func isNegativeTarget(_ argument: String, command: String?) -> Bool {
        command == "downgrade" && argument.dropFirst().allSatisfy(\.isNumber)
            && argument.count > 1
    }

    private mutating func take(option argument: String, from remaining: inout ArraySlice<String>,
                               specs: [String: CommandSpec]) throws(UsageError) {
        if argument == "-h" { flags.insert("help"); return }
        if argument == "--version" || argument == "-V" { flags.insert("version"); return }
        guard argument.hasPrefix("--") else {
            throw UsageError("unknown option '\(argument)'")
        }
        var name = String(argument.dropFirst(2))
        var inlineValue: String?
        if let equals = name.firstIndex(of: "=") {
            inlineValue = String(name[name.index(after: equals)...])
            name = String(name[..<equals])
        }
        let spec = command.flatMap { specs[$0] }
        let option = spec?.option(named: name)
            ?? CommandSpec.globalOptions.first { $0.name == name }
        guard let option else {
            let scope = command.map { " for '\($0)'" } ?? ""
            throw UsageError("unknown option '--\(name)'\(scope); see --help")
        }
        guard option.takesValue else {
            if inlineValue != nil { throw UsageError("option '--\(name)' takes no value") }
            flags.insert(name)
            return
        }
        guard let value = inlineValue ?? remaining.popFirst() else {
            throw UsageError("option '--\(name)' needs a value (\(option.valueName ?? "VALUE"))")
        }
        values[name, default: []].append(value)
    }
}
