import Foundation
import Testing

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// Every read and write checked: non-blocking pipes, slow readers and writers, over-long lines.
@Suite("Honest I/O: non-blocking pipes, slow peers, lines over 64 MiB")
struct HonestIOTests {
    static let registry = ["--registry", MigcheckProcess.shippedRegistry.path]
    static func request(_ id: Int) -> String {
        #"{"id": \#(id), "command": "expand", "model": "vendor-a.com/my-nic", "version": "1"}"# + "\n"
    }

    private func nonBlocking(_ descriptor: Int32) {
        _ = fcntl(descriptor, F_SETFL, fcntl(descriptor, F_GETFL) | O_NONBLOCK)
    }

    private func batch() throws -> (Process, Pipe, Pipe) {
        let process = Process()
        process.executableURL = try MigcheckProcess.executable()
        process.arguments = ["batch"] + Self.registry
        let input = Pipe(), output = Pipe()
        process.standardInput = input
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        return (process, input, output)
    }

    @Test("a non-blocking standard input with a slow writer: EAGAIN is not the end of the input")
    func slowWriter() throws {
        let (process, input, output) = try batch()
        nonBlocking(input.fileHandleForReading.fileDescriptor)
        try process.run()
        defer { if process.isRunning { process.terminate() } }
        for id in 0..<3 {
            input.fileHandleForWriting.write(Data(Self.request(id).utf8))
            usleep(300_000)
        }
        try input.fileHandleForWriting.close()
        let answers = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        #expect(String(decoding: answers, as: UTF8.self).split(separator: "\n").count == 3)
    }

    @Test("a non-blocking standard output with a slow reader: every answer is written whole")
    func slowReader() throws {
        let (process, input, output) = try batch()
        nonBlocking(output.fileHandleForWriting.fileDescriptor)
        let count = 4_000
        let requests = Data((0..<count).map(Self.request).joined().utf8)
        try process.run()
        defer { if process.isRunning { process.terminate() } }
        let writer = Thread {
            input.fileHandleForWriting.write(requests)
            try? input.fileHandleForWriting.close()
        }
        writer.start()
        var received = Data()
        let reader = output.fileHandleForReading
        while true {
            usleep(2_000)  // slower than migcheck answers: its writes meet a full pipe
            let chunk = reader.availableData
            if chunk.isEmpty { break }
            received.append(chunk)
        }
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        let lines = received.split(separator: UInt8(ascii: "\n"))
        #expect(lines.count == count)
        #expect(received.last == UInt8(ascii: "\n"))
        let lastLine = try #require(lines.last)
        let last = try JSONSerialization.jsonObject(with: Data(lastLine)) as? [String: Any]
        #expect(last?["id"] as? Int == count - 1)
    }

    @Test("a request line over 64 MiB (here 200 MiB) is answered with an error and skipped without being kept; the next is answered")
    func overLongLine() throws {
        let (process, input, output) = try batch()
        try process.run()
        defer { if process.isRunning { process.terminate() } }
        let answered = DispatchSemaphore(value: 0)
        let writer = Thread {
            input.fileHandleForWriting.write(Data(Self.request(1).utf8))
            let chunk = Data(repeating: UInt8(ascii: "x"), count: 1 << 20)
            for _ in 0..<200 { input.fileHandleForWriting.write(chunk) }
            input.fileHandleForWriting.write(Data(("\n" + Self.request(2)).utf8))
            answered.wait()
            try? input.fileHandleForWriting.close()
        }
        writer.start()
        var answers = Data()
        while answers.count(where: { $0 == UInt8(ascii: "\n") }) < 3 {
            let chunk = output.fileHandleForReading.availableData
            if chunk.isEmpty { break }
            answers.append(chunk)
        }
        // The peak resident memory of the running process, before it ends.
        let status = (try? String(contentsOfFile: "/proc/\(process.processIdentifier)/status", encoding: .utf8)) ?? ""
        let peak = status.split(separator: "\n").first { $0.hasPrefix("VmHWM:") }
            .flatMap { Int($0.split(separator: " ", omittingEmptySubsequences: true)[1]) } ?? Int.max
        answered.signal()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        let lines = try answers.split(separator: UInt8(ascii: "\n")).map {
            try #require(try JSONSerialization.jsonObject(with: Data($0)) as? [String: Any])
        }
        #expect(lines.map { $0["status"] as? String } == ["ok", "error", "ok"])
        #expect(((lines[1]["error"] as? [String: Any])?["message"] as? String)?.contains("longer than 64 MiB") == true)
        #expect(lines[2]["id"] as? Int == 2)
        // In KiB: at most the longest line kept (64 MiB) and its parse, never the 200 MiB line.
        #expect(peak < 120 * 1024, "peak resident memory \(peak) KiB")
    }

    @Test("memory that runs out under a limit ends in one line and exit 2, never a stack trace (SPEC 9)")
    func outOfMemory() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let line = #"{"id": ""# + String(repeating: "x", count: 60 << 20) + #"", "command": "expand", "model": "vendor-a.com/my-nic", "version": "1"}"# + "\n"
        try directory.write("big.jsonl", line)
        let run = try MigcheckProcess.shell(
            #"ulimit -v 200000; exec "$0" batch --registry "$1" < big.jsonl > /dev/null"#, [MigcheckProcess.shippedRegistry.path],
            in: directory.url)
        let stderr = run.stderr
        #expect(run.status == 2, "\(stderr.prefix(2000))")
        #expect(stderr.hasSuffix("migcheck: error: aborted (out of memory, or a bug in migcheck)\n"), "\(stderr.prefix(2000))")
        #expect(!stderr.contains("Backtracing") && !stderr.contains("Thread 0"))
        #expect(stderr.split(separator: "\n").count <= 2)
    }

    @Test("check against 30 hosts × 100 implementations under a 200 MB limit: the answer is written as it is made",
          arguments: [["--format", "json"], ["--verbose"]])
    func largeAnswer(_ format: [String]) throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let parameters = (0..<20).map { "  p\($0): {type: bool, default: off}\n" }.joined()
        let settings = (0..<20).map { "p\($0): on" }.joined(separator: ", ")
        try directory.write("reg/models/m.yaml", "model: example.com/m\nparameters:\n\(parameters)versions:\n  - version: \"1\"\n    set: {\(settings)}\n")
        for j in 0..<100 {
            let recognised = (0..<20).filter { ($0 + j) % 2 == 0 }.map { "      p\($0): {}\n" }.joined()
            try directory.write(
                "reg/implementations/i\(j).yaml",
                "implementation: example.com/impl/\(j)\nmodels:\n  example.com/m:\n    parameters:\n\(recognised)")
        }
        let all = (0..<100).map { "example.com/impl/\($0)" }.joined(separator: ", ")
        try directory.write("hosts.yaml", "hosts:\n" + (0..<30).map { "  h\($0): [\(all)]\n" }.joined())
        try directory.write("vm.yaml", "devices:\n  - id: d0\n    model: example.com/m\n    version: \"1\"\n")
        let run = try MigcheckProcess.shell(
            #"ulimit -v 200000; exec "$0" check vm.yaml --hosts hosts.yaml --registry reg "$@""#, format, in: directory.url)
        let stdout = run.stdout
        #expect(run.status == 1, "\(run.stderr.prefix(1000))")
        #expect(stdout.count > 3_000_000)
        if format.contains("json") {
            let document = try JSONSerialization.jsonObject(with: stdout) as? [String: Any]
            #expect((document?["results"] as? [Any])?.count == 30)
        } else {
            #expect(String(decoding: stdout.suffix(200), as: UTF8.self).hasSuffix("vm: 0 of 30 destinations can take it\n"))
        }
    }
}
