/// One versioned schema change, written as a Swift type in `migrations/`.
///
/// ```swift
/// struct AddBookingNotes: Migration {
///     let revision = "0007_booking_notes"
///     let parent: String? = "0006_communication"
///     let summary = "bookings get free-text notes"
///
///     var upgrade: [Operation] {
///         AddColumn("bookings", Column("notes", .text).nullable())
///     }
/// }
/// ```
///
/// Drover derives the downgrade from `upgrade` unless the migration gives
/// one (``Downgrade/operations(_:)``) or declares itself irreversible.
public protocol Migration: Sendable {
    /// The id recorded in each tenant's revision table.
    var revision: String { get }
    /// The revision this one follows; `nil` for the first migration.
    var parent: String? { get }
    /// One line that says what the migration does.
    var summary: String { get }
    /// The schema changes, in order.
    @OperationsBuilder var upgrade: [Operation] { get }
    /// How to undo `upgrade`; derived when not given.
    var downgrade: Downgrade { get }
    /// `false` for migrations PostgreSQL cannot run in a transaction
    /// (`CREATE INDEX CONCURRENTLY`): each statement then runs on its own
    /// and the revision is recorded after the last one.
    var isTransactional: Bool { get }
}

extension Migration {
    public var downgrade: Downgrade { .derived }
    public var isTransactional: Bool { true }
}

/// How a migration is undone.
public enum Downgrade: Sendable {
    /// Drover inverts `upgrade`, step by step in reverse.
    case derived
    /// These operations undo the migration.
    case explicit([Operation])
    /// The migration cannot be undone; the reason is shown when asked to.
    case irreversible(String)

    /// A hand-written downgrade in the schema language.
    public static func operations(@OperationsBuilder _ body: () -> [Operation]) -> Downgrade {
        .explicit(body())
    }
}

/// A migration together with the file that declares it, as the registry
/// that the build plugin generates lists it.
public struct RegisteredMigration: Sendable {
    public let migration: any Migration
    public let file: String
    public let line: Int

    public init(_ migration: any Migration, file: String, line: Int) {
        self.migration = migration
        self.file = file
        self.line = line
    }

    /// `migrations/0001_system.swift:3`.
    public var location: String { "\(file):\(line)" }
}
