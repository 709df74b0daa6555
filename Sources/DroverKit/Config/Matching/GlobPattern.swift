/// A shell-style pattern where `*` matches any run of characters and `?`
/// exactly one; every other character, backslash included, stands for itself.
///
/// Characters are Unicode scalars, as PostgreSQL counts them in a UTF-8
/// database, so ``matches(_:)`` and ``likePattern`` agree.
struct GlobPattern: Sendable, Equatable {
    var text: String

    /// Whether `candidate` matches the whole pattern (case-sensitive).
    func matches(_ candidate: String) -> Bool {
        let pattern = Array(text.unicodeScalars)
        let subject = Array(candidate.unicodeScalars)
        var p = 0, s = 0
        // Where the last `*` was, and how much of the subject it has swallowed.
        var star: (pattern: Int, subject: Int)?
        while s < subject.count {
            if p < pattern.count, pattern[p] == "?" || pattern[p] == subject[s] {
                p += 1; s += 1
            } else if p < pattern.count, pattern[p] == "*" {
                star = (p, s); p += 1
            } else if let last = star {
                star = (last.pattern, last.subject + 1)
                p = last.pattern + 1; s = last.subject + 1
            } else {
                return false
            }
        }
        return pattern[p...].allSatisfy { $0 == "*" }
    }

    /// The same pattern for SQL `LIKE` with its default escape character `\`:
    /// `%`, `_` and `\` are escaped, then `*` becomes `%` and `?` becomes `_`.
    var likePattern: String {
        var result = ""
        for character in text.unicodeScalars {
            switch character {
            case "\\", "%", "_": result += "\\" + String(character)
            case "*": result += "%"
            case "?": result += "_"
            default: result.unicodeScalars.append(character)
            }
        }
        return result
    }

    /// The text before a single trailing `*` when nothing else is a wildcard,
    /// e.g. `tenant_` for `tenant_*`; nil for any other shape or an empty prefix.
    var literalPrefix: String? {
        guard text.hasSuffix("*") else { return nil }
        let prefix = text.dropLast()
        if prefix.isEmpty || prefix.contains("*") || prefix.contains("?") { return nil }
        return String(prefix)
    }
}
