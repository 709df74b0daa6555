/// One node of a parsed YAML document, with the 1-based line it starts on.
///
/// Only the three YAML node kinds are kept; tags, anchors and styles are
/// dropped, except whether a scalar was written plain (unquoted), which
/// decides whether it may be read as a number or as null.
struct YAMLNode: Sendable, Equatable {
    /// A key and its value inside a mapping, in document order.
    struct Pair: Sendable, Equatable {
        var key: YAMLNode
        var value: YAMLNode
    }

    /// What the node holds.
    enum Value: Sendable, Equatable {
        /// Text; `plain` is false for quoted, block or explicitly tagged scalars.
        case scalar(String, plain: Bool)
        case sequence([YAMLNode])
        case mapping([Pair])
    }

    var value: Value
    /// The 1-based line of the node's first character.
    var line: Int

    /// True for a plain empty scalar, `~` or `null`: YAML's spellings of null.
    var isNull: Bool {
        guard case .scalar(let text, plain: true) = value else { return false }
        return ["", "~", "null", "Null", "NULL"].contains(text)
    }

    /// "a scalar", "a sequence" or "a mapping", for error messages.
    var kindDescription: String {
        switch value {
        case .scalar: isNull ? "null" : "a scalar"
        case .sequence: "a sequence"
        case .mapping: "a mapping"
        }
    }
}
