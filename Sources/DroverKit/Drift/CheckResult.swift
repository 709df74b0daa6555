/// One check of `drover check`: a JUnit test case.
public struct CheckResult: Sendable {
    public enum Status: Sendable, Comparable {
        case passed
        /// Tenants behind head (exit 4 unless allowed).
        case pending
        /// Drift, an edited migration, a schema that differs (exit 3).
        case drift
        /// A step could not run (exit 1).
        case failure
        /// The migrations themselves are unsound (exit 2).
        case invalid
    }

    /// `graph`, `scratch` or `tenants`.
    public let group: String
    public let name: String
    public let status: Status
    public let message: String?

    public var passed: Bool { status == .passed }

    public init(group: String, name: String, status: Status, message: String?) {
        self.group = group
        self.name = name
        self.status = status
        self.message = message
    }
}

extension MigrationEngine {
    /// `check --scratch`: the chain up, down and up again on a temporary
    /// schema, compared with the model at every step.
    public func rehearseOnScratchSchema() throws(EngineError) -> [CheckResult] {
        try ScratchRehearsal(engine: self).run()
    }
}
