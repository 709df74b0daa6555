/// The project's migrations, checked and compiled before any database is
/// touched: the chain from base to head, each migration's SQL, and the
/// expected schema at every revision.
public struct MigrationSet: Sendable {
    /// Base to head.
    public let migrations: [CompiledMigration]
    private let positions: [String: Int]

    /// Checks the revision graph and compiles every migration; all
    /// problems are reported together.
    public init(_ registered: [RegisteredMigration]) throws(MigrationSetError) {
        let ordered = try RevisionGraph.linearize(registered)
        var compiled: [CompiledMigration] = []
        var problems: [String] = []
        var model = SchemaModel()
        for entry in ordered {
            do {
                let migration = try MigrationCompiler(entry: entry, before: model).compile()
                model = migration.model
                compiled.append(migration)
            } catch {
                problems.append(error.message)
                break  // Later migrations build on a schema that is now unknown.
            }
        }
        if !problems.isEmpty { throw MigrationSetError(problems: problems) }
        migrations = compiled
        positions = Dictionary(uniqueKeysWithValues: compiled.enumerated().map {
            ($1.revision, $0)
        })
    }

    public var head: String? { migrations.last?.revision }

    /// Every relation (table, index, key) and type name that any
    /// revision's schema holds: names the revision table must not take.
    public var objectNames: Set<String> {
        var names = Set<String>()
        for migration in migrations {
            names.formUnion(migration.model.relationNames())
            names.formUnion(migration.model.enums.map(\.name))
        }
        return names
    }

    /// Position of `revision` in the chain, base = 0.
    public func position(of revision: String) -> Int? { positions[revision] }

    public func migration(_ revision: String) -> CompiledMigration? {
        positions[revision].map { migrations[$0] }
    }

    /// The expected schema at `revision` (`nil` is base: empty).
    public func model(at revision: String?) -> SchemaModel {
        guard let revision, let migration = migration(revision) else { return SchemaModel() }
        return migration.model
    }

    /// Number of migrations applied at `revision` (`nil` = base).
    public func depth(of revision: String?) -> Int {
        guard let revision, let position = positions[revision] else { return 0 }
        return position + 1
    }
}
