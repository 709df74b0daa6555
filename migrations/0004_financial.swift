import DroverKit

/// Owned by the finance service: money received for bookings, what the
/// customer is billed, and what the agents earn.
struct CreateFinancialTables: Migration {
    let revision = "0004_financial"
    let parent: String? = "0003_booking"
    let summary = "financial: payments, invoices, invoice lines and commissions"

    var upgrade: [Operation] {
        CreateEnum("payment_method", ["card", "bank_transfer", "cash", "voucher"])
        CreateEnum("payment_status", ["pending", "authorized", "captured", "refunded", "failed"])
        CreateEnum("invoice_status", ["draft", "issued", "paid", "void"])

        CreateTable("payments") {
            Column.bigID()
            // Money already taken must never vanish with its booking.
            Column("booking_id", .uuid).references("bookings", onDelete: .restrict)
            Column("amount", .money).check("amount > 0")
            Column("currency", .string(3))
            Column("method", .enumeration("payment_method"))
            Column("status", .enumeration("payment_status")).default("pending")
            // The payment gateway's own reference, spelled as its API spells it.
            Column("externalRef", .string(100)).nullable()
            Column("paid_at", .timestamptz).nullable()
            Timestamps()
        }

        CreateTable("invoices") {
            Column.id()
            Column("number", .string(30)).unique()
            Column("customer_id", .uuid).references("customers", onDelete: .restrict)
            Column("booking_id", .uuid).nullable().references("bookings", onDelete: .setNull)
            Column("status", .enumeration("invoice_status")).default("draft")
            Column("issued_on", .date).default(.expression("CURRENT_DATE"))
            Column("due_on", .date)
            Column("subtotal", .money).default(.decimal("0.00"))
            Column("tax_total", .money).default(.decimal("0.00"))
            Column("total", .money).default(.decimal("0.00"))
            Column("currency", .string(3)).default("EUR")
            Check("invoices_due_check", "due_on >= issued_on")
            Timestamps()
        }

        CreateTable("invoice_lines") {
            Column.id()
            Column("invoice_id", .integer).references("invoices", onDelete: .cascade)
            Column("description", .string(255))
            Column("quantity", .integer).default(1).check("quantity > 0")
            Column("unit_price", .money)
            Timestamps()
        }

        CreateTable("commissions") {
            Column.id()
            // Indexed by the unique constraint below, which starts with it.
            Column("agent_id", .uuid).references("users", onDelete: .restrict, indexed: false)
            Column("booking_id", .uuid).references("bookings", onDelete: .cascade)
            Column("rate", .decimal(5, 2)).check("rate >= 0 AND rate <= 100")
            Column("amount", .money)
            Column("paid_at", .timestamptz).nullable()
            // One commission per agent and booking.
            Unique("agent_id", "booking_id")
            Timestamps()
        }
    }
}
