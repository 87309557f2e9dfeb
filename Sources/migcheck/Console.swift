#if canImport(Glibc)
import Glibc
private let systemWrite = Glibc.write
#elseif canImport(Musl)
import Musl
private let systemWrite = Musl.write
#elseif canImport(Darwin)
import Darwin
private let systemWrite = Darwin.write
#endif

import DeviceModelRegistry
import MigrationCheck

/// Standard output and error: results to the one, diagnostics to the other.
enum Console {
    /// Control characters that a name from a file or the command line brought into the text
    /// are escaped on the way out (the reporters have escaped line breaks inside each record).
    static func out(_ text: String) {
        write(text.escapingControls(keepingNewlines: true), to: STDOUT_FILENO)
    }

    /// Text whose reporter has escaped its control characters already: written as it is, not searched again.
    static func out(verbatim text: String) {
        write(text, to: STDOUT_FILENO)
    }

    /// Text already encoded as UTF-8.
    static func out(_ bytes: [UInt8]) {
        bytes.withUnsafeBufferPointer { write($0, to: STDOUT_FILENO) }
    }

    static func err(_ text: String) {
        write(text.escapingControls(keepingNewlines: true), to: STDERR_FILENO)
    }

    private static func write(_ text: String, to descriptor: Int32) {
        var text = text
        text.withUTF8 { write($0, to: descriptor) }
    }

    /// Writes all of `bytes` at once, unbuffered, so that a reader sees each answer as it is written.
    ///
    /// Partial writes are completed, `EINTR` retried, `EAGAIN` waited for. Any other failure of
    /// standard output (a full disk, `EPIPE` with SIGPIPE ignored) loses the answer: a one-line
    /// message and exit 2, so that no caller takes a lost "compatible" for one (SPEC 8).
    private static func write(_ bytes: UnsafeBufferPointer<UInt8>, to descriptor: Int32) {
        guard bytes.count > 0 else { return }
        var offset = 0
        while offset < bytes.count {
            let written = systemWrite(descriptor, bytes.baseAddress! + offset, bytes.count - offset)
            if written < 0 {
                if errno == EINTR { continue }
                if errno == EAGAIN || errno == EWOULDBLOCK {
                    var entry = pollfd(fd: descriptor, events: Int16(POLLOUT), revents: 0)
                    _ = poll(&entry, 1, -1)
                    continue
                }
                guard descriptor == STDOUT_FILENO else { return }
                let reason = String(cString: strerror(errno))
                let message = "migcheck: error: cannot write the output: \(reason)\n"
                _ = message.withCString { systemWrite(STDERR_FILENO, $0, strlen($0)) }
                exit(2)
            }
            offset += written
        }
    }

    /// Reads standard input, returning what one `read` gave: empty at the end of the input
    /// (``FileReader/readSome(_:upTo:name:)``: `EAGAIN` is waited for). Any failure is trouble: a
    /// one-line message and exit 2.
    static func readInput(upTo count: Int) -> [UInt8] {
        do {
            return try FileReader.readSome(STDIN_FILENO, upTo: count, name: "standard input")
        } catch {
            err("migcheck: error: cannot read \(error)\n")
            exit(2)
        }
    }

    /// Whether standard output is a terminal.
    static var outputIsTerminal: Bool {
        isatty(STDOUT_FILENO) == 1
    }

    static func environment(_ name: String) -> String? {
        getenv(name).map { String(cString: $0) }
    }
}
