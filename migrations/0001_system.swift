import DroverKit

/// The system service: who works at the agency and what they may do.
struct CreateSystemTables: Migration {
    let revision = "0001_system"
    let parent: String? = nil
    let summary = "system: users, roles and settings"

    var upgrade: [Operation] {
        CreateEnum("user_status", ["invited", "active", "disabled"])

        CreateTable("roles") {
            Column.id()
            Column("name", .string(50)).unique()
            Column("description", .text).nullable()
            Column("permissions", .jsonb).default(.emptyArray)
            Timestamps()
        }

        CreateTable("users") {
            Column.uuidID()
            Column("role_id", .integer).references("roles", onDelete: .restrict)
            Column("email", .string(255)).unique()
            Column("full_name", .string(150))
            Column("password_hash", .string(255))
            Column("status", .enumeration("user_status")).default("invited")
            Column("last_login_at", .timestamptz).nullable()
            Column("metadata", .jsonb).default(.emptyObject)
            Timestamps()
            SoftDeletes()
        }

        CreateTable("settings") {
            Column.id()
            Column("key", .string(100)).unique()
            Column("value", .jsonb)
            Column("updated_by", .uuid).nullable()
                .references("users", onDelete: .setNull)
            Timestamps()
        }
    }
}
