/// Why a YAML text could not be turned into a ``YAMLNode`` tree.
struct YAMLError: Error, Sendable, Equatable {
    /// One line of lowercase text, e.g. "malformed yaml: did not find expected key".
    var problem: String
    /// The 1-based line the problem was found on, when known.
    var line: Int?
}
