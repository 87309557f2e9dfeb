import Foundation

#if canImport(Glibc)
import Glibc
private let systemRead = Glibc.read
#elseif canImport(Musl)
import Musl
private let systemRead = Musl.read
#elseif canImport(Darwin)
import Darwin
private let systemRead = Darwin.read
#endif

/// What one run of the built `migcheck` printed, and how it ended.
struct MigcheckRun: Sendable {
    /// The exit status; `128 + signal` when the process was killed by a signal (a crash).
    var status: Int32
    var stdout: String
    var stderr: String
    /// How long the process ran.
    var duration: Duration

    /// Standard output split into lines, without the empty text after the last line break.
    var lines: [String] {
        var lines = stdout.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        if lines.last == "" { lines.removeLast() }
        return lines
    }
}

/// Runs the `migcheck` executable that `swift build` put next to the test bundle.
enum MigcheckProcess {
    /// The package root, found from this file's path (`Tests/migcheckTests/Support/`).
    static let packageRoot: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent()  // Support
        .deletingLastPathComponent()  // migcheckTests
        .deletingLastPathComponent()  // Tests
        .deletingLastPathComponent()

    /// The registry the repository ships.
    static var shippedRegistry: URL { packageRoot.appendingPathComponent("registry") }

    /// Variables removed from the inherited environment, so that the caller's shell cannot steer a test.
    private static let scrubbed: Set<String> = ["MIGCHECK_REGISTRY", "NO_COLOR", "FORCE_COLOR", "CLICOLOR", "CLICOLOR_FORCE"]

    enum Failure: Error, CustomStringConvertible {
        case executableNotFound([String])
        case timedOut([String], Duration)
        case terminalUnavailable

        var description: String {
            switch self {
            case .executableNotFound(let places):
                "the migcheck executable was not found (looked in \(places.joined(separator: ", "))); run 'swift build' first"
            case .timedOut(let arguments, let limit):
                "migcheck \(arguments.joined(separator: " ")) did not finish within \(limit): killed"
            case .terminalUnavailable:
                "no pseudo-terminal could be opened"
            }
        }
    }

    /// Runs `migcheck` with `arguments` and waits for it, at most `timeout`.
    ///
    /// - Parameters:
    ///   - environment: variables set on top of the inherited environment (from which
    ///     `MIGCHECK_REGISTRY` and `NO_COLOR` are removed).
    ///   - currentDirectory: the working directory; the test process's own when nil.
    ///   - stdin: written to standard input, then closed; `/dev/null` when nil.
    ///   - terminal: standard output is a pseudo-terminal instead of a pipe.
    ///   - timeout: a process still running then is killed and the run throws.
    /// - Throws: ``Failure`` when the executable is missing or the run times out.
    static func run(
        _ arguments: [String],
        environment: [String: String] = [:],
        currentDirectory: URL? = nil,
        stdin: Data? = nil,
        terminal: Bool = false,
        timeout: Duration = .seconds(20)
    ) throws -> MigcheckRun {
        let process = Process()
        process.executableURL = try executable()
        process.arguments = arguments
        var variables = ProcessInfo.processInfo.environment.filter { !scrubbed.contains($0.key) }
        variables.merge(environment) { _, new in new }
        process.environment = variables
        if let currentDirectory { process.currentDirectoryURL = currentDirectory }

        let output = Collector()
        let errors = Collector()
        let readers = DispatchGroup()

        let errorPipe = Pipe()
        process.standardError = errorPipe
        var terminalSide: FileHandle?
        var terminalMaster: Int32 = -1
        let outputPipe = Pipe()
        if terminal {
            let (master, slave) = try openTerminal()
            terminalMaster = master
            terminalSide = FileHandle(fileDescriptor: slave, closeOnDealloc: true)
            process.standardOutput = terminalSide
        } else {
            process.standardOutput = outputPipe
        }
        let inputPipe = Pipe()
        process.standardInput = stdin == nil ? FileHandle.nullDevice : inputPipe

        let finished = DispatchSemaphore(value: 0)
        process.terminationHandler = { _ in finished.signal() }
        let start = ContinuousClock.now
        do {
            try process.run()
        } catch {
            if terminal { close(terminalMaster) }
            throw error
        }

        read(errorPipe.fileHandleForReading, into: errors, group: readers)
        if terminal {
            // Our copy of the terminal's child side must close, or the master never sees the end.
            try? terminalSide?.close()
            readTerminal(terminalMaster, into: output, group: readers)
        } else {
            read(outputPipe.fileHandleForReading, into: output, group: readers)
        }
        if let stdin {
            // A child that exits before reading all its input must not take the test runner
            // down with SIGPIPE: the write fails with EPIPE instead.
            signal(SIGPIPE, SIG_IGN)
            let writer = inputPipe.fileHandleForWriting
            DispatchQueue.global().async {
                try? writer.write(contentsOf: stdin)
                try? writer.close()
            }
        }

        let seconds = Double(timeout.components.seconds) + Double(timeout.components.attoseconds) / 1e18
        if finished.wait(timeout: .now() + seconds) == .timedOut {
            kill(process.processIdentifier, SIGKILL)
            finished.wait()
            _ = readers.wait(timeout: .now() + 5)
            throw Failure.timedOut(arguments, timeout)
        }
        let duration = ContinuousClock.now - start
        _ = readers.wait(timeout: .now() + 10)

        let status = process.terminationReason == .uncaughtSignal
            ? 128 + process.terminationStatus
            : process.terminationStatus
        return MigcheckRun(
            status: status,
            stdout: String(decoding: output.data, as: UTF8.self),
            stderr: String(decoding: errors.data, as: UTF8.self),
            duration: duration)
    }

    /// The built executable, beside the test bundle.
    ///
    /// On Linux the test runner is `.build/<triple>/debug/<package>PackageTests.xctest`, an executable
    /// in the same folder as `migcheck`; on macOS the `.xctest` bundle sits in that folder.
    static func executable() throws -> URL {
        var folders: [URL] = [Bundle.main.bundleURL, Bundle.main.bundleURL.deletingLastPathComponent()]
        for bundle in Bundle.allBundles where bundle.bundleURL.pathExtension == "xctest" {
            folders.append(bundle.bundleURL.deletingLastPathComponent())
        }
        folders.append(URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent())
        for folder in folders {
            let candidate = folder.appendingPathComponent("migcheck")
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: candidate.path, isDirectory: &isDirectory), !isDirectory.boolValue,
                FileManager.default.isExecutableFile(atPath: candidate.path)
            {
                return candidate
            }
        }
        throw Failure.executableNotFound(folders.map(\.path))
    }

    /// Whether a pseudo-terminal can be opened here.
    static var terminalIsAvailable: Bool {
        guard let (master, slave) = try? openTerminal() else { return false }
        close(master)
        close(slave)
        return true
    }

    /// A new pseudo-terminal: (master, child side).
    private static func openTerminal() throws -> (Int32, Int32) {
        let master = Terminal.openMaster(O_RDWR | O_NOCTTY)
        guard master >= 0 else { throw Failure.terminalUnavailable }
        guard Terminal.grant(master) == 0, Terminal.unlock(master) == 0, let name = Terminal.name(master) else {
            close(master)
            throw Failure.terminalUnavailable
        }
        let slave = open(name, O_RDWR | O_NOCTTY)
        guard slave >= 0 else {
            close(master)
            throw Failure.terminalUnavailable
        }
        return (master, slave)
    }

    private static func read(_ handle: FileHandle, into collector: Collector, group: DispatchGroup) {
        group.enter()
        DispatchQueue.global().async {
            collector.append(readToEnd(handle))
            group.leave()
        }
    }

    /// Reads a terminal's master side until the child side is closed everywhere (Linux: `EIO`).
    private static func readTerminal(_ master: Int32, into collector: Collector, group: DispatchGroup) {
        group.enter()
        DispatchQueue.global().async {
            var buffer = [UInt8](repeating: 0, count: 1 << 16)
            while true {
                let count = buffer.withUnsafeMutableBytes { systemRead(master, $0.baseAddress, $0.count) }
                if count < 0 && errno == EINTR { continue }
                if count <= 0 { break }
                collector.append(Data(buffer[0..<count]))
            }
            close(master)
            group.leave()
        }
    }
}

/// Bytes gathered by a reader thread.
private final class Collector: @unchecked Sendable {
    private let lock = NSLock()
    private var bytes = Data()

    func append(_ data: Data) {
        lock.lock()
        bytes.append(data)
        lock.unlock()
    }

    var data: Data {
        lock.lock()
        defer { lock.unlock() }
        return bytes
    }
}

/// The pseudo-terminal calls. Glibc's module map hides them (they need `_XOPEN_SOURCE`),
/// so on Linux they are looked up at run time.
private enum Terminal {
    #if canImport(Darwin)
    static func openMaster(_ flags: Int32) -> Int32 { posix_openpt(flags) }
    static func grant(_ fd: Int32) -> Int32 { grantpt(fd) }
    static func unlock(_ fd: Int32) -> Int32 { unlockpt(fd) }
    static func name(_ fd: Int32) -> UnsafeMutablePointer<CChar>? { ptsname(fd) }
    #else
    private typealias IntFunction = @convention(c) (Int32) -> Int32
    private typealias NameFunction = @convention(c) (Int32) -> UnsafeMutablePointer<CChar>?

    private static func symbol<T>(_ name: String, as type: T.Type) -> T? {
        guard let address = dlsym(UnsafeMutableRawPointer(bitPattern: 0), name) else { return nil }
        return unsafeBitCast(address, to: type)
    }

    static func openMaster(_ flags: Int32) -> Int32 { symbol("posix_openpt", as: IntFunction.self)?(flags) ?? -1 }
    static func grant(_ fd: Int32) -> Int32 { symbol("grantpt", as: IntFunction.self)?(fd) ?? -1 }
    static func unlock(_ fd: Int32) -> Int32 { symbol("unlockpt", as: IntFunction.self)?(fd) ?? -1 }
    static func name(_ fd: Int32) -> UnsafeMutablePointer<CChar>? { symbol("ptsname", as: NameFunction.self)?(fd) }
    #endif
}

/// Everything a pipe or file gives until its end, retrying reads a signal interrupts
/// (Foundation's `readDataToEndOfFile` traps on `EINTR`).
func readToEnd(_ handle: FileHandle) -> Data {
    var data = Data()
    var buffer = [UInt8](repeating: 0, count: 1 << 16)
    while true {
        let count = buffer.withUnsafeMutableBytes { systemRead(handle.fileDescriptor, $0.baseAddress, $0.count) }
        if count < 0 && errno == EINTR { continue }
        if count <= 0 { break }
        data.append(contentsOf: buffer[0..<count])
    }
    return data
}

extension MigcheckProcess {
    /// Runs `script` with `/bin/sh -c`, `$0` the built migcheck and `$1`... `arguments`, in
    /// `directory`: for what Foundation cannot give a process (argument bytes that are not UTF-8,
    /// a `ulimit`, a redirection). Standard error is read after standard output: keep it short.
    static func shell(_ script: String, _ arguments: [String] = [], in directory: URL) throws -> (status: Int32, stdout: Data, stderr: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", script, try executable().path] + arguments
        process.currentDirectoryURL = directory
        let output = Pipe(), errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        try process.run()
        let stdout = output.fileHandleForReading.readDataToEndOfFile()
        let stderr = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        return (process.terminationStatus, stdout, stderr)
    }
}
