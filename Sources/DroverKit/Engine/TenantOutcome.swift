/// What happened to one tenant in a run.
public struct TenantOutcome: Sendable {
    public enum Result: Sendable {
        /// Migrations ran: `from` and `to` are revisions (`nil` = base).
        case migrated(from: String?, to: String?, count: Int)
        /// `stamp` or `--adopt-existing`: revisions recorded without running them.
        case stamped(from: String?, to: String?)
        /// Nothing to do: already at the target.
        case current(String?)
        /// `--dry-run`: what would run.
        case planned(from: String?, to: String?, steps: [PlannedStep])
        /// Pending migrations would create objects that already exist.
        case drifted([DriftFinding])
        case failed(TenantFailure)
        /// Another Drover run holds this tenant's lock.
        case busy
        /// Not attempted (`--fail-fast` after a failure, or the run was cancelled).
        case skipped
        /// The run was cancelled between two of this tenant's migrations:
        /// `count` ran, the tenant is at `at`, short of the target.
        case interrupted(from: String?, at: String?, count: Int)
    }

    public let schema: String
    public let result: Result
    public let milliseconds: Int

    public var isFailure: Bool {
        switch result {
        case .failed, .busy: true
        default: false
        }
    }

    public var isDrift: Bool {
        if case .drifted = result { return true }
        return false
    }
}

/// One migration in a tenant's plan.
public struct PlannedStep: Sendable {
    public let revision: String
    public let summary: String
    public let direction: Direction
    /// The SQL for this tenant.
    public let sql: String
}

public enum Direction: String, Sendable {
    case up, down
}

/// A failed tenant: which revision, and the error.
public struct TenantFailure: Sendable, CustomStringConvertible {
    public let revision: String?
    public let message: String
    public let error: DatabaseError?

    public var description: String {
        (revision.map { "revision \($0): " } ?? "") + message
    }
}

/// An object that a pending migration would create and that already exists.
public struct DriftFinding: Sendable, Hashable, CustomStringConvertible {
    /// The object, when the precheck found it; `nil` when only the server's
    /// error named it (it appeared between the precheck and the migration).
    public let object: SchemaObject?
    public let revision: String
    public let hint: String
    /// The server's message when the server reported the collision, or how
    /// the existing object differs from the migration's when adoption failed.
    public let detail: String?

    init(object: SchemaObject?, revision: String, hint: String, detail: String? = nil) {
        self.object = object
        self.revision = revision
        self.hint = hint
        self.detail = detail
    }

    public var description: String {
        let what = object.map { "\($0) already exists" } ?? detail ?? "an object already exists"
        if object != nil, let detail { return "\(what) but differs: \(detail)" }
        if object == nil, detail != nil { return what }
        return "\(what) (pending revision \(revision) would create it)"
    }
}
