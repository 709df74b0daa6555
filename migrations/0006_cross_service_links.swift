import DroverKit

/// Shared by the CRM and booking services: the link from a booking back
/// to the deal that produced it, an activity log every service writes to,
/// and the indexes behind the screens agents use most.
struct LinkServices: Migration {
    let revision = "0006_cross_service_links"
    let parent: String? = "0005_communication"
    let summary = "links: bookings to opportunities, activity log, list indexes"

    var upgrade: [Operation] {
        AddColumn("bookings", Column("opportunity_id", .integer).nullable()
            .references("opportunities", onDelete: .setNull))

        CreateTable("activity_log") {
            Column.bigID()
            // Who did it; a reserved word, so every statement must quote it.
            Column("user", .uuid).nullable().references("users", onDelete: .setNull)
            Column("subject_type", .string(50))
            Column("subject_id", .string(64))
            Column("action", .string(50))
            Column("details", .jsonb).default(.emptyObject)
            Column("created_at", .timestamptz).default(.now)
            Index(["subject_type", "subject_id", "created_at"])
        }

        // A customer's bookings, newest first.
        CreateIndex(on: "bookings", "customer_id", "created_at")
        // The agents' work lists only ever show rows that are not deleted.
        CreateIndex(on: "bookings", "status", where: "deleted_at IS NULL",
                    name: "bookings_live_status_idx")
        CreateIndex(on: "customers", "display_name", where: "deleted_at IS NULL",
                    name: "customers_live_name_idx")
        // One contact per address within a customer.
        AddUnique("contacts", "customer_id", "email")
    }
}
