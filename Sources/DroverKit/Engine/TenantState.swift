/// What a tenant schema's revision table says, checked against the
/// migrations of this build.
public struct TenantState: Sendable {
    public let schema: String
    public let hasRevisionTable: Bool
    /// Rows of the revision table, oldest first.
    public let applied: [AppliedRevision]
    /// How many migrations of the chain are applied (a prefix of it).
    public let depth: Int
    /// Why the recorded revisions do not fit the chain, if they do not.
    public let problem: String?

    init(schema: String, hasRevisionTable: Bool, applied: [AppliedRevision],
         migrations: MigrationSet) {
        self.schema = schema
        self.hasRevisionTable = hasRevisionTable
        self.applied = applied
        let positions = applied.map { migrations.position(of: $0.revision) }
        if let unknown = zip(applied, positions).first(where: { $1 == nil }) {
            problem = "recorded revision '\(unknown.0.revision)' is not a migration of this"
                + " build (was it applied by a newer version?)"
            depth = 0
        } else if Set(positions.compactMap { $0 }) != Set(0..<applied.count) {
            let missing = (0..<applied.count).first { !positions.contains($0) } ?? 0
            problem = "revisions are recorded with a gap: '\(migrations.migrations[missing].revision)'"
                + " is missing below later ones"
            depth = 0
        } else {
            problem = nil
            depth = applied.count
        }
    }

    /// The last applied revision, `nil` at base.
    public var current: String? {
        problem == nil ? applied.max { $0.position < $1.position }?.revision : nil
    }
}

/// One row of a tenant's revision table.
public struct AppliedRevision: Sendable, Hashable {
    public let revision: String
    public let checksum: String?
    public let appliedAt: String?
    public let executionMilliseconds: Int?
    /// Position in the chain, for ordering; -1 when unknown.
    let position: Int
}

extension TenantState {
    /// Applied revisions whose recorded checksum differs from the SQL the
    /// migration renders today: the migration file was edited after it ran.
    public func editedRevisions(in migrations: MigrationSet) -> [String] {
        applied.compactMap { row in
            guard let migration = migrations.migration(row.revision),
                  let checksum = row.checksum, checksum != migration.checksum else { return nil }
            return row.revision
        }
    }
}
