public import DeviceModelRegistry
import MigrationCheck

#if canImport(Glibc)
import Glibc
private let systemSend = Glibc.send
private let systemRead = Glibc.read
#elseif canImport(Musl)
import Musl
private let systemSend = Musl.send
private let systemRead = Musl.read
#endif

/// A QMP session (JSON lines over a UNIX socket or a pair of pipes), past its greeting and
/// `qmp_capabilities`. Closes its descriptors when it ends, on every path.
///
/// Answers are read with the project's JSON reader (libyaml); events are skipped. Every read
/// waits at most ``timeout`` for QEMU, and says so when it gives up.
final class QMPConnection {
    /// A command's answer: its `return`, or QEMU's error text.
    typealias Answer = Result<YAMLNode, QMPError>

    struct QMPError: Error {
        var message: String
    }

    private let input: Int32
    private let output: Int32
    private let ownsDescriptors: Bool
    /// Where it talks to, for messages: `qmp:/run/vm.sock`, `qemu-system-x86_64`.
    let peer: String
    let timeout: Double
    /// Bytes read and not yet taken; the unread part starts at ``start``.
    private var buffer: [UInt8] = []
    private var start = 0
    private var chunk = [UInt8](repeating: 0, count: 65536)
    private var nextID = 0

    /// Connects to a QMP UNIX socket.
    ///
    /// - Throws: ``InputError`` when the path is no socket, nothing listens, or what answers is not QMP.
    convenience init(socket path: String, timeout: Double) throws(InputError) {
        let peer = "qmp:\(path)"
        var info = stat()
        guard PathBytes.cString(path).withUnsafeBufferPointer({ stat($0.baseAddress!, &info) }) == 0 else {
            throw InputError("\(peer): \(String(cString: strerror(errno)))")
        }
        guard (info.st_mode & S_IFMT) == S_IFSOCK else {
            throw InputError("\(peer): not a socket: expected the QMP UNIX socket of a running QEMU")
        }
        let descriptor = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard descriptor >= 0 else { throw InputError("\(peer): \(String(cString: strerror(errno)))") }
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        let bytes = PathBytes.bytes(path)
        let capacity = MemoryLayout.size(ofValue: address.sun_path)
        guard bytes.count < capacity else {
            close(descriptor)
            throw InputError("\(peer): the path is longer than a UNIX socket path may be (\(capacity - 1) bytes)")
        }
        withUnsafeMutableBytes(of: &address.sun_path) { raw in
            raw.copyBytes(from: bytes)
            raw[bytes.count] = 0
        }
        let connected = withUnsafePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(descriptor, $0, socklen_t(MemoryLayout<sockaddr_un>.size))
            }
        }
        guard connected == 0 else {
            let reason = String(cString: strerror(errno))
            close(descriptor)
            throw InputError("\(peer): cannot connect: \(reason)")
        }
        try self.init(input: descriptor, output: descriptor, owns: true, peer: peer, timeout: timeout)
    }

    /// A session on descriptors already open (a child's standard output and input).
    ///
    /// - Parameter owns: close them when the session ends.
    init(input: Int32, output: Int32, owns: Bool, peer: String, timeout: Double) throws(InputError) {
        self.input = input
        self.output = output
        ownsDescriptors = owns
        self.peer = peer
        self.timeout = timeout
        let greeting = try readMessage()
        guard JSONText.member(greeting, "QMP") != nil else {
            throw InputError("\(peer): the peer does not speak QMP: its first message has no 'QMP' greeting")
        }
        if case .failure(let error) = try execute("qmp_capabilities") {
            throw InputError("\(peer): qmp_capabilities failed: \(error.message)")
        }
    }

    deinit {
        if ownsDescriptors {
            close(input)
            if output != input { close(output) }
        }
    }

    /// Runs one command.
    ///
    /// - Parameter arguments: the command's arguments as a JSON object, or nil.
    func execute(_ command: String, _ arguments: JSONValue? = nil) throws(InputError) -> Answer {
        try executeAll([(command, arguments)])[0]
    }

    /// Sends the commands in one write and reads their answers: one round trip.
    func executeAll(_ commands: [(String, JSONValue?)]) throws(InputError) -> [Answer] {
        guard !commands.isEmpty else { return [] }
        let first = nextID
        var text = ""
        for (command, arguments) in commands {
            text += JSONValue.object([
                ("execute", .string(command)), ("arguments", arguments), ("id", .int(Int64(nextID))),
            ]).serialized(pretty: false) + "\n"
            nextID += 1
        }
        try write(Array(text.utf8))
        var answers = [Answer?](repeating: nil, count: commands.count)
        var remaining = commands.count
        while remaining > 0 {
            let message = try readMessage()
            if JSONText.member(message, "event") != nil { continue }
            guard let idNode = JSONText.member(message, "id"), let id = Int(idNode.text), id >= first,
                id - first < commands.count, answers[id - first] == nil
            else {
                throw InputError("\(peer): QEMU answered with a message that answers no command sent")
            }
            if let value = JSONText.member(message, "return") {
                answers[id - first] = .success(value)
            } else if let error = JSONText.member(message, "error") {
                let description = JSONText.member(error, "desc")?.text ?? "an error"
                answers[id - first] = .failure(QMPError(message: description))
            } else {
                throw InputError("\(peer): QEMU's answer has neither 'return' nor 'error'")
            }
            remaining -= 1
        }
        return answers.map { $0! }
    }

    private func write(_ bytes: [UInt8]) throws(InputError) {
        var offset = 0
        while offset < bytes.count {
            let written = bytes[offset...].withUnsafeBytes { systemSend(output, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            if written < 0 {
                if errno == EINTR { continue }
                if errno == EAGAIN { try wait(for: output, events: Int16(POLLOUT)); continue }
                throw InputError("\(peer): cannot send to QEMU: \(String(cString: strerror(errno)))")
            }
            offset += written
        }
    }

    /// The next JSON line.
    private func readMessage() throws(InputError) -> YAMLNode {
        var searched = start
        while true {
            if let newline = buffer[searched...].firstIndex(of: UInt8(ascii: "\n")) {
                let line = buffer[start..<newline]
                start = newline + 1
                if line.allSatisfy({ $0 == UInt8(ascii: "\r") || $0 == UInt8(ascii: " ") }) {
                    searched = start
                    continue
                }
                let text = String(decoding: line, as: UTF8.self)
                do {
                    return try JSONText.document(text, what: "\(peer)'s message")
                } catch {
                    throw InputError("\(peer): the peer does not speak QMP: \(error.message)")
                }
            }
            searched = buffer.count
            guard buffer.count - start < YAMLReader.maximumFileSize else {
                throw InputError("\(peer): a QMP message longer than \(YAMLReader.maximumFileSize >> 20) MiB")
            }
            // What was taken is dropped before reading more, so the buffer stays as small as one message.
            if start > 0 {
                buffer.removeSubrange(..<start)
                searched -= start
                start = 0
            }
            try wait(for: input, events: Int16(POLLIN))
            let count = chunk.withUnsafeMutableBytes { systemRead(input, $0.baseAddress, $0.count) }
            if count < 0 {
                if errno == EINTR || errno == EAGAIN { continue }
                throw InputError("\(peer): cannot read from QEMU: \(String(cString: strerror(errno)))")
            }
            if count == 0 {
                throw InputError("\(peer): QEMU closed the connection before it answered")
            }
            buffer.append(contentsOf: chunk[..<count])
        }
    }

    private func wait(for descriptor: Int32, events: Int16) throws(InputError) {
        var entry = pollfd(fd: descriptor, events: events, revents: 0)
        let milliseconds = Int32(max(1, timeout * 1000))
        while true {
            let ready = poll(&entry, 1, milliseconds)
            if ready > 0 { return }
            if ready == 0 {
                throw InputError("\(peer): no answer from QEMU within \(Self.seconds(timeout)) s")
            }
            if errno != EINTR { throw InputError("\(peer): \(String(cString: strerror(errno)))") }
        }
    }

    private static func seconds(_ value: Double) -> String {
        value == value.rounded() ? String(Int(value)) : String(value)
    }
}
