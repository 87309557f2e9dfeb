import ArgumentParser
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
            Each line is one request: {"id": <any JSON, echoed back>, "command": "check" | \
            "expand" | "baseline", ...}. The other fields mirror the command line: "vm" (a VM \
            configuration object) or "model", "version", "set" (an object of parameter values); \
            "to" (a list of destinations, each a list of implementation ids) or "hosts" (an \
            object of host name to implementation ids); "for" for expand; "require" ("all" or \
            "any") for check. Each answer is one line: the document the command prints with \
            --format json, with "id" first, written as soon as it is ready. A request that fails \
            gets a line with "status": "error", and the next request is still answered; blank \
            lines are skipped. End of input ends the session with exit status 0.

            Exit status 2 when the registry cannot be loaded (one error line is printed).
            """
    )

    @OptionGroup var common: CommonOptions

    func validate() throws {
        try common.requireFormat([.text, .json])
    }

    func run() throws {
        let session: BatchSession
        do {
            session = BatchSession(registry: try common.loadRegistry())
        } catch {
            // Standard output carries JSON lines whatever --format says.
            Console.out(ErrorReport.json(error, pretty: false))
            Console.err(ErrorReport.text(error))
            throw ExitCode(2)
        }
        // Requests are answered on every core, and answers written in the order of the
        // requests as soon as each is ready: a caller that waits for each answer before
        // sending the next request gets it at once, and a stream of requests keeps both cores busy.
        let answers = DispatchQueue(label: "migcheck.batch", attributes: .concurrent)
        let inFlight = DispatchSemaphore(value: 256)
        let group = DispatchGroup()
        let output = OrderedOutput()
        var index = 0
        while let line = readLine(strippingNewline: true) {
            if line.allSatisfy({ $0 == " " || $0 == "\t" || $0 == "\r" }) { continue }
            inFlight.wait()
            let position = index
            index += 1
            answers.async(group: group) {
                output.deliver(session.answer(line) + "\n", at: position)
                inFlight.signal()
            }
        }
        group.wait()
    }
}

/// Writes answers in the order of their requests, each as soon as those before it are written.
private final class OrderedOutput: Sendable {
    private struct State {
        var next = 0
        var waiting: [Int: String] = [:]
    }

    private let state = Mutex(State())

    func deliver(_ text: String, at position: Int) {
        state.withLock { state in
            state.waiting[position] = text
            while let ready = state.waiting.removeValue(forKey: state.next) {
                Console.out(ready)
                state.next += 1
            }
        }
    }
}
