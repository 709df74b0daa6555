import DroverKit

/// Owned by the booking service: what a customer has booked, the trip
/// plan behind it, who travels and on which papers.
struct CreateBookingTables: Migration {
    let revision = "0003_booking"
    let parent: String? = "0002_crm"
    let summary = "booking: bookings, itineraries, passengers and travel documents"

    var upgrade: [Operation] {
        CreateEnum("booking_status",
                   ["draft", "pending", "confirmed", "ticketed", "completed", "cancelled"])
        CreateEnum("itinerary_item_type",
                   ["flight", "hotel", "car", "tour", "transfer", "cruise", "insurance"])
        CreateEnum("document_type", ["passport", "national_id", "visa", "driving_licence"])

        CreateTable("bookings") {
            Column.uuidID()
            Column("reference", .string(20)).unique()
            // Bookings are financial records: a customer with bookings stays.
            Column("customer_id", .uuid).references("customers", onDelete: .restrict)
            Column("agent_id", .uuid).nullable().references("users", onDelete: .setNull)
            Column("status", .enumeration("booking_status")).default("draft")
            Column("total", .money).default(.decimal("0.00")).check("total >= 0")
            Column("currency", .string(3)).default("EUR")
            Column("metadata", .jsonb).default(.emptyObject)
            Timestamps()
            SoftDeletes()
        }

        CreateTable("itineraries") {
            Column.id()
            Column("booking_id", .uuid).references("bookings", onDelete: .cascade)
            Column("title", .string(200))
            Column("starts_on", .date)
            Column("ends_on", .date)
            Check("itineraries_dates_check", "ends_on >= starts_on")
            Timestamps()
        }

        CreateTable("itinerary_items") {
            Column.bigID()
            // Indexed by (itinerary_id, "order") below.
            Column("itinerary_id", .integer)
                .references("itineraries", onDelete: .cascade, indexed: false)
            Column("item_type", .enumeration("itinerary_item_type"))
            // Position within the itinerary; a reserved word, quoted everywhere.
            Column("order", .integer).default(0)
            Column("description", .text)
            Column("supplier", .string(150)).nullable()
            Column("confirmation_code", .string(50)).nullable()
            Column("starts_at", .timestamptz)
            Column("ends_at", .timestamptz).nullable()
            Column("price", .money).default(.decimal("0.00"))
            Column("currency", .string(3)).default("EUR")
            Check("itinerary_items_times_check", "ends_at IS NULL OR ends_at >= starts_at")
            Index(["itinerary_id", "order"])
            Timestamps()
        }

        CreateTable("passengers") {
            Column.id()
            Column("booking_id", .uuid).references("bookings", onDelete: .cascade)
            Column("first_name", .string(100))
            Column("last_name", .string(100))
            Column("date_of_birth", .date).nullable()
            Column("email", .string(255)).nullable()
            Timestamps()
        }

        CreateTable("travel_documents") {
            Column.id()
            // Indexed by the unique constraint below, which starts with it.
            Column("passenger_id", .integer)
                .references("passengers", onDelete: .cascade, indexed: false)
            Column("document_type", .enumeration("document_type"))
            Column("number", .string(50))
            Column("issuing_country", .string(2))
            Column("expires_on", .date)
            Unique("passenger_id", "document_type", "number")
            Timestamps()
        }
    }
}
