public import DeviceModelRegistry

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// A QEMU started with QMP on its standard input and output. It owns the process: when it
/// ends, QEMU is quit, then killed if it lingers, and always waited for.
final class QEMUProcess {
    let binary: String
    private(set) var qmp: QMPConnection!
    private let pid: pid_t
    /// Standard error's read end; -1 once closed, so that a second ``finish()`` (deinit's) closes nothing.
    private var errorOutput: Int32
    private var reaped = false

    /// Starts `binary arguments... -qmp stdio` and opens its QMP session.
    ///
    /// - Throws: ``InputError`` when the binary cannot be started, exits, or does not speak QMP;
    ///   the message carries what QEMU printed on standard error.
    init(binary: String, arguments: [String], timeout: Double) throws(InputError) {
        self.binary = binary
        // A socket pair, not pipes, carries QMP: sending to a QEMU that died is an error (EPIPE), not SIGPIPE.
        var channel: [Int32] = [0, 0]
        var errors: [Int32] = [0, 0]
        guard socketpair(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0, &channel) == 0, pipe(&errors) == 0 else {
            throw InputError("cannot start '\(binary)': \(String(cString: strerror(errno)))")
        }
        for descriptor in channel + errors { _ = fcntl(descriptor, F_SETFD, FD_CLOEXEC) }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_adddup2(&actions, channel[1], 0)
        posix_spawn_file_actions_adddup2(&actions, channel[1], 1)
        posix_spawn_file_actions_adddup2(&actions, errors[1], 2)
        let argv = [binary] + arguments + ["-qmp", "stdio"]
        var cArguments: [UnsafeMutablePointer<CChar>?] = argv.map { strdup($0) } + [nil]
        defer { cArguments.forEach { free($0) } }
        var child: pid_t = 0
        let spawned = posix_spawnp(&child, binary, &actions, nil, &cArguments, environ)
        close(channel[1])
        close(errors[1])
        guard spawned == 0 else {
            close(channel[0])
            close(errors[0])
            throw InputError("cannot start '\(binary)': \(String(cString: strerror(spawned)))")
        }
        pid = child
        errorOutput = errors[0]
        _ = fcntl(errorOutput, F_SETFL, fcntl(errorOutput, F_GETFL) | O_NONBLOCK)
        do {
            qmp = try QMPConnection(input: channel[0], output: channel[0], owns: true, peer: binary, timeout: timeout)
        } catch {
            let stderr = finish()
            throw InputError(
                "'\(binary)' did not start as a QEMU with QMP: \(error.message)" + (stderr.isEmpty ? "" : "; it said: \(stderr)"))
        }
    }

    deinit {
        _ = finish()
    }

    /// Quits QEMU (over QMP, then by signal) and waits for it.
    ///
    /// - Returns: what it printed on standard error, one line.
    @discardableResult
    func finish() -> String {
        if !reaped {
            if let qmp { _ = try? qmp.execute("quit") }
            qmp = nil
            if !waitExit(seconds: 3) {
                kill(pid, SIGKILL)
                var status: Int32 = 0
                while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
            }
            reaped = true
        }
        var text: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 4096)
        while errorOutput >= 0 {
            let count = chunk.withUnsafeMutableBytes { read(errorOutput, $0.baseAddress, $0.count) }
            if count <= 0 || text.count > 65536 { break }
            text.append(contentsOf: chunk[..<count])
        }
        if errorOutput >= 0 {
            close(errorOutput)
            errorOutput = -1
        }
        let lines = String(decoding: text, as: UTF8.self).split(separator: "\n").map(String.init)
        // QEMU's own messages start with its name; libraries (ALSA, say) print other lines.
        let name = (binary.split(separator: "/").last.map(String.init) ?? binary) + ": "
        let own = lines.filter { $0.hasPrefix(name) && !$0.contains("warning:") }.map { String($0.dropFirst(name.count)) }
        return (own.isEmpty ? lines.filter { !$0.contains("warning:") } : own).prefix(3).joined(separator: "; ")
    }

    private func waitExit(seconds: Double) -> Bool {
        var status: Int32 = 0
        let deadline = Double(seconds) * 100
        var waited = 0.0
        while waited < deadline {
            let result = waitpid(pid, &status, WNOHANG)
            if result == pid || (result < 0 && errno == ECHILD) { return true }
            usleep(10_000)
            waited += 1
        }
        return false
    }
}
