@testable import DroverKit
import Foundation
import Migrations
import Testing

/// The live schema read from the catalog against the model the migrations
/// describe: equal when nobody touched the tenant, each hand change found.
@Suite struct IntrospectionTests {
    let migrations = try! MigrationSet(allMigrations)
    let revisionTable = "drover_revisions"

    // MARK: Helpers

    private func live(_ scenario: Scenario, _ tenants: [String]) throws -> [String: SchemaModel] {
        try LiveSchemaReader(connection: TestDatabase.connect())
            .read(tenants.map(scenario.schema), revisionTable: revisionTable)
    }

    private func live(_ scenario: Scenario, _ tenant: String) throws -> SchemaModel {
        try #require(live(scenario, [tenant])[scenario.schema(tenant)])
    }

    private func differences(_ expected: SchemaModel, _ found: SchemaModel) -> [SchemaDifference] {
        SchemaComparison.differences(expected: expected, found: found)
    }

    private func listed(_ differences: [SchemaDifference]) -> String {
        differences.map { "  " + $0.description }.joined(separator: "\n")
    }

    /// A tenant of `scenario` upgraded to the head of the real migrations,
    /// and that head's model.
    private func upgradedTenant(_ scenario: Scenario) throws -> SchemaModel {
        try scenario.createTenants(["a"])
        let report = try scenario.engine(allMigrations).upgrade()
        #expect(report.migrated == 1)
        return migrations.model(at: migrations.head)
    }

    private func qualified(_ scenario: Scenario, _ name: String) -> String {
        SQLIdentifier.qualified(scenario.schema("a"), name)
    }

    // MARK: Untouched tenants

    @Test func tenantAtHeadMatchesTheModel() throws {
        let scenario = try Scenario("isame")
        let expected = try upgradedTenant(scenario)

        let found = try live(scenario, "a")

        #expect(!found.tables.isEmpty)
        #expect(found.tables.count == expected.tables.count)
        let found_ = differences(expected, found)
        #expect(found_.isEmpty, "differences at head:\n\(listed(found_))")
    }

    @Test func tenantMatchesTheModelAtEveryRevision() throws {
        try checkEveryRevision(of: allMigrations, tag: "isteps")
    }

    @Test func richerChainMatchesTheModelAtEveryRevision() throws {
        try checkEveryRevision(of: Self.richChain.registered, tag: "irich")
    }

    private func checkEveryRevision(of registered: [RegisteredMigration], tag: String) throws {
        let set = try MigrationSet(registered)
        let scenario = try Scenario(tag)
        try scenario.createTenants(["a"])
        let engine = try scenario.engine(registered)
        for migration in set.migrations {
            let report = try engine.upgrade(to: .relative(1))
            #expect(report.migrated == 1, "\(migration.revision): \(report.outcomes)")
            let found = try live(scenario, "a")
            let differences = differences(set.model(at: migration.revision), found)
            #expect(differences.isEmpty,
                    "differences at \(migration.revision):\n\(listed(differences))")
        }
        #expect(try scenario.revisions(of: "a") == set.migrations.map(\.revision))
    }

    /// Defaults, checks, partial indexes and types the real set may not
    /// use yet, each in the spelling an author would write.
    static let richChain: [TestMigration] = [
        TestMigration("r1_catalog", parent: nil) {
            CreateEnum("order_status", ["draft", "placed", "shipped"])
            CreateTable("products") {
                Column.id()
                Column("name", .string(120)).unique()
                Column("price", .money).default(.decimal("0.00"))
                Column("weight", .decimal(8, 3)).default(.decimal("-1.5"))
                Column("quantity", .integer).default(1).check("quantity > 0")
                Column("stock", .bigint).default(5_000_000_000)
                Column("rank", .smallint).default(-1)
                Column("active", .boolean).default(true)
                Column("code", .uuid).default(.randomUUID)
                Column("tags", .jsonb).default(.emptyArray)
                Column("label", .text).default("it's \"new\"")
                Column("path", .text).default("C:\\temp")
                Column("released_on", .date).nullable()
                Column("address", .custom("inet")).nullable()
                Check("products_price_positive", "price >= 0 AND price < 100000")
                Timestamps()
                SoftDeletes()
            }
        },
        TestMigration("r2_orders", parent: "r1_catalog") {
            CreateTable("orders") {
                Column.bigID()
                Column("product_id", .integer).references("products", onDelete: .cascade,
                                                          onUpdate: .restrict)
                Column("status", .enumeration("order_status")).default("draft")
                Column("note", .string(200)).nullable()
                Column("placed_at", .timestamptz).default(.now)
                Check("orders_note_not_blank", "length(note) > 0")
                SoftDeletes()
            }
            CreateIndex(on: "orders", "status", where: "deleted_at IS NULL")
            CreateIndex(on: "orders", "product_id", "placed_at", unique: true,
                        where: "status <> 'draft'", name: "orders_one_live_per_product")
        },
        TestMigration("r3_changes", parent: "r2_orders") {
            AddEnumValue("order_status", "cancelled", before: "shipped")
            AddColumn("orders", Column("discount", .decimal(5, 2)).default(.decimal("0")))
            AlterColumn("products", "name", type: .string(150))
            AddUnique("orders", "product_id", "note")
            AddCheck("orders", "orders_discount_range", "discount BETWEEN 0 AND 100")
            AddCheck("orders", "orders_status_known", "status IN ('draft', 'placed', 'shipped')")
            AddCheck("orders", "orders_note_allowed",
                     "note IS NULL OR note NOT IN ('x', 'y') AND note != 'z'")
            AddCheck("products", "products_weight_range", "weight NOT BETWEEN -10 AND -5")
        },
    ]

    // MARK: Hand changes

    @Test func handChangesAreFoundWithTheirKind() throws {
        let scenario = try Scenario("ihand")
        try scenario.createTenants(["a"])
        let registered = Self.richChain.registered
        let set = try MigrationSet(registered)
        _ = try scenario.engine(registered).upgrade()
        let expected = set.model(at: set.head)
        #expect(differences(expected, try live(scenario, "a")).isEmpty)

        let products = qualified(scenario, "products")
        let orders = qualified(scenario, "orders")
        try scenario.sql("""
            ALTER TABLE \(products) ALTER COLUMN name TYPE varchar(200);
            ALTER TABLE \(products) ALTER COLUMN price DROP NOT NULL;
            ALTER TABLE \(products) ALTER COLUMN quantity SET DEFAULT 2;
            DROP INDEX \(qualified(scenario, "orders_status_idx"));
            CREATE TABLE \(qualified(scenario, "scratch")) (id integer);
            ALTER TABLE \(orders) ADD COLUMN extra text;
            ALTER TYPE \(qualified(scenario, "order_status")) ADD VALUE 'returned';
            ALTER TABLE \(products) DROP CONSTRAINT products_quantity_check;
            ALTER TABLE \(orders) DROP CONSTRAINT orders_product_id_fkey,
                ADD CONSTRAINT orders_product_id_fkey FOREIGN KEY (product_id)
                    REFERENCES \(products) (id) ON DELETE SET NULL ON UPDATE RESTRICT;
            """)

        let found = differences(expected, try live(scenario, "a"))
        let pairs = Set(found.map { "\($0.kind.rawValue) | \($0.object)" })
        let wanted: Set<String> = [
            "type mismatch | products.name",
            "nullability mismatch | products.price",
            "default mismatch | products.quantity",
            "missing index | orders_status_idx on orders",
            "unexpected table | scratch",
            "unexpected column | orders.extra",
            "enum values mismatch | order_status",
            "missing constraint | products_quantity_check on products",
            "constraint mismatch | orders_product_id_fkey on orders",
        ]
        #expect(pairs == wanted, "differences:\n\(listed(found))")

        let type = found.first { $0.kind == .typeMismatch }
        #expect(type?.expected == "character varying(150)")
        #expect(type?.found == "character varying(200)")
        let key = found.first { $0.kind == .constraintMismatch }
        #expect(key?.expected?.contains("on delete cascade") == true)
        #expect(key?.found?.contains("on delete set null") == true)
        let values = found.first { $0.kind == .enumValuesMismatch }
        #expect(values?.found == "draft, placed, cancelled, shipped, returned")
    }

    @Test func smallChangesStayVisible() throws {
        let scenario = try Scenario("ismall")
        let expected = try upgradedTenant(scenario)
        let roles = qualified(scenario, "roles")
        let users = qualified(scenario, "users")
        try scenario.sql("""
            ALTER TABLE \(roles) ALTER COLUMN name TYPE varchar(51);
            ALTER TABLE \(roles) ALTER COLUMN permissions SET DEFAULT '{}'::jsonb;
            ALTER TABLE \(users) ALTER COLUMN status SET DEFAULT 'active';
            ALTER TABLE \(users) ALTER COLUMN created_at SET DEFAULT clock_timestamp();
            DROP INDEX \(qualified(scenario, "users_role_id_idx"));
            CREATE INDEX users_role_id_idx ON \(users) (lower(email::text));
            """)

        let found = differences(expected, try live(scenario, "a"))

        let pairs = Set(found.map { "\($0.kind.rawValue) | \($0.object)" })
        #expect(pairs == ["type mismatch | roles.name",
                          "default mismatch | roles.permissions",
                          "default mismatch | users.status",
                          "default mismatch | users.created_at",
                          "index mismatch | users_role_id_idx on users"],
                "differences:\n\(listed(found))")
    }

    // MARK: Several schemas

    @Test func severalSchemasInOneCallEachGetTheirOwnModel() throws {
        let scenario = try Scenario("imany")
        try scenario.createTenants(["a", "b", "c"])
        _ = try scenario.engine(allMigrations).upgrade()
        try scenario.sql("""
            CREATE TABLE \(SQLIdentifier.qualified(scenario.schema("b"), "only_b")) (x integer);
            DROP TABLE \(SQLIdentifier.qualified(scenario.schema("c"), "settings"));
            """)
        let head = migrations.model(at: migrations.head)

        let models = try live(scenario, ["a", "b", "c", "missing"])

        #expect(Set(models.keys) == Set(["a", "b", "c", "missing"].map(scenario.schema)))
        for model in models.values {
            #expect(model.table(named: revisionTable) == nil)
        }
        #expect(differences(head, try #require(models[scenario.schema("a")])).isEmpty)
        #expect(differences(head, try #require(models[scenario.schema("b")]))
                == [SchemaDifference(.unexpectedTable, "only_b")])
        #expect(differences(head, try #require(models[scenario.schema("c")]))
                == [SchemaDifference(.missingTable, "settings")])
        #expect(models[scenario.schema("missing")]?.isEmpty == true)
    }

    // MARK: Custom types

    @Test func customColumnTypeRoundTrips() throws {
        let chain = [TestMigration("c1_hosts", parent: nil) {
            CreateTable("hosts") {
                Column.id()
                Column("address", .custom("inet"))
                Column("aliases", .custom("text[]")).nullable()
            }
        }]
        let scenario = try Scenario("icustom")
        try scenario.createTenants(["a"])
        let set = try MigrationSet(chain.registered)
        _ = try scenario.engine(chain.registered).upgrade()

        let found = try live(scenario, "a")

        let hosts = try #require(found.table(named: "hosts"))
        #expect(hosts.column(named: "address")?.type == .custom("inet"))
        #expect(hosts.column(named: "aliases")?.type == .custom("text[]"))
        #expect(differences(set.model(at: set.head), found).isEmpty)
        let typeName = try scenario.values("""
            SELECT format_type(atttypid, atttypmod) FROM pg_attribute
            WHERE attrelid = '\(qualified(scenario, "hosts"))'::regclass AND attname = 'address'
            """)
        #expect(typeName == ["inet"])
    }
}
