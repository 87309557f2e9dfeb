import ArgumentParser
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
        while let line = readLine(strippingNewline: true) {
            if line.allSatisfy({ $0 == " " || $0 == "\t" || $0 == "\r" }) { continue }
            Console.out(session.answer(line) + "\n")
        }
    }
}
