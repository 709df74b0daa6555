/// Orders migrations by their parent links and refuses a graph Drover
/// cannot run: duplicate ids, a missing parent, a cycle, several heads.
enum RevisionGraph {
    /// The migrations from base to head.
    static func linearize(_ registered: [RegisteredMigration]) throws(MigrationSetError)
        -> [RegisteredMigration]
    {
        var problems: [String] = []
        var byRevision: [String: RegisteredMigration] = [:]
        for entry in registered {
            let revision = entry.migration.revision
            if let problem = RevisionID.problem(with: revision) {
                problems.append("\(entry.location): \(problem)")
            }
            if let first = byRevision[revision] {
                problems.append("duplicate revision '\(revision)' in \(first.location)"
                    + " and \(entry.location)")
            } else {
                byRevision[revision] = entry
            }
        }
        for entry in registered {
            if let parent = entry.migration.parent, byRevision[parent] == nil {
                problems.append("\(entry.location): revision '\(entry.migration.revision)'"
                    + " names parent '\(parent)', which no migration declares")
            }
        }
        if !problems.isEmpty { throw MigrationSetError(problems: problems) }
        return try chain(of: registered, byRevision: byRevision)
    }

    private static func chain(
        of registered: [RegisteredMigration],
        byRevision: [String: RegisteredMigration]
    ) throws(MigrationSetError) -> [RegisteredMigration] {
        if registered.isEmpty { return [] }
        var children: [String?: [RegisteredMigration]] = [:]
        for entry in registered { children[entry.migration.parent, default: []].append(entry) }

        var problems: [String] = []
        for (parent, entries) in children.sorted(by: { ($0.key ?? "") < ($1.key ?? "") })
        where entries.count > 1 {
            let listed = entries.map { "'\($0.migration.revision)' (\($0.location))" }
                .joined(separator: ", ")
            let from = parent.map { "revision '\($0)'" } ?? "base"
            problems.append("more than one head: \(from) is the parent of \(listed);"
                + " give one of them the other as parent")
        }
        if !problems.isEmpty { throw MigrationSetError(problems: problems) }

        var ordered: [RegisteredMigration] = []
        var next = children[nil]?.first
        while let entry = next {
            ordered.append(entry)
            next = children[entry.migration.revision]?.first
        }
        if ordered.count < registered.count {
            let reached = Set(ordered.map(\.migration.revision))
            let stranded = registered.filter { !reached.contains($0.migration.revision) }
            let listed = stranded.map { "'\($0.migration.revision)' (\($0.location))" }
                .joined(separator: ", ")
            let what = ordered.isEmpty ? "no migration has parent nil, and " : ""
            throw MigrationSetError(problems: [
                "cycle in the revision graph: \(what)\(listed) never reach base"
            ])
        }
        return ordered
    }
}

/// The shape a revision id must have: it is written into SQL and output.
enum RevisionID {
    static func problem(with revision: String) -> String? {
        let allowed = revision.unicodeScalars.allSatisfy {
            ("a"..."z").contains($0) || ("A"..."Z").contains($0)
                || ("0"..."9").contains($0) || "_-.".unicodeScalars.contains($0)
        }
        if revision.isEmpty || revision.count > 100 || !allowed {
            return "revision id '\(revision)' must be 1 to 100 letters, digits, '_', '-' or '.'"
        }
        if revision == "base" || revision == "head" || revision.hasPrefix("+")
            || revision.hasPrefix("-") {
            return "revision id '\(revision)' is reserved"
        }
        return nil
    }
}

/// Everything wrong with a set of migrations, one line per problem.
public struct MigrationSetError: Error, Equatable, CustomStringConvertible {
    public var problems: [String]
    public var description: String { problems.joined(separator: "\n") }
}
