import Testing
@testable import DroverKit

/// Derived and explicit downgrades: each reversible operation's inverse,
/// and the check that a downgrade gives the parent's schema back.
@Suite struct DowngradeTests {
    private func inverse(of operation: Operation, on model: SchemaModel) throws -> [Operation] {
        try operation.inverse(before: model)
    }

    /// Applies `operation` and its inverse and checks the model is back.
    private func roundTrip(_ operation: Operation, on model: SchemaModel) throws {
        var changed = model
        try changed.apply(operation)
        #expect(changed != model, "\(operation) changed nothing")
        for step in try inverse(of: operation, on: model) { try changed.apply(step) }
        #expect(SchemaComparison.differences(expected: model, found: changed) == [])
    }

    @Test func tableOperations() throws {
        let model = try baseModel()
        let create = CreateTable("tags") { Column.id(); Column("label", .text) }.operations[0]
        #expect(try inverse(of: create, on: model) == [.dropTable("tags")])
        try roundTrip(create, on: model)

        let users = try #require(model.table(named: "users"))
        #expect(try inverse(of: .dropTable("users"), on: model) == [.createTable(users)])
        try roundTrip(.dropTable("users"), on: model)

        #expect(try inverse(of: .renameTable("roles", to: "groups"), on: model)
            == [.renameTable("groups", to: "roles")])
        try roundTrip(.renameTable("roles", to: "groups"), on: model)
    }

    @Test func columnOperations() throws {
        let model = try baseModel()
        let add = Operation.addColumn(table: "users", Column("age", .integer).nullable())
        #expect(try inverse(of: add, on: model) == [.dropColumn(table: "users", column: "age")])
        try roundTrip(add, on: model)

        #expect(try inverse(of: .renameColumn(table: "users", from: "email", to: "mail"),
                            on: model)
            == [.renameColumn(table: "users", from: "mail", to: "email")])
        try roundTrip(.renameColumn(table: "users", from: "email", to: "mail"), on: model)

        let alter = Operation.alterColumn(
            table: "users", column: "status",
            ColumnChange(isNullable: true, defaultChange: .drop))
        #expect(try inverse(of: alter, on: model) == [
            .alterColumn(table: "users", column: "status",
                         ColumnChange(isNullable: false, defaultChange: .set("invited"))),
        ])
        try roundTrip(alter, on: model)
        try roundTrip(.alterColumn(table: "users", column: "email",
                                   ColumnChange(type: .text)), on: model)
    }

    @Test func droppedColumnComesBackWithItsConstraintsAndIndexes() throws {
        let model = try baseModel()
        let steps = try inverse(of: .dropColumn(table: "users", column: "role_id"), on: model)
        let users = try #require(model.table(named: "users"))
        #expect(steps == [
            .addColumn(table: "users", try #require(users.column(named: "role_id"))),
            .addConstraint(table: "users", try #require(users.constraint(named: "users_role_id_fkey"))),
            .createIndex(table: "users", users.indexes[0], concurrently: false),
        ])
        try roundTrip(.dropColumn(table: "users", column: "role_id"), on: model)
    }

    @Test func indexAndConstraintOperations() throws {
        let model = try baseModel()
        let create = CreateIndex(on: "users", "email", unique: true, where: "email <> ''",
                                 concurrently: true).operations[0]
        #expect(try inverse(of: create, on: model)
            == [.dropIndex("users_email_idx", concurrently: true)])
        try roundTrip(create, on: model)

        let index = try #require(model.table(named: "users")?.indexes.first)
        #expect(try inverse(of: .dropIndex("users_role_id_idx", concurrently: false), on: model)
            == [.createIndex(table: "users", index, concurrently: false)])
        try roundTrip(.dropIndex("users_role_id_idx", concurrently: false), on: model)

        let check = AddCheck("users", "users_email_check", "email <> ''").operations[0]
        #expect(try inverse(of: check, on: model)
            == [.dropConstraint(table: "users", name: "users_email_check")])
        try roundTrip(check, on: model)
        try roundTrip(.dropConstraint(table: "users", name: "users_role_id_fkey"), on: model)
        try roundTrip(.dropConstraint(table: "roles", name: "roles_name_key"), on: model)
    }

    @Test func enumOperations() throws {
        let model = try baseModel()
        #expect(try inverse(of: .createEnum("e", values: ["a"]), on: model) == [.dropEnum("e")])
        try roundTrip(.createEnum("e", values: ["a"]), on: model)

        let add = Operation.addEnumValue(enum: "user_status", value: "disabled", before: "active")
        #expect(try inverse(of: add, on: model)
            == [.removeEnumValue(enum: "user_status", value: "disabled")])
        try roundTrip(add, on: model)

        // Removing a value is undone by putting it back where it was.
        let withValue = try modelAfter(model) { add }
        let remove = Operation.removeEnumValue(enum: "user_status", value: "disabled")
        #expect(try inverse(of: remove, on: withValue)
            == [.addEnumValue(enum: "user_status", value: "disabled", before: "active")])
        try roundTrip(remove, on: withValue)

        let unused = try modelAfter { CreateEnum("e", ["a", "b"]) }
        #expect(try inverse(of: .dropEnum("e"), on: unused) == [.createEnum("e", values: ["a", "b"])])
        try roundTrip(.dropEnum("e"), on: unused)
    }

    @Test func rawSQLWithADowngradeSwapsTheTwo() throws {
        #expect(try inverse(of: .raw("UP", downgrade: "DOWN"), on: SchemaModel())
            == [.raw("DOWN", downgrade: "UP")])
    }

    @Test func rawSQLWithoutADowngradeMakesTheMigrationIrreversible() throws {
        let set = try MigrationSet([
            TestMigration("0001", parent: nil) {
                CreateTable("t") { Column.id() }
                RawSQL("INSERT INTO t DEFAULT VALUES")
            }.registered(),
        ])
        let migration = try #require(set.migration("0001"))
        #expect(!migration.isReversible)
        #expect(migration.downgrade == nil)
        #expect(migration.irreversibleReason?.contains("raw SQL has no downgrade") == true)
    }

    @Test func declaredIrreversibleKeepsItsReason() throws {
        let set = try MigrationSet([
            TestMigration("0001", parent: nil,
                          downgrade: .irreversible("data is merged")) {
                CreateTable("t") { Column.id() }
            }.registered(),
        ])
        #expect(set.migration("0001")?.irreversibleReason == "data is merged")
        #expect(set.migration("0001")?.isReversible == false)
    }

    @Test func explicitDowngradeIsUsedInsteadOfTheDerivedOne() throws {
        let set = try MigrationSet([
            TestMigration("0001", parent: nil) {
                CreateTable("t") { Column.id(); Column("name", .text) }
            }.registered(),
            TestMigration("0002", parent: "0001",
                          downgrade: .operations {
                              RawSQL("UPDATE t SET name = lower(name)")
                              DropColumn("t", "slug")
                          }) {
                AddColumn("t", Column("slug", .text).default(""))
                RawSQL("UPDATE t SET slug = lower(name)")
            }.registered(),
        ])
        let migration = try #require(set.migration("0002"))
        #expect(migration.downgrade?.statements(forSchema: "s") == [
            "UPDATE t SET name = lower(name)",
            #"ALTER TABLE "s"."t" DROP COLUMN "slug""#,
        ])
    }

    @Test func wrongExplicitDowngradeIsRejected() {
        let error = #expect(throws: MigrationSetError.self) {
            try MigrationSet([
                TestMigration("0001", parent: nil) {
                    CreateTable("t") { Column.id() }
                }.registered(),
                TestMigration("0002", parent: "0001",
                              downgrade: .operations { RawSQL("SELECT 1") }) {
                    AddColumn("t", Column("slug", .text).nullable())
                }.registered(),
            ])
        }
        #expect(error?.problems == [
            "migrations/0002.swift:3: revision '0002': downgrade does not restore the"
                + " parent's schema: unexpected column: t.slug",
        ])
    }

    @Test func derivedDowngradeOfAWholeMigrationRunsInReverse() throws {
        let set = try MigrationSet([
            TestMigration("0001", parent: nil) {
                CreateEnum("e", ["a"])
                CreateTable("t") { Column.id(); Column("e", .enumeration("e")) }
                AddEnumValue("e", "b")
            }.registered(),
        ])
        #expect(set.migration("0001")?.downgrade?.statements(forSchema: "s") == [
            #"ALTER TYPE "s"."e" RENAME TO "e_drover_old""#,
            #"CREATE TYPE "s"."e" AS ENUM ('a')"#,
            #"ALTER TABLE "s"."t" ALTER COLUMN "e" TYPE "s"."e" USING "e"::text::"s"."e""#,
            #"DROP TYPE "s"."e_drover_old""#,
            #"DROP TABLE "s"."t""#,
            #"DROP TYPE "s"."e""#,
        ])
    }

    @Test func concurrentIndexNeedsANonTransactionalMigration() throws {
        let make = { (transactional: Bool) in
            [
                TestMigration("0001", parent: nil) {
                    CreateTable("t") { Column.id(); Column("x", .text) }
                }.registered(),
                TestMigration("0002", parent: "0001", transactional: transactional) {
                    CreateIndex(on: "t", "x", concurrently: true)
                }.registered(),
            ]
        }
        let error = #expect(throws: MigrationSetError.self) { try MigrationSet(make(true)) }
        #expect(error?.problems.first?.contains("isTransactional = false") == true)
        let set = try MigrationSet(make(false))
        #expect(set.migration("0002")?.isTransactional == false)
        #expect(set.migration("0002")?.downgrade?.statements(forSchema: "s")
            == [#"DROP INDEX CONCURRENTLY "s"."t_x_idx""#])
    }
}

@Suite struct ColumnDependentsTests {
    /// PostgreSQL drops a check and a partial index that only mention a
    /// column in their expressions; the model must too, and the derived
    /// downgrade must bring them back.
    @Test func droppingAColumnTakesExpressionDependentsAlongAndTheDowngradeRestoresThem() throws {
        var model = SchemaModel()
        try model.apply(.createTable(CreateTable("trips") {
            Column.id()
            Column("starts_on", .date)
            Column("ends_on", .date).nullable()
            Check("trips_dates_check", "ends_on >= starts_on")
            Index(["starts_on"], where: "ends_on IS NULL", name: "trips_open_idx")
        }.table))
        let drop = Operation.dropColumn(table: "trips", column: "ends_on")

        let inverse = try drop.inverse(before: model)
        var after = model
        try after.apply(drop)

        #expect(after.table(named: "trips")?.constraint(named: "trips_dates_check") == nil)
        #expect(after.table(named: "trips")?.indexes.contains { $0.name == "trips_open_idx" } == false)
        var restored = after
        for operation in inverse { try restored.apply(operation) }
        #expect(SchemaComparison.differences(expected: model, found: restored).isEmpty)
    }
}

@Suite struct ColumnRenameTests {
    @Test func renamesTheColumnInExpressionsButNotInLiterals() {
        #expect(ColumnRename.apply(to: "ends_on >= starts_on AND note <> 'ends_on'",
                                   from: "ends_on", to: "returns_on")
            == "\"returns_on\" >= starts_on AND note <> 'ends_on'")
        #expect(ColumnRename.apply(to: "\"Order\" > 0 AND order_total > 0", from: "Order", to: "Rank")
            == "\"Rank\" > 0 AND order_total > 0")
    }

    @Test func aRenamedColumnIsFollowedInChecksAndPredicates() throws {
        var model = SchemaModel()
        try model.apply(.createTable(CreateTable("trips") {
            Column.id()
            Column("ends_on", .date).nullable()
            Check("trips_end_check", "ends_on > '2000-01-01'")
            Index(["id"], where: "ends_on IS NULL", name: "trips_open_idx")
        }.table))

        try model.apply(.renameColumn(table: "trips", from: "ends_on", to: "returns_on"))

        let table = try #require(model.table(named: "trips"))
        #expect(table.constraint(named: "trips_end_check")?.kind
            == .check("\"returns_on\" > '2000-01-01'"))
        #expect(table.indexes.first { $0.name == "trips_open_idx" }?.predicate
            == "\"returns_on\" IS NULL")
    }
}

@Suite struct TypeChangeUndoTests {
    func model() throws -> SchemaModel {
        var model = SchemaModel()
        try model.apply(.createEnum("mood", values: ["calm", "busy"]))
        try model.apply(.createTable(CreateTable("days") {
            Column.id()
            Column("mood", .text)
            Column("note", .string(150))
        }.table))
        return model
    }

    @Test func undoingAChangeOfTypeFamilySpellsTheCastOut() throws {
        let change = Operation.alterColumn(table: "days", column: "mood",
                                           ColumnChange(type: .enumeration("mood"),
                                                        using: "mood::mood"))
        let inverse = try change.inverse(before: model())
        guard case .alterColumn(_, _, let undo) = inverse.first else {
            Issue.record("expected an alter column, got \(inverse)")
            return
        }
        #expect(undo.type == .text)
        #expect(undo.using == "\"mood\"::text")
    }

    @Test func undoingAWideningLeavesTheCastImplicitSoNothingIsCut() throws {
        let change = Operation.alterColumn(table: "days", column: "note",
                                           ColumnChange(type: .string(255)))
        let inverse = try change.inverse(before: model())
        guard case .alterColumn(_, _, let undo) = inverse.first else {
            Issue.record("expected an alter column, got \(inverse)")
            return
        }
        #expect(undo.type == .string(150))
        #expect(undo.using == nil)
    }
}
