/// A statement of the schema language: one or more ``Operation``s.
public protocol MigrationStep: Sendable {
    var operations: [Operation] { get }
}

extension Operation: MigrationStep {
    public var operations: [Operation] { [self] }
}

/// Collects the steps of `upgrade` and `downgrade`.
@resultBuilder
public enum OperationsBuilder {
    public static func buildExpression(_ step: some MigrationStep) -> [Operation] {
        step.operations
    }
    public static func buildExpression(_ steps: [any MigrationStep]) -> [Operation] {
        steps.flatMap(\.operations)
    }
    public static func buildBlock(_ parts: [Operation]...) -> [Operation] {
        parts.flatMap { $0 }
    }
    public static func buildOptional(_ part: [Operation]?) -> [Operation] { part ?? [] }
    public static func buildEither(first part: [Operation]) -> [Operation] { part }
    public static func buildEither(second part: [Operation]) -> [Operation] { part }
    public static func buildArray(_ parts: [[Operation]]) -> [Operation] {
        parts.flatMap { $0 }
    }
}
