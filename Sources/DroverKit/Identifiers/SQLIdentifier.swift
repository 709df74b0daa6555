import Foundation

/// Quoting and validation of PostgreSQL identifiers.
///
/// Every name Drover puts into SQL goes through ``SQLIdentifier/quote(_:)``:
/// it is double-quoted with embedded quotes doubled, so reserved words
/// (`user`, `order`) and mixed-case names keep their exact spelling.
public enum SQLIdentifier {
    /// PostgreSQL's NAMEDATALEN - 1: longer names are silently truncated by
    /// the server, so Drover refuses them instead.
    public static let maximumLength = 63

    /// Returns `name` as a quoted identifier. Call ``validate(_:)`` first
    /// for names that come from outside the program.
    public static func quote(_ name: String) -> String {
        "\"" + name.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    /// `"schema"."name"`.
    public static func qualified(_ schema: String, _ name: String) -> String {
        quote(schema) + "." + quote(name)
    }

    /// Checks that `name` can be used as an identifier exactly as written.
    public static func validate(_ name: String, kind: String = "identifier") throws(InvalidIdentifier) {
        if name.isEmpty {
            throw InvalidIdentifier(message: "\(kind) name is empty")
        }
        if name.utf8.contains(0) {
            throw InvalidIdentifier(message: "\(kind) name \(printable(name)) contains a NUL byte")
        }
        if name.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) {
            // Legal when quoted, but a name that breaks every line of output.
            throw InvalidIdentifier(message: "\(kind) name \(printable(name)) contains a control character")
        }
        if name.utf8.count > maximumLength {
            throw InvalidIdentifier(message:
                "\(kind) name \(printable(name)) is \(name.utf8.count) bytes long;"
                + " PostgreSQL allows at most \(maximumLength)")
        }
    }

    /// The name as it can be shown in a one-line message.
    static func printable(_ name: String) -> String {
        var shown = ""
        for scalar in name.unicodeScalars {
            switch scalar {
            case "\0": shown += "\\0"
            case "\n": shown += "\\n"
            case "\r": shown += "\\r"
            case "\t": shown += "\\t"
            case "'": shown += "\\'"
            default: shown.unicodeScalars.append(scalar)
            }
        }
        return "'" + shown + "'"
    }
}

/// A name that cannot be used as a PostgreSQL identifier.
public struct InvalidIdentifier: Error, Equatable, CustomStringConvertible {
    public var message: String
    public var description: String { message }
}

/// Escaping of values that the grammar only accepts as literals
/// (DEFAULT, enum labels, the revision rows written inside a migration).
public enum SQLLiteral {
    /// A standard-conforming string literal: quotes doubled, and the
    /// `E''` form with doubled backslashes when a backslash is present.
    public static func quote(_ text: String) -> String {
        let doubled = text.replacingOccurrences(of: "'", with: "''")
        if text.contains("\\") {
            return "E'" + doubled.replacingOccurrences(of: "\\", with: "\\\\") + "'"
        }
        return "'" + doubled + "'"
    }
}
