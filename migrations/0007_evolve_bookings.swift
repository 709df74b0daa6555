import DroverKit

/// Owned by the booking and CRM services: changes to tables that already
/// hold tenants' data. Each step is one an agency asked for.
struct EvolveBookings: Migration {
    let revision = "0007_evolve_bookings"
    let parent: String? = "0006_cross_service_links"
    let summary = "bookings get a sales channel and a waitlist; customers get loyalty points"

    var upgrade: [Operation] {
        // Existing bookings were all made on the website.
        AddColumn("bookings", Column("channel", .string(20)).default("web"))
        AddColumn("customers", Column("loyalty_points", .integer).default(0)
            .check("loyalty_points >= 0"))

        // Sold-out departures: the booking waits for a seat to free up.
        AddEnumValue("booking_status", "waitlisted", before: "confirmed")

        // Customers are found by e-mail from now on. Tenants that imported
        // the same customer twice hold duplicates, and this step fails there
        // until they merge them.
        CreateIndex(on: "customers", "email", unique: true,
                    where: "deleted_at IS NULL AND email IS NOT NULL",
                    name: "customers_live_email_key")

        // Supplier names from the new hotel feed are longer.
        AlterColumn("itinerary_items", "supplier", type: .string(255))
    }
}
