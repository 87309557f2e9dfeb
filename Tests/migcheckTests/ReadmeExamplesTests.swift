import Foundation
import Testing

/// Every example in README works as written on a fresh clone: each ```console block is run, a
/// `$ ` line a command, in a scratch folder that holds copies of `registry/`, `examples/` and
/// `schemas/` (and `Tests/`, for the fixtures some examples read), with the built `migcheck`
/// first on PATH; what it prints (standard output and error, in order) must be the block's
/// other lines, where a line `...` stands for any number of lines.
///
/// A block right after a line `<!-- not run: WHY -->` is left out (a running QEMU it needs).
@Suite("README examples run as written")
struct ReadmeExamplesTests {
    struct Block: CustomStringConvertible, Sendable {
        var line: Int
        var commands: [String]
        var expected: [String]
        var description: String { "README.md:\(line): \(commands.first ?? "")" }
    }

    static let blocks: [Block] = {
        let readme = (try? String(contentsOf: MigcheckProcess.packageRoot.appendingPathComponent("README.md"), encoding: .utf8)) ?? ""
        var blocks: [Block] = []
        var current: Block?
        var skipNext = false
        for (index, line) in readme.components(separatedBy: "\n").enumerated() {
            if current == nil {
                if line.hasPrefix("<!-- not run:") { skipNext = true; continue }
                if line == "```console" {
                    if skipNext { skipNext = false; current = Block(line: -1, commands: [], expected: []); continue }
                    current = Block(line: index + 1, commands: [], expected: [])
                } else if !line.isEmpty {
                    skipNext = false
                }
                continue
            }
            if line == "```" {
                if let block = current, block.line > 0 { blocks.append(block) }
                current = nil
            } else if line.hasPrefix("$ ") {
                current?.commands.append(String(line.dropFirst(2)))
                current?.expected.append("$ " + String(line.dropFirst(2)))
            } else {
                current?.expected.append(line)
            }
        }
        return blocks
    }()

    @Test("README has console examples to run")
    func found() {
        #expect(Self.blocks.count >= 15)
    }

    @Test("each console example prints what README says", arguments: blocks)
    func example(_ block: Block) throws {
        let scratch = try TemporaryDirectory()
        defer { scratch.remove() }
        let root = MigcheckProcess.packageRoot
        for folder in ["registry", "examples", "schemas"] {
            try FileManager.default.copyItem(at: root.appendingPathComponent(folder), to: scratch.url.appendingPathComponent(folder))
        }
        try FileManager.default.createSymbolicLink(
            at: scratch.url.appendingPathComponent("Tests"), withDestinationURL: root.appendingPathComponent("Tests"))
        // Each command's output is marked by its command line, so that the block is compared as
        // written; the mark keeps the exit status, for a following `echo $?`.
        let script = block.commands.map { "s=$?; echo '$ '\(Self.quoted($0)); (exit $s)\n\($0) 2>&1" }.joined(separator: "\n")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", script]
        process.currentDirectoryURL = scratch.url
        var environment = ProcessInfo.processInfo.environment.filter { !["MIGCHECK_REGISTRY", "NO_COLOR", "COLUMNS"].contains($0.key) }
        environment["PATH"] = try MigcheckProcess.executable().deletingLastPathComponent().path + ":" + (environment["PATH"] ?? "/usr/bin:/bin")
        process.environment = environment
        let output = Pipe()
        process.standardOutput = output
        process.standardError = output
        try process.run()
        let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        // CSV ends its lines with CR LF; README shows lines.
        // Split by byte: CR LF is one Character to Swift.
        var actual = text.utf8.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false).map { line in
            String(decoding: line.last == UInt8(ascii: "\r") ? line.dropLast() : line, as: UTF8.self)
        }
        if actual.last == "" { actual.removeLast() }
        let firstDifference = zip(block.expected, actual).first { $0 != $1 && $0.trimmingCharacters(in: .whitespaces) != "..." }
        #expect(Self.matches(block.expected, actual), "\(block)\nfirst difference: \(String(describing: firstDifference.map { [$0.debugDescription, $1.debugDescription] }))\n--- printed:\n\(actual.joined(separator: "\n"))")
    }

    /// Whether `actual` is `expected` with each `...` line standing for any number of lines.
    static func matches(_ expected: [String], _ actual: [String]) -> Bool {
        guard let first = expected.first else { return actual.isEmpty }
        if first.trimmingCharacters(in: .whitespaces) == "..." {
            let rest = Array(expected.dropFirst())
            return (0...actual.count).contains { matches(rest, Array(actual.dropFirst($0))) }
        }
        guard let line = actual.first, line == first else { return false }
        return matches(Array(expected.dropFirst()), Array(actual.dropFirst()))
    }

    /// A command line as one single-quoted shell word.
    static func quoted(_ text: String) -> String {
        "'" + text.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }
}
