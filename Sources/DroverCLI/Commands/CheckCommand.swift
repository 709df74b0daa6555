import DroverKit
import Foundation

/// `drover check`: one command whose exit status a CI pipeline can trust.
enum CheckCommand {
    static let spec = CommandSpec(
        name: "check", summary: "verify the migrations and every tenant, for CI",
        usage: "drover check [--scratch] [--allow-pending] [--junit PATH] [--tenant NAME ...]",
        positionals: 0...0,
        options: CommandSpec.tenantOptions + [
            .init(name: "scratch", valueName: nil,
                  help: "also run the chain up, down and up on a temporary schema"),
            .init(name: "allow-pending", valueName: nil,
                  help: "tenants behind head are not a failure (exit 0 instead of 4)"),
            .init(name: "junit", valueName: "PATH", help: "write a JUnit XML report"),
            .init(name: "graph-only", valueName: nil,
                  help: "check the migrations alone; no database is needed"),
        ],
        details: """
            1. The revision graph is sound and every migration can be undone or is
               marked irreversible.
            2. With --scratch: on a schema it creates and drops, base -> head -> base ->
               head, comparing the live schema with the model after every step.
            3. Every selected tenant is at head, without drift or edited migrations.
            Exit statuses: 0 all good, 1 a step failed to run, 2 usage, configuration
            or unsound migrations, 3 drift or an edited migration, 4 tenants behind head.
            """)

    static func run(_ context: CommandContext) throws(CommandFailure) -> ExitStatus {
        let arguments = context.arguments
        let allowPending = arguments.has("allow-pending")
        if let path = arguments.value("junit") { try checkWritable(path) }
        let migrations = try context.migrationSet()
        var results = migrations.soundnessChecks
        if !arguments.has("graph-only") {
            let engine = MigrationEngine(configuration: try context.configuration(),
                                         migrations: migrations)
            do {
                // Tenants first: an unknown --tenant stops before the rehearsal.
                let tenants = try engine.tenantChecks(tenants: context.tenantNames)
                if context.tenantNames.isEmpty {
                    context.warnAboutMissingIncludes(engine.configuration,
                                                     found: tenants.map(\.name))
                }
                if arguments.has("scratch") { results += try engine.rehearseOnScratchSchema() }
                results += tenants
            } catch {
                if case .usage(let usage) = error { throw .usage(usage.message) }
                results.append(CheckResult(group: "database", name: "connect", status: .failure,
                                           message: error.description))
            }
        }
        let status = exitStatus(of: results, allowPending: allowPending)
        report(results, status: status, allowPending: allowPending, context: context)
        if let path = arguments.value("junit") {
            let xml = JUnitReport.xml(results, allowPending: allowPending)
            guard FileManager.default.createFile(atPath: path, contents: Data(xml.utf8)) else {
                throw .runtime("cannot write the JUnit report to '\(path)'"
                    + " (does its folder exist and is it writable?)")
            }
        }
        return status
    }

    /// The report's folder must exist and the path must not be a folder:
    /// found before the checks run, not after.
    private static func checkWritable(_ path: String) throws(CommandFailure) {
        if path.isEmpty || path.hasSuffix("/") {
            throw .usage("--junit needs a file path, not '\(path)'")
        }
        var isFolder: ObjCBool = false
        let folder = (path as NSString).deletingLastPathComponent
        if FileManager.default.fileExists(atPath: path, isDirectory: &isFolder), isFolder.boolValue {
            throw .usage("--junit '\(path)' is a folder; give a file path")
        }
        if !FileManager.default.isWritableFile(atPath: folder.isEmpty ? "." : folder) {
            throw .usage("--junit '\(path)': the folder does not exist or is not writable")
        }
    }

    static func exitStatus(of results: [CheckResult], allowPending: Bool) -> ExitStatus {
        let worst = results.map(\.status).max() ?? .passed
        switch worst {
        case .invalid: return .usage
        case .failure: return .failure
        case .drift: return .drift
        case .pending: return allowPending ? .success : .pending
        case .passed: return .success
        }
    }

    struct Row: Encodable {
        let group: String
        let name: String
        let status: String
        let message: String?
    }

    private static func report(_ results: [CheckResult], status: ExitStatus,
                               allowPending: Bool, context: CommandContext) {
        if context.isJSON {
            struct Document: Encodable {
                let exitStatus: Int32
                let checks: [Row]
                enum CodingKeys: String, CodingKey {
                    case checks
                    case exitStatus = "exit_status"
                }
            }
            JSONOutput.write(Document(exitStatus: status.rawValue, checks: results.map {
                Row(group: $0.group, name: $0.name, status: JUnitReport.kind($0.status),
                    message: $0.message)
            }), to: context.console)
            return
        }
        var table = TextTable(header: ["CHECK", "NAME", "RESULT"])
        for result in results {
            let label = result.passed ? "ok" : JUnitReport.kind(result.status).uppercased()
            let lines = (result.message ?? "").split(separator: "\n").map(String.init)
            let shown = result.passed || lines.isEmpty ? label : "\(label)  \(lines[0])"
            table.append([result.group, result.name, shown])
            for extra in lines.dropFirst() { table.append(["", "", "    " + extra]) }
        }
        for line in table.rendered() { context.console.line(line) }
        let failing = results.filter { JUnitReport.isFailure($0, allowPending: allowPending) }
        context.console.line("\(results.count) checks, \(failing.count) failing: exit \(status.rawValue)")
    }
}
