import Testing
import DroverKit
import Migrations

/// The project's own `migrations/` folder, checked the way `drover` checks
/// it before touching a database.
@Suite struct RealMigrationsTests {
    private func compiled() throws -> MigrationSet {
        try MigrationSet(allMigrations)
    }

    @Test func theSetCompilesFromBaseToHead() throws {
        let set = try compiled()
        #expect((5...7).contains(set.migrations.count))
        #expect(set.migrations.first?.revision == "0001_system")
        #expect(set.migrations.first?.parent == nil)
        #expect(set.head == "0007_evolve_bookings")
        for (position, migration) in set.migrations.enumerated().dropFirst() {
            #expect(migration.parent == set.migrations[position - 1].revision)
        }
    }

    @Test func everyMigrationNamesTheFileThatDeclaresIt() throws {
        for migration in try compiled().migrations {
            #expect(migration.location.hasPrefix("migrations/\(migration.revision).swift:"),
                    "\(migration.revision) is declared in \(migration.location)")
        }
    }

    @Test func everyMigrationCanBeUndone() throws {
        for migration in try compiled().migrations {
            #expect(migration.isReversible,
                    "\(migration.revision): \(migration.irreversibleReason ?? "")")
            #expect(migration.downgrade?.isEmpty == false)
        }
    }

    @Test func headHoldsEveryServicesTables() throws {
        let head = try compiled().model(at: "0007_evolve_bookings")
        let expected = [
            "roles", "users", "settings",
            "customers", "contacts", "leads", "opportunities",
            "bookings", "itineraries", "itinerary_items", "passengers", "travel_documents",
            "payments", "invoices", "invoice_lines", "commissions",
            "message_templates", "email_messages", "sms_messages", "notifications",
            "activity_log",
        ]
        #expect(Set(head.tables.map(\.name)) == Set(expected))
        #expect(head.enumType(named: "booking_status")?.values
            == ["draft", "pending", "waitlisted", "confirmed", "ticketed", "completed",
                "cancelled"])
        let bookings = try #require(head.table(named: "bookings"))
        #expect(bookings.column(named: "channel")?.defaultValue == .string("web"))
        #expect(bookings.column(named: "opportunity_id")?.isNullable == true)
        let customers = try #require(head.table(named: "customers"))
        #expect(customers.indexes.contains {
            $0.name == "customers_live_email_key" && $0.isUnique && $0.predicate != nil
        })
    }

    @Test func bothKeyKindsAreUsed() throws {
        let head = try compiled().model(at: "0007_evolve_bookings")
        #expect(head.table(named: "bookings")?.column(named: "id")?.type == .uuid)
        #expect(head.table(named: "contacts")?.column(named: "id")?.isIdentity == true)
    }

    @Test func reservedAndMixedCaseNamesAreQuoted() throws {
        let set = try compiled()
        let booking = try #require(set.migration("0003_booking"))
        #expect(booking.upgrade.canonicalText.contains("\"order\" integer NOT NULL DEFAULT 0"))
        let financial = try #require(set.migration("0004_financial"))
        #expect(financial.upgrade.canonicalText.contains("\"externalRef\" character varying(100)"))
        let links = try #require(set.migration("0006_cross_service_links"))
        #expect(links.upgrade.canonicalText.contains("FOREIGN KEY (\"user\") REFERENCES"))
    }

    @Test func checksumsAreStableAndDistinct() throws {
        let first = try compiled().migrations.map(\.checksum)
        let second = try compiled().migrations.map(\.checksum)
        #expect(first == second)
        #expect(Set(first).count == first.count)
        #expect(first.allSatisfy { $0.count == 64 })
    }
}
