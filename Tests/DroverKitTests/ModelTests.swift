import Testing
@testable import DroverKit

/// The schema model: what each operation does to the expected schema, and
/// the mistakes it refuses before any database sees them.
@Suite struct ModelTests {
    private func failure(_ model: SchemaModel,
                         @OperationsBuilder _ body: () -> [Operation]) -> String? {
        var model = model
        do {
            for operation in body() { try model.apply(operation) }
            return nil
        } catch {
            return error.message
        }
    }

    @Test func createTableRecordsColumnsConstraintsAndIndexes() throws {
        let model = try baseModel()
        let users = try #require(model.table(named: "users"))
        #expect(users.columns.map(\.name) == ["id", "role_id", "email", "status"])
        #expect(users.primaryKeyColumns == ["id"])
        #expect(users.constraint(named: "users_role_id_fkey") != nil)
        #expect(users.indexes.map(\.name) == ["users_role_id_idx"])
        #expect(model.enumType(named: "user_status")?.values == ["invited", "active"])
        #expect(model.tables.map(\.name) == ["roles", "users"])
    }

    @Test func duplicateTable() throws {
        let message = failure(try baseModel()) {
            CreateTable("users") { Column("x", .text) }
        }
        #expect(message?.contains("table 'users' already exists") == true)
    }

    @Test func indexesTablesAndUniqueConstraintsShareOneNamespace() throws {
        let message = failure(try baseModel()) {
            CreateIndex(on: "users", "email", name: "roles_name_key")
        }
        #expect(message?.contains("'roles_name_key' already exists") == true)
    }

    @Test func missingTableAndColumn() throws {
        let model = try baseModel()
        #expect(failure(model) { DropColumn("users", "nope") }
            == "column 'nope' does not exist in table 'users'")
        #expect(failure(model) { CreateIndex(on: "users", "nope") }
            == "column 'nope' does not exist in table 'users'")
        #expect(failure(model) { AlterColumn("users", "nope", nullable: true) }
            == "column 'nope' does not exist in table 'users'")
        #expect(failure(model) { AddColumn("ghosts", Column("x", .text)) }
            == "table 'ghosts' does not exist")
        #expect(failure(model) {
            CreateTable("t") { Column("r", .integer).references("roles", "nope") }
        } == "column 'nope' does not exist in table 'roles'")
    }

    @Test func droppingAReferencedTableOrColumn() throws {
        let model = try baseModel()
        #expect(failure(model) { DropTable("roles") }
            == "cannot drop table 'roles': foreign key 'users_role_id_fkey' of table 'users' refers to it")
        #expect(failure(model) { DropColumn("roles", "id") }?
            .contains("foreign key 'users_role_id_fkey'") == true)
        // Once the referencing table is gone, the drop is fine.
        #expect(failure(model) { DropTable("users"); DropTable("roles") } == nil)
    }

    @Test func foreignKeyNeedsAUniqueKeyOnTheReferencedColumns() throws {
        let model = try baseModel()
        #expect(failure(model) {
            CreateTable("t") { Column("mail", .string(255)).references("users", "email") }
        } == "foreign key 't_mail_fkey' refers to users (email), which has no primary key"
            + " or unique constraint on exactly those columns")
        // A unique constraint or a full unique index will do.
        #expect(failure(model) {
            AddUnique("users", "email")
            CreateTable("t") { Column("mail", .string(255)).references("users", "email") }
        } == nil)
        #expect(failure(model) {
            CreateIndex(on: "users", "email", unique: true)
            CreateTable("t") { Column("mail", .string(255)).references("users", "email") }
        } == nil)
        #expect(failure(model) {
            CreateIndex(on: "users", "email", unique: true, where: "email <> ''")
            CreateTable("t") { Column("mail", .string(255)).references("users", "email") }
        } != nil)
    }

    @Test func selfReferenceDeclaredBeforeThePrimaryKey() throws {
        let model = try modelAfter {
            CreateTable("nodes") {
                Column("parent_id", .integer).nullable().references("nodes")
                Column.id()
            }
        }
        #expect(model.table(named: "nodes")?.constraint(named: "nodes_parent_id_fkey") != nil)
    }

    @Test func droppingAColumnThatTheTableItselfRefersTo() throws {
        let model = try modelAfter {
            CreateTable("nodes") {
                Column.id()
                Column("parent_id", .integer).nullable().references("nodes")
            }
        }
        #expect(failure(model) { DropColumn("nodes", "id") }
            == "cannot drop column 'nodes.id': foreign key 'nodes_parent_id_fkey'"
            + " of table 'nodes' refers to it")
        #expect(failure(model) { DropColumn("nodes", "parent_id") } == nil)
    }

    @Test func enumInUse() throws {
        let model = try baseModel()
        #expect(failure(model) { DropEnum("user_status") }
            == "cannot drop enum 'user_status': column 'users.status' uses it")
        #expect(failure(model) { CreateTable("t") { Column("s", .enumeration("nope")) } }
            == "column 't.s' uses enum 'nope', which does not exist")
        #expect(failure(model) { AddEnumValue("user_status", "active") }
            == "enum 'user_status' already has the value 'active'")
        #expect(failure(model) { AddEnumValue("user_status", "x", before: "nope") }
            == "enum 'user_status' has no value 'nope'")
        #expect(failure(model) { CreateEnum("dup", ["a", "a"]) }
            == "enum 'dup' lists a value twice")
    }

    @Test func namesLongerThan63BytesAreRefused() throws {
        let name63 = String(repeating: "t", count: 63)
        let name64 = String(repeating: "t", count: 64)
        #expect(failure(SchemaModel()) { CreateTable(name63) { Column("c", .text) } } == nil)
        #expect(failure(SchemaModel()) { CreateTable(name64) { Column("c", .text) } }?
            .contains("is 64 bytes long") == true)
        #expect(failure(SchemaModel()) { CreateTable("t") { Column(name64, .text) } }?
            .contains("column name") == true)
        #expect(failure(try baseModel()) { RenameColumn("users", "email", to: name64) }?
            .contains("is 64 bytes long") == true)
        // A default name built from a long table and column is checked too.
        let long = String(repeating: "a", count: 40)
        #expect(failure(SchemaModel()) {
            CreateTable(long) { Column(long, .text).unique() }
        }?.contains("constraint name") == true)
    }

    @Test func declarationMistakesInsideCreateTable() {
        #expect(failure(SchemaModel()) {
            CreateTable("t") { Column("a", .text); Column("a", .integer) }
        } == "table 't': column 'a' is declared twice")
        #expect(failure(SchemaModel()) {
            CreateTable("t") { Column.id(); PrimaryKey("id") }
        } == "table 't': more than one primary key")
        #expect(failure(SchemaModel()) {
            CreateTable("t") { Column("a", .text).identity() }
        } == "table 't': column 'a': identity needs smallint, integer or bigint")
        #expect(failure(SchemaModel()) { CreateTable("t") {} } == "table 't' has no columns")
    }

    @Test func renamingAColumnFollowsItIntoConstraintsIndexesAndReferences() throws {
        let model = try modelAfter(baseModel()) {
            RenameColumn("roles", "id", to: "role_key")
            RenameColumn("users", "role_id", to: "role_key")
        }
        let roles = try #require(model.table(named: "roles"))
        #expect(roles.primaryKeyColumns == ["role_key"])
        let users = try #require(model.table(named: "users"))
        #expect(users.indexes.first?.columns == ["role_key"])
        guard case .foreignKey(let key)? = users.constraint(named: "users_role_id_fkey")?.kind
        else { Issue.record("foreign key lost"); return }
        #expect(key.columns == ["role_key"])
        #expect(key.referencedColumns == ["role_key"])
    }

    @Test func renamingATableFollowsItIntoReferences() throws {
        let model = try modelAfter(baseModel()) { RenameTable("roles", to: "groups") }
        #expect(model.table(named: "roles") == nil)
        guard case .foreignKey(let key)? =
            model.table(named: "users")?.constraint(named: "users_role_id_fkey")?.kind
        else { Issue.record("foreign key lost"); return }
        #expect(key.referencedTable == "groups")
        // PostgreSQL keeps the old constraint names, and so does the model.
        #expect(model.table(named: "groups")?.constraint(named: "roles_pkey") != nil)
    }

    @Test func droppingAColumnDropsWhatUsesIt() throws {
        let model = try modelAfter(baseModel()) {
            CreateIndex(on: "users", "email", "status")
            AddUnique("users", "email")
            DropColumn("users", "email")
        }
        let users = try #require(model.table(named: "users"))
        #expect(users.column(named: "email") == nil)
        #expect(!users.indexes.contains { $0.columns.contains("email") })
        #expect(users.constraint(named: "users_email_key") == nil)
        #expect(users.constraint(named: "users_role_id_fkey") != nil)
    }

    @Test func enumValueGoesBeforeTheNamedOne() throws {
        let model = try modelAfter(baseModel()) {
            AddEnumValue("user_status", "pending", before: "active")
            AddEnumValue("user_status", "disabled")
        }
        #expect(model.enumType(named: "user_status")?.values
            == ["invited", "pending", "active", "disabled"])
    }

    @Test func alterColumnChangesOnlyWhatItNames() throws {
        let model = try modelAfter(baseModel()) {
            AlterColumn("users", "email", type: .text, nullable: true)
            AlterColumn("users", "status", default: .drop)
        }
        let users = try #require(model.table(named: "users"))
        #expect(users.column(named: "email")?.type == .text)
        #expect(users.column(named: "email")?.isNullable == true)
        #expect(users.column(named: "status")?.defaultValue == nil)
        #expect(users.column(named: "status")?.isNullable == false)
        #expect(failure(model) { AlterColumn("users", "email") }
            == "alter column 'users.email' changes nothing")
    }

    @Test func invalidTypes() {
        #expect(failure(SchemaModel()) { CreateTable("t") { Column("s", .string(0)) } }
            == "column 't.s': string length must be positive")
        #expect(failure(SchemaModel()) { CreateTable("t") { Column("d", .decimal(2, 5)) } }
            == "column 't.d': decimal(2, 5) is not valid")
    }

    @Test func rawSQLLeavesTheModelAlone() throws {
        let before = try baseModel()
        let after = try modelAfter(before) { RawSQL("DROP TABLE users") }
        #expect(after == before)
    }
}

/// Column declarations PostgreSQL refuses or silently changes.
@Suite struct ColumnDeclarationTests {
    private func failure(@OperationsBuilder _ body: () -> [Operation]) -> String? {
        var model = SchemaModel()
        do {
            for operation in body() { try model.apply(operation) }
            return nil
        } catch {
            return error.message
        }
    }

    @Test func identityWithADefaultIsRefused() {
        #expect(failure { CreateTable("t") { Column("id", .integer).identity().default(1) } }
            == "column 't.id': an identity column cannot have a default")
    }

    @Test func nullableIdentityIsRefused() {
        // PostgreSQL would make it NOT NULL anyway, and the model would drift.
        #expect(failure { CreateTable("t") { Column("id", .bigint).identity().nullable() } }
            == "column 't.id': an identity column cannot be nullable")
    }

    @Test func enumDefaultMustBeOneOfItsValues() {
        #expect(failure {
            CreateEnum("status", ["open", "closed"])
            CreateTable("t") { Column("s", .enumeration("status")).default("pending") }
        } == "column 't.s': default 'pending' is not a value of enum 'status'")
        #expect(failure {
            CreateEnum("status", ["open", "closed"])
            CreateTable("t") { Column("s", .enumeration("status")).default("open") }
            AlterColumn("t", "s", default: .set("gone"))
        } == "column 't.s': default 'gone' is not a value of enum 'status'")
    }

    @Test func enumValueThatIsADefaultCannotBeRemoved() {
        #expect(failure {
            CreateEnum("status", ["open", "closed"])
            CreateTable("t") { Column("s", .enumeration("status")).default("closed") }
            Operation.removeEnumValue(enum: "status", value: "closed")
        } == "enum 'status' cannot lose the value 'closed': it is the default of column 't.s'")
    }
}

@Suite struct ModelRefusalsTests {
    func accountsAndOrders() throws -> SchemaModel {
        var model = SchemaModel()
        try model.apply(.createTable(CreateTable("accounts") {
            Column.uuidID()
            Column("code", .string(20)).unique()
        }.table))
        try model.apply(.createTable(CreateTable("orders") {
            Column.id()
            Column("account_code", .string(20)).references("accounts", "code")
        }.table))
        return model
    }

    @Test func aForeignKeyBetweenTypesThatDoNotCompareIsRefused() throws {
        var model = try accountsAndOrders()
        #expect(throws: ModelError.self) {
            try model.apply(.createTable(CreateTable("invoices") {
                Column.id()
                Column("account_id", .integer).references("accounts")
            }.table))
        }
    }

    @Test func theUniqueKeyAForeignKeyUsesCannotBeDropped() throws {
        var model = try accountsAndOrders()
        #expect(throws: ModelError.self) {
            try model.apply(.dropConstraint(table: "accounts", name: "accounts_code_key"))
        }
    }

    @Test func aPrimaryKeyColumnCannotBecomeNullable() throws {
        var model = try accountsAndOrders()
        #expect(throws: ModelError.self) {
            try model.apply(.alterColumn(table: "orders", column: "id",
                                         ColumnChange(isNullable: true)))
        }
        // Widening an integer key to bigint is fine.
        try model.apply(.alterColumn(table: "orders", column: "id", ColumnChange(type: .bigint)))
    }
}
