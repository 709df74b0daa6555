/// Assembles a ``YAMLNode`` tree from a stream of parser events.
///
/// Kept free of libyaml types so the assembly rules (one document, bounded
/// depth, keys and values alternating inside mappings) read on their own.
/// Works with an explicit stack, so deep input cannot overflow the call stack.
struct YAMLTreeBuilder {
    /// Deeper nesting is refused; configuration files need a handful of levels.
    static let maximumDepth = 64

    /// A collection whose end event has not arrived yet.
    private struct OpenCollection {
        var isMapping: Bool
        var line: Int
        /// For a mapping: keys and values alternating, key first.
        var children: [YAMLNode] = []
    }

    private var open: [OpenCollection] = []
    private var documentCount = 0

    /// The finished root node, or nil while none was completed.
    private(set) var root: YAMLNode?

    mutating func startDocument(line: Int) throws(YAMLError) {
        documentCount += 1
        if documentCount > 1 {
            throw YAMLError(problem: "expected a single yaml document, found a second one",
                            line: line)
        }
    }

    mutating func startCollection(isMapping: Bool, line: Int) throws(YAMLError) {
        guard open.count < Self.maximumDepth else {
            throw YAMLError(problem: "yaml is nested more than \(Self.maximumDepth) levels deep",
                            line: line)
        }
        open.append(OpenCollection(isMapping: isMapping, line: line))
    }

    mutating func endCollection() {
        guard let collection = open.popLast() else { return }
        add(YAMLNode(value: Self.value(of: collection), line: collection.line))
    }

    mutating func addScalar(_ text: String, plain: Bool, line: Int) {
        add(YAMLNode(value: .scalar(text, plain: plain), line: line))
    }

    private mutating func add(_ node: YAMLNode) {
        if open.isEmpty {
            root = node
        } else {
            open[open.count - 1].children.append(node)
        }
    }

    private static func value(of collection: OpenCollection) -> YAMLNode.Value {
        guard collection.isMapping else { return .sequence(collection.children) }
        let children = collection.children
        let pairs = stride(from: 0, to: children.count - 1, by: 2).map { index in
            YAMLNode.Pair(key: children[index], value: children[index + 1])
        }
        return .mapping(pairs)
    }
}
