import ArgumentParser
import DeviceModelRegistry
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
        installCrashHandlers()
        // From the raw bytes: a path that is not UTF-8 still names its file (PathBytes).
        let arguments = (1..<Int(CommandLine.argc)).map { index in
            PathBytes.string(UnsafeRawBufferPointer(start: CommandLine.unsafeArgv[index], count: strlen(CommandLine.unsafeArgv[index]!)))
        }
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
            // A misspelt command or option is the likeliest cause, whatever argument-parser met first.
            usageError(misspelling(in: arguments) ?? Migcheck.message(for: error), arguments: arguments)
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

    /// No stack trace (SPEC 9): when the process must die (memory ran out under a limit, which
    /// the runtime reports on the line before, or a bug), one line on standard error and exit 2,
    /// instead of the runtime's multi-page backtrace. SIGPIPE keeps its default: a closed reader
    /// ends migcheck quietly.
    nonisolated(unsafe) private static var alternateStack: UnsafeMutableRawPointer?

    private static func installCrashHandlers() {
        // An alternate stack, so that a stack overflow can still be reported; kept for the whole run.
        let size = 64 << 10
        alternateStack = UnsafeMutableRawPointer.allocate(byteCount: size, alignment: 16)
        var stack = stack_t()
        stack.ss_sp = alternateStack
        stack.ss_size = size
        sigaltstack(&stack, nil)
        for signal in [SIGABRT, SIGILL, SIGTRAP, SIGSEGV, SIGBUS, SIGFPE] {
            var action = sigaction()
            action.__sigaction_handler.sa_handler = { signal in
                // Only async-signal-safe calls: write and _exit.
                let message: StaticString =
                    switch signal {
                    case SIGABRT: "migcheck: error: aborted (out of memory, or a bug in migcheck)\n"
                    case SIGSEGV, SIGBUS: "migcheck: error: invalid memory access (a stack overflow, or a bug in migcheck)\n"
                    default: "migcheck: error: stopped on a failed runtime check (out of memory, or a bug in migcheck)\n"
                    }
                _ = write(STDERR_FILENO, message.utf8Start, message.utf8CodeUnitCount)
                _exit(2)
            }
            action.sa_flags = SA_ONSTACK
            sigemptyset(&action.sa_mask)
            sigaction(signal, &action, nil)
        }
    }

    /// A command or long option that does not exist, answered with the closest one: it is the
    /// likeliest cause of whatever else went wrong (`check --host h.yaml` also lacks destinations).
    static func misspelling(in arguments: [String]) -> String? {
        guard let first = arguments.first, !first.hasPrefix("-"), first != "help" else { return nil }
        let commands = Migcheck.configuration.subcommands
        let names = commands.compactMap { $0.configuration.commandName } + ["help"]
        guard var command = commands.first(where: { $0.configuration.commandName == first }) else {
            let hint = Suggestion.hint(for: first, among: names)
            return "unknown command '\(first)'" + (hint.isEmpty ? "; the commands are " + names.joined(separator: ", ") : hint)
        }
        // `list models`: the options are the nested command's.
        if arguments.count > 1,
            let nested = command.configuration.subcommands.first(where: { $0.configuration.commandName == arguments[1] })
        {
            command = nested
        }
        // The long options the command's help lists: argument-parser has no public list of them.
        let help = command.helpMessage(columns: 10_000)
        let options = Set(help.matches(of: /--[A-Za-z0-9-]+/).map { String($0.output) } + ["--help"])
        for argument in arguments.dropFirst() {
            if argument == "--" { break }
            guard argument.hasPrefix("--") else { continue }
            let name = String(argument.prefix { $0 != "=" })
            if name == "--version" && first == "baseline" {
                return "baseline takes no --version: it answers with the newest version every destination can run "
                    + "(to check one version, use 'migcheck check --model ID --version V')"
            }
            if !options.contains(name) {
                return "unknown option '\(name)' for '\(first)'" + Suggestion.hint(for: name, among: options.sorted())
            }
        }
        return nil
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
