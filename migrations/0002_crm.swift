import DroverKit

/// Owned by the CRM service: the agency's customers, the people to talk
/// to at each, and the sales pipeline from first enquiry to won deal.
struct CreateCRMTables: Migration {
    let revision = "0002_crm"
    let parent: String? = "0001_system"
    let summary = "crm: customers, contacts, leads and opportunities"

    var upgrade: [Operation] {
        CreateEnum("lead_status", ["new", "contacted", "qualified", "converted", "lost"])
        CreateEnum("opportunity_stage",
                   ["prospecting", "proposal", "negotiation", "won", "lost"])

        CreateTable("customers") {
            Column.uuidID()
            Column("kind", .string(20)).default("individual")
                .check("kind IN ('individual', 'company')")
            Column("display_name", .string(200))
            Column("email", .string(255)).nullable()
            Column("phone", .string(40)).nullable()
            // The agent who looks after the customer; customers outlive agents.
            Column("owner_id", .uuid).nullable().references("users", onDelete: .setNull)
            Column("notes", .text).nullable()
            Column("metadata", .jsonb).default(.emptyObject)
            Timestamps()
            SoftDeletes()
        }

        CreateTable("contacts") {
            Column.id()
            Column("customer_id", .uuid).references("customers", onDelete: .cascade)
            Column("first_name", .string(100))
            Column("last_name", .string(100))
            Column("email", .string(255)).nullable()
            Column("phone", .string(40)).nullable()
            Column("is_primary", .boolean).default(false)
            Timestamps()
        }

        CreateTable("leads") {
            Column.id()
            // Set once the enquirer becomes a customer.
            Column("customer_id", .uuid).nullable()
                .references("customers", onDelete: .setNull)
            Column("assigned_to", .uuid).nullable().references("users", onDelete: .setNull)
            Column("full_name", .string(200))
            Column("email", .string(255)).nullable()
            Column("phone", .string(40)).nullable()
            Column("source", .string(50)).default("web")
            Column("status", .enumeration("lead_status")).default("new")
            Column("interest", .text).nullable()
            Timestamps()
        }

        CreateTable("opportunities") {
            Column.id()
            Column("customer_id", .uuid).references("customers", onDelete: .cascade)
            Column("lead_id", .integer).nullable().references("leads", onDelete: .setNull)
            // An open deal must always have someone responsible for it.
            Column("owner_id", .uuid).references("users", onDelete: .restrict)
            Column("title", .string(200))
            Column("stage", .enumeration("opportunity_stage")).default("prospecting")
            Column("estimated_value", .money).default(.decimal("0.00"))
            Column("currency", .string(3)).default("EUR")
            Column("expected_close_on", .date).nullable()
            Timestamps()
        }
    }
}
