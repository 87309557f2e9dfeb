import ArgumentParser
import QEMUAdapter
import Dispatch
import Synchronization
import DeviceModelRegistry
import MigrationCheck

/// `migcheck batch`: JSON lines in, JSON lines out, the registry loaded once.
struct BatchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "batch",
        abstract: "Answer check, expand and baseline requests read as JSON lines on standard input.",
        discussion: """
            Each line is one request, a JSON object (RFC 8259) whose fields mirror the command line:

            """ + BatchSession.requestFields.map { "  \"\($0.name)\": \($0.meaning)\n" }.joined() + """

            Each answer is one line: the document the command prints with \
            --format json, with "id" first, in the order of the requests, written as soon as it is \
            ready (the answers to lines that arrived together, at most 16, are written \
            together). A request that fails \
            gets a line with "status": "error", and the next request is still answered; blank \
            lines are skipped. End of input ends the session with exit status 0.

            Exit status 2 when the registry cannot be loaded (one error line is printed).
            """
    )

    @OptionGroup var common: CommonOptions<TextOrJSON>

    func validate() throws {
        try common.requireFormat()
    }

    func run() throws {
        let session: BatchSession
        do {
            session = BatchSession.reading(registry: try common.loadRegistry())
        } catch {
            // Standard output carries JSON lines whatever --format says.
            Console.out(ErrorReport.json(error, pretty: false))
            Console.err(ErrorReport.text(error))
            throw ExitCode(2)
        }
        // Requests are answered on every core, and answers written in the order of the
        // requests: a caller that waits for each answer before sending the next request gets
        // it at once, and a stream of requests keeps both cores busy. The lines that arrived
        // together (at most 16) are answered as one piece of work and their answers written
        // together, to spare a hand-over between threads and a write for each.
        let answers = DispatchQueue(label: "migcheck.batch", attributes: .concurrent)
        let inFlight = DispatchSemaphore(value: 16)
        let group = DispatchGroup()
        let output = OrderedOutput()
        var input = InputLines()
        var runs = 0
        while let run = input.next(atMost: 16) {
            let requests = run.filter { line in
                guard case .text(let bytes) = line else { return true }
                return !bytes.allSatisfy { $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "\t") || $0 == UInt8(ascii: "\r") }
            }
            guard !requests.isEmpty else { continue }
            inFlight.wait()
            let position = runs
            runs += 1
            answers.async(group: group) {
                var text: [UInt8] = []
                for line in requests {
                    switch line {
                    case .text(let bytes): text += session.answerUTF8(bytes)
                    case .tooLong: text += session.tooLongAnswer()
                    }
                    text.append(UInt8(ascii: "\n"))
                }
                output.deliver(text, at: position)
                inFlight.signal()
            }
        }
        group.wait()
    }
}

/// Writes pieces of output in order, each as soon as those before it are written.
private final class OrderedOutput: Sendable {
    private struct State {
        var next = 0
        var waiting: [Int: [UInt8]] = [:]
    }

    private let state = Mutex(State())

    func deliver(_ text: [UInt8], at position: Int) {
        state.withLock { state in
            state.waiting[position] = text
            while let ready = state.waiting.removeValue(forKey: state.next) {
                Console.out(ready)
                state.next += 1
            }
        }
    }
}

/// The lines of standard input, handed out as they arrive: each time, the complete
/// lines already read (up to a limit), waiting for more input only when there are none.
///
/// A line longer than ``BatchSession/maximumLineLength`` is not kept: what has come of it is
/// dropped as it arrives, up to its line break, and it is handed out as ``Line/tooLong``, so
/// that memory stays bounded whatever arrives.
private struct InputLines {
    enum Line {
        case text(ArraySlice<UInt8>)
        case tooLong
    }

    private var buffer: [UInt8] = []
    /// Where the first line not handed out starts in `buffer`.
    private var start = 0
    /// How far `buffer` is known to hold no line break: a long line is scanned once, not at every read.
    private var scanned = 0
    private var ended = false
    /// The line being read is too long: its bytes are dropped up to its line break.
    private var skipping = false
    private static let readSize = 1 << 16

    /// Up to `limit` lines, without their line breaks (`\n` or `\r\n`); nil at the end of the input.
    mutating func next(atMost limit: Int) -> [Line]? {
        while true {
            var lines: [Line] = []
            while lines.count < limit {
                guard let newline = buffer[max(start, scanned)...].firstIndex(of: UInt8(ascii: "\n")) else {
                    scanned = buffer.count
                    break
                }
                if skipping {
                    skipping = false
                    lines.append(.tooLong)
                } else {
                    var end = newline
                    if end > start && buffer[end - 1] == UInt8(ascii: "\r") { end -= 1 }
                    lines.append(.text(buffer[start..<end]))
                }
                start = newline + 1
            }
            if !lines.isEmpty { return lines }
            if ended {
                guard start < buffer.count || skipping else { return nil }
                defer { (start, skipping) = (buffer.count, false) }
                return [skipping ? .tooLong : .text(buffer[start...])]
            }
            buffer.removeSubrange(..<start)
            scanned = max(scanned - start, 0)
            start = 0
            if skipping || buffer.count > BatchSession.maximumLineLength {
                skipping = true
                buffer.removeAll(keepingCapacity: true)
                scanned = 0
            }
            let read = Console.readInput(upTo: Self.readSize)
            if read.isEmpty {
                ended = true
            } else {
                // Grown by doubling, but never past the longest line kept and one read.
                if buffer.count + read.count > buffer.capacity {
                    buffer.reserveCapacity(min(max(buffer.capacity * 2, 1 << 16), BatchSession.maximumLineLength + Self.readSize))
                }
                buffer.append(contentsOf: read)
            }
        }
    }
}
