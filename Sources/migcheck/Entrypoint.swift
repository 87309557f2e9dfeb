import ArgumentParser
import MigrationCheck

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Parses the command line, runs the command and exits with SPEC 8's status:
/// usage errors are 2, like every other kind of trouble.
@main
enum Entrypoint {
    static func main() {
        let arguments = Array(CommandLine.arguments.dropFirst())
        // Handled here rather than by a root `--version` flag, which argument-parser would
        // also match after a subcommand, taking the name from `expand --version V`.
        if arguments == ["--version"] {
            Console.out("migcheck \(Migcheck.version)\n")
            exit(0)
        }
        if arguments.isEmpty {
            Console.err(Migcheck.helpMessage() + "\n")
            usageError("a command is needed", arguments: arguments)
        }
        var command: any ParsableCommand
        do {
            command = try Migcheck.parseAsRoot(arguments)
        } catch {
            let code = Migcheck.exitCode(for: error)
            if code == .success {
                // --help, --version: argument-parser's text, to standard output.
                Console.out(Migcheck.fullMessage(for: error) + "\n")
                exit(0)
            }
            usageError(Migcheck.message(for: error), arguments: arguments)
        }
        do {
            try command.run()
        } catch let code as ExitCode {
            exit(code.rawValue)
        } catch {
            // `migcheck help COMMAND` runs a command that throws the help request.
            let code = Migcheck.exitCode(for: error)
            if code == .success {
                Console.out(Migcheck.fullMessage(for: error) + "\n")
                exit(0)
            }
            usageError(Migcheck.message(for: error), arguments: arguments)
        }
        exit(0)
    }

    /// Reports a usage error (in JSON too when `--format json` was asked for) and exits 2.
    private static func usageError(_ message: String, arguments: [String]) -> Never {
        var message = message
        for prefix in ["Error: ", "error: "] where message.hasPrefix(prefix) {
            message.removeFirst(prefix.count)
        }
        // Messages start lowercase, like migcheck's own.
        if let first = message.first, first.isUppercase, message.dropFirst().first?.isLowercase == true {
            message = first.lowercased() + message.dropFirst()
        }
        let wantsJSON = zip(arguments, arguments.dropFirst()).contains { $0 == "--format" && $1 == "json" }
            || arguments.contains("--format=json")
        if wantsJSON {
            Console.out(ErrorReport.json(.init(message)))
        }
        Console.err("migcheck: error: \(message)\nSee 'migcheck --help'.\n")
        exit(2)
    }
}
