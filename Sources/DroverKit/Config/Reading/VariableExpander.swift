/// Expands environment references in the `database` value.
///
/// - `${NAME}` becomes the variable's value (empty if set but empty);
///   an unset variable is an error.
/// - `${NAME:-default}` becomes the value when set and non-empty, otherwise
///   `default`, taken literally up to the first `}` (no nested references).
/// - Only `${` is special. Any other `$`, including a doubled `$$`, is copied
///   unchanged, so passwords containing `$` survive as written. In `$${X}` the
///   second `$` still starts a reference. A literal `${` cannot be written;
///   in a URL, percent-encode the dollar sign as `%24` instead.
/// - `NAME` is ASCII letters, digits and `_`, not starting with a digit.
struct VariableExpander {
    /// Why a value could not be expanded. Carries no part of the value itself.
    enum Failure: Error, Equatable {
        case unset(name: String)
        case unterminated
        case invalidName
    }

    var environment: [String: String]

    func expand(_ text: String) throws(Failure) -> String {
        var result = ""
        var rest = text[...]
        while let opening = rest.firstRange(of: "${") {
            result += rest[..<opening.lowerBound]
            let body = rest[opening.upperBound...]
            guard let closing = body.firstIndex(of: "}") else { throw .unterminated }
            result += try replacement(for: body[..<closing])
            rest = body[body.index(after: closing)...]
        }
        return result + rest
    }

    /// The text for one reference, given what stands between `${` and `}`.
    private func replacement(for reference: Substring) throws(Failure) -> String {
        let name: Substring, fallback: Substring?
        if let separator = reference.firstRange(of: ":-") {
            name = reference[..<separator.lowerBound]
            fallback = reference[separator.upperBound...]
        } else {
            name = reference
            fallback = nil
        }
        guard Self.isValidName(name) else { throw .invalidName }
        let value = environment[String(name)]
        if let fallback {
            guard let value, !value.isEmpty else { return String(fallback) }
            return value
        }
        guard let value else { throw .unset(name: String(name)) }
        return value
    }

    private static func isValidName(_ name: Substring) -> Bool {
        guard let first = name.unicodeScalars.first, !("0"..."9").contains(first) else {
            return false
        }
        return name.unicodeScalars.allSatisfy { scalar in
            scalar == "_" || ("a"..."z").contains(scalar) || ("A"..."Z").contains(scalar)
                || ("0"..."9").contains(scalar)
        }
    }
}
