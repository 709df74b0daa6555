import DroverKit

/// Owned by the communication service: what we say to customers by mail
/// and text, and what we tell our own staff inside the application.
struct CreateCommunicationTables: Migration {
    let revision = "0005_communication"
    let parent: String? = "0004_financial"
    let summary = "communication: templates, e-mail, SMS and notifications"

    var upgrade: [Operation] {
        CreateEnum("message_channel", ["email", "sms", "push", "in_app"])
        CreateEnum("message_status", ["queued", "sent", "delivered", "failed", "bounced"])

        CreateTable("message_templates") {
            Column.id()
            Column("key", .string(100))
            Column("channel", .enumeration("message_channel"))
            Column("locale", .string(10)).default("en")
            Column("subject", .string(255)).nullable()
            Column("body", .text)
            Unique("key", "channel", "locale")
            Timestamps()
        }

        CreateTable("email_messages") {
            Column.uuidID()
            Column("template_id", .integer).nullable()
                .references("message_templates", onDelete: .setNull)
            Column("customer_id", .uuid).nullable().references("customers", onDelete: .setNull)
            Column("booking_id", .uuid).nullable().references("bookings", onDelete: .setNull)
            Column("to_address", .string(255))
            Column("subject", .string(255))
            Column("body", .text)
            Column("status", .enumeration("message_status")).default("queued")
            Column("sent_at", .timestamptz).nullable()
            Column("error", .text).nullable()
            Timestamps()
        }

        CreateTable("sms_messages") {
            Column.uuidID()
            Column("template_id", .integer).nullable()
                .references("message_templates", onDelete: .setNull)
            Column("customer_id", .uuid).nullable().references("customers", onDelete: .setNull)
            Column("to_number", .string(20))
            Column("body", .text)
            Column("status", .enumeration("message_status")).default("queued")
            Column("provider_message_id", .string(100)).nullable()
            Column("sent_at", .timestamptz).nullable()
            Timestamps()
        }

        CreateTable("notifications") {
            Column.bigID()
            Column("user_id", .uuid).references("users", onDelete: .cascade)
            Column("channel", .enumeration("message_channel")).default("in_app")
            Column("title", .string(200))
            Column("payload", .jsonb).default(.emptyObject)
            Column("read_at", .timestamptz).nullable()
            Column("created_at", .timestamptz).default(.now)
        }
    }
}
