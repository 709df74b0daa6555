import DroverKit
import Foundation

/// `drover new SUMMARY`: writes the file of the next migration, with the
/// current head as its parent, as `alembic revision -m` does.
enum NewCommand {
    static let spec = CommandSpec(
        name: "new", summary: "write the file of a new migration after the head",
        usage: "drover new SUMMARY [--dir migrations]",
        positionals: 1...1,
        options: [
            .init(name: "dir", valueName: "PATH", help: "the migrations folder (default: migrations)"),
        ],
        details: """
            The revision id is the next number and a slug of SUMMARY (`0008_booking_notes`),
            the parent is the current head, and the body is an empty `upgrade` to fill in.
            Rebuild to pick it up: the registry is generated from the folder.
            """)

    static func run(_ context: CommandContext) throws(CommandFailure) -> ExitStatus {
        let summary = context.arguments.positionals[0].trimmingCharacters(in: .whitespaces)
        let slug = slug(of: summary)
        guard !slug.isEmpty, !summary.contains("\n") else {
            throw .usage("the summary must be one line with some letters or digits")
        }
        let migrations = try context.migrationSet()
        let number = String(format: "%04d", migrations.migrations.count + 1)
        let revision = "\(number)_\(slug)"
        let folder = context.arguments.value("dir") ?? "migrations"
        let path = (folder as NSString).appendingPathComponent("\(revision).swift")
        guard FileManager.default.fileExists(atPath: folder) else {
            throw .usage("no folder '\(folder)'; give the migrations folder with --dir")
        }
        guard !FileManager.default.fileExists(atPath: path) else {
            throw .usage("'\(path)' already exists")
        }
        let source = template(revision: revision, parent: migrations.head, summary: summary)
        guard FileManager.default.createFile(atPath: path, contents: Data(source.utf8)) else {
            throw .runtime("cannot write '\(path)'")
        }
        context.console.line("wrote \(path): revision \(revision), parent \(migrations.head ?? "base")")
        return .success
    }

    /// Lower-case letters, digits and single underscores, at most 40 long.
    static func slug(of summary: String) -> String {
        var slug = ""
        for character in summary.lowercased() {
            if character.isASCII && (character.isLetter || character.isNumber) {
                slug.append(character)
            } else if !slug.isEmpty && slug.last != "_" {
                slug.append("_")
            }
        }
        while slug.hasSuffix("_") { slug.removeLast() }
        return String(slug.prefix(40))
    }

    static func template(revision: String, parent: String?, summary: String) -> String {
        let name = revision.split(separator: "_").dropFirst()
            .map { $0.prefix(1).uppercased() + $0.dropFirst() }.joined()
        let quotedSummary = summary.replacingOccurrences(of: "\\", with: "\\\\")
            .replacingOccurrences(of: "\"", with: "\\\"")
        return """
            import DroverKit

            /// \(summary)
            struct \(name.isEmpty ? "Migration" : name)\(revision.prefix(4)): Migration {
                let revision = "\(revision)"
                let parent: String? = \(parent.map { "\"\($0)\"" } ?? "nil")
                let summary = "\(quotedSummary)"

                var upgrade: [Operation] {
                    // AddColumn("bookings", Column("notes", .text).nullable())
                }
            }

            """
    }
}
