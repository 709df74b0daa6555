import Foundation
import Synchronization

/// The one writer of Drover's output. Results go to standard output,
/// progress and errors to standard error; lines from several worker
/// threads never interleave.
public final class Console: Sendable {
    public enum Stream: Sendable { case output, error }

    private let sink: @Sendable (Stream, String) -> Void
    private let lock = Mutex(())
    /// Whether standard error is a terminal, where a live progress line
    /// can be redrawn in place.
    let isTerminal: Bool

    public init(isTerminal: Bool, sink: @escaping @Sendable (Stream, String) -> Void) {
        self.isTerminal = isTerminal
        self.sink = sink
    }

    /// The process's standard output and standard error.
    public static func standard() -> Console {
        Console(isTerminal: isatty(STDERR_FILENO) == 1) { stream, text in
            let descriptor = stream == .output ? STDOUT_FILENO : STDERR_FILENO
            var bytes = Array(text.utf8)[...]
            while !bytes.isEmpty {
                let written = bytes.withUnsafeBytes { Foundation.write(descriptor, $0.baseAddress, $0.count) }
                if written <= 0 { break }
                bytes = bytes.dropFirst(written)
            }
        }
    }

    func line(_ text: String) { write(.output, text + "\n") }

    func error(_ text: String) { write(.error, "drover: " + text + "\n") }

    func write(_ stream: Stream, _ text: String) {
        lock.withLock { _ in sink(stream, text) }
    }
}
