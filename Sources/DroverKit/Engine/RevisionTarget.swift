/// Where `upgrade` or `downgrade` should take each tenant.
public enum RevisionTarget: Hashable, Sendable, CustomStringConvertible {
    case head
    case base
    case revision(String)
    /// `+N` or `-N`: N migrations up or down from where each tenant is.
    case relative(Int)

    /// Reads `head`, `base`, a revision id, `+N` or `-N`.
    public init(parsing text: String) throws(UsageError) {
        switch text {
        case "head": self = .head
        case "base": self = .base
        default:
            if let sign = text.first, sign == "+" || sign == "-" {
                guard let count = Int(text.dropFirst()), count > 0 else {
                    throw UsageError("'\(text)' is not a relative target: use +N or -N with N > 0")
                }
                self = .relative(sign == "+" ? count : -count)
            } else if let problem = RevisionID.problem(with: text) {
                throw UsageError(problem)
            } else {
                self = .revision(text)
            }
        }
    }

    public var description: String {
        switch self {
        case .head: "head"
        case .base: "base"
        case .revision(let id): id
        case .relative(let count): count > 0 ? "+\(count)" : "\(count)"
        }
    }

    /// Checks a named revision against the migrations before anything runs.
    public func validate(in migrations: MigrationSet) throws(UsageError) {
        if case .revision(let id) = self, migrations.position(of: id) == nil {
            throw UsageError("unknown revision '\(id)'; `drover history` lists them")
        }
    }

    /// How many migrations a tenant at `depth` should have applied, or why
    /// the target does not make sense for it.
    func depth(from depth: Int, in migrations: MigrationSet) -> Result<Int, TargetError> {
        let count = migrations.migrations.count
        switch self {
        case .head: return .success(count)
        case .base: return .success(0)
        case .revision(let id): return .success(migrations.depth(of: id))
        case .relative(let steps):
            let target = depth + steps
            guard (0...count).contains(target) else {
                return .failure(TargetError(message: "cannot move \(description) from"
                    + " \(migrations.migrations[safe: depth - 1]?.revision ?? "base"):"
                    + " the chain has \(count) migrations"))
            }
            return .success(target)
        }
    }
}

struct TargetError: Error {
    var message: String
}

/// A mistake in how Drover was called: exit status 2.
public struct UsageError: Error, Equatable, CustomStringConvertible {
    public var message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}

extension Array {
    subscript(safe index: Int) -> Element? {
        indices.contains(index) ? self[index] : nil
    }
}
