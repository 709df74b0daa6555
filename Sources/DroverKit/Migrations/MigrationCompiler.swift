/// Renders one migration against the schema its parent leaves, and checks
/// that its downgrade gives that schema back.
struct MigrationCompiler {
    let entry: RegisteredMigration
    let before: SchemaModel

    struct Failure: Error {
        var message: String
    }

    private var migration: any Migration { entry.migration }

    private func failure(_ message: String) -> Failure {
        Failure(message: "\(entry.location): revision '\(migration.revision)': \(message)")
    }

    func compile() throws(Failure) -> CompiledMigration {
        let summary = migration.summary
        if summary.contains("\n") || summary.utf8.contains(0) {
            throw failure("summary must be one line")
        }
        let operations = migration.upgrade
        if operations.isEmpty { throw failure("upgrade has no steps") }
        try checkTransactionMode(of: operations)

        let (upgrade, after, modelsBefore) = try render(operations, from: before)
        let downgrade = try compileDowngrade(operations, modelsBefore: modelsBefore,
                                             after: after)
        return CompiledMigration(
            revision: migration.revision, parent: migration.parent, summary: summary,
            location: entry.location, isTransactional: migration.isTransactional,
            upgrade: upgrade, downgrade: downgrade.template,
            irreversibleReason: downgrade.reason,
            isMarkedIrreversible: { if case .irreversible = migration.downgrade { true } else { false } }(),
            containsRawSQL: operations.contains { if case .raw = $0 { true } else { false } },
            onlyCreates: operations.allSatisfy(\.onlyCreates),
            checksum: SHA256.hex(of: upgrade.canonicalText),
            createdObjects: operations.flatMap(\.createdObjects), model: after)
    }

    /// Renders `operations` one by one, each against the schema just before
    /// it, and returns the SQL, the resulting schema and those schemas.
    private func render(_ operations: [Operation], from start: SchemaModel) throws(Failure)
        -> (SQLTemplate, SchemaModel, [SchemaModel])
    {
        var model = start
        var statements: [String] = []
        var modelsBefore: [SchemaModel] = []
        for operation in operations {
            modelsBefore.append(model)
            statements += SQLRenderer(model: model).render(operation)
            do {
                try model.apply(operation)
            } catch {
                throw failure(error.message)
            }
        }
        return (SQLTemplate(statements: statements), model, modelsBefore)
    }

    private func compileDowngrade(
        _ operations: [Operation], modelsBefore: [SchemaModel], after: SchemaModel
    ) throws(Failure) -> (template: SQLTemplate?, reason: String?) {
        var inverse: [Operation] = []
        switch migration.downgrade {
        case .irreversible(let reason):
            return (nil, reason)
        case .explicit(let steps):
            inverse = steps
        case .derived:
            for (operation, model) in zip(operations, modelsBefore).reversed() {
                do {
                    inverse += try operation.inverse(before: model)
                } catch {
                    return (nil, "\(error.message): give an explicit downgrade"
                        + " or mark the migration irreversible")
                }
            }
        }
        if inverse.isEmpty { throw failure("downgrade has no steps") }
        try checkTransactionMode(of: inverse)
        let (template, restored, _) = try render(inverse, from: after)
        if let difference = SchemaComparison.firstDifference(restored, before) {
            throw failure("downgrade does not restore the parent's schema: \(difference)")
        }
        return (template, nil)
    }

    private func checkTransactionMode(of operations: [Operation]) throws(Failure) {
        if migration.isTransactional, operations.contains(where: \.needsAutocommit) {
            throw failure("CONCURRENTLY cannot run inside a transaction;"
                + " declare `let isTransactional = false`")
        }
    }
}
