import CYAML

/// Loads YAML text into a ``YAMLNode`` tree through libyaml's event parser.
///
/// The event API is used rather than `yaml_parser_load` so that aliases can
/// be refused where they appear (with their line) instead of turning into
/// shared or cyclic nodes.
enum YAMLDocument {
    /// Parses `text`; returns nil when it holds no document (empty or comments only).
    /// - Throws: ``YAMLError`` for malformed YAML, aliases, several documents
    ///   or excessive nesting.
    static func load(_ text: String) throws(YAMLError) -> YAMLNode? {
        let bytes = Array(text.utf8)
        if bytes.isEmpty { return nil }  // libyaml refuses a null input pointer
        let parser = UnsafeMutablePointer<yaml_parser_t>.allocate(capacity: 1)
        defer { parser.deallocate() }
        // libyaml keeps a pointer to the parser itself, so it needs a fixed address.
        guard yaml_parser_initialize(parser) == 1 else {
            throw YAMLError(problem: "cannot initialize the yaml parser", line: nil)
        }
        defer { yaml_parser_delete(parser) }
        return try bytes.withUnsafeBufferPointer { (input) throws(YAMLError) in
            yaml_parser_set_input_string(parser, input.baseAddress, input.count)
            return try parseEvents(parser, input: input)
        }
    }

    private static func parseEvents(
        _ parser: UnsafeMutablePointer<yaml_parser_t>,
        input: UnsafeBufferPointer<UInt8>
    ) throws(YAMLError) -> YAMLNode? {
        var builder = YAMLTreeBuilder()
        var event = yaml_event_t()
        while true {
            guard yaml_parser_parse(parser, &event) == 1 else {
                throw error(of: parser.pointee, input: input)
            }
            defer { yaml_event_delete(&event) }
            if event.type == YAML_STREAM_END_EVENT { return builder.root }
            try apply(event, to: &builder)
        }
    }

    private static func apply(
        _ event: yaml_event_t,
        to builder: inout YAMLTreeBuilder
    ) throws(YAMLError) {
        let line = event.start_mark.line + 1
        switch event.type {
        case YAML_DOCUMENT_START_EVENT:
            try builder.startDocument(line: line)
        case YAML_SEQUENCE_START_EVENT, YAML_MAPPING_START_EVENT:
            try builder.startCollection(isMapping: event.type == YAML_MAPPING_START_EVENT,
                                        line: line)
        case YAML_SEQUENCE_END_EVENT, YAML_MAPPING_END_EVENT:
            builder.endCollection()
        case YAML_SCALAR_EVENT:
            let scalar = event.data.scalar
            let text = String(decoding: UnsafeBufferPointer(start: scalar.value,
                                                            count: scalar.length),
                              as: UTF8.self)
            let plain = scalar.style == YAML_PLAIN_SCALAR_STYLE && scalar.tag == nil
            builder.addScalar(text, plain: plain, line: line)
        case YAML_ALIAS_EVENT:
            throw YAMLError(problem: "yaml aliases (*name) are not supported", line: line)
        default:
            break  // stream and document ends carry nothing to keep
        }
    }

    /// Turns libyaml's error state into a one-line ``YAMLError``.
    private static func error(
        of parser: yaml_parser_t,
        input: UnsafeBufferPointer<UInt8>
    ) -> YAMLError {
        if parser.error == YAML_MEMORY_ERROR {
            return YAMLError(problem: "out of memory while parsing yaml", line: nil)
        }
        let problem = parser.problem.map { String(cString: $0) } ?? "unknown error"
        var text = "malformed yaml: " + problem
        if let context = parser.context {
            text += " (\(String(cString: context)) starting on line "
                + "\(parser.context_mark.line + 1))"
        }
        return YAMLError(problem: oneLine(text), line: errorLine(of: parser, input: input))
    }

    /// The reader reports a byte offset only; the scanner and parser report a mark.
    private static func errorLine(
        of parser: yaml_parser_t,
        input: UnsafeBufferPointer<UInt8>
    ) -> Int {
        guard parser.error == YAML_READER_ERROR else { return parser.problem_mark.line + 1 }
        let end = min(parser.problem_offset, input.count)
        return input[..<end].reduce(1) { $1 == UInt8(ascii: "\n") ? $0 + 1 : $0 }
    }

    private static func oneLine(_ text: String) -> String {
        String(text.map { $0.isNewline ? " " : $0 })
    }
}
