import Foundation

/// Text-format array literals for bound `text[]` parameters.
enum PostgresArray {
    static func literal(_ values: some Sequence<String>) -> String {
        let elements = values.map { value in
            "\"" + value.replacingOccurrences(of: "\\", with: "\\\\")
                .replacingOccurrences(of: "\"", with: "\\\"") + "\""
        }
        return "{" + elements.joined(separator: ",") + "}"
    }
}
