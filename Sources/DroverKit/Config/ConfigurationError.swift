/// Why `tenants.yaml` could not be loaded.
///
/// The message is a single line that starts with `<source>:<line>:` when the
/// line is known (or `<source>:` otherwise), followed by lowercase text, e.g.
/// `tenants.yaml:7: unknown key 'job' in 'tenants' (expected pattern, include, exclude)`.
/// It never repeats the `database` value, which may hold a password.
public struct ConfigurationError: Error, Equatable, CustomStringConvertible {
    /// The one-line message described above.
    public var message: String

    /// The message, so that printing the error shows it as is.
    public var description: String { message }

    /// Wraps an already formatted message.
    public init(message: String) {
        self.message = message
    }

    /// Formats `text` with its source and, when known, its 1-based line.
    init(source: String, line: Int?, _ text: String) {
        let location = line.map { "\(source):\($0):" } ?? "\(source):"
        message = location + " " + text
    }
}
