import Synchronization
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

/// Reads whole files with POSIX calls, so that every failure has a clear message.
public enum FileReader {
    /// The bytes of the file at `path`; `-` is standard input.
    ///
    /// - Parameter limit: files larger than this are refused unread.
    /// - Throws: ``InputError`` naming the file: missing, unreadable, a
    ///   directory, or over the limit.
    public static func read(_ path: String, limit: Int = YAMLReader.maximumFileSize) throws(InputError) -> [UInt8] {
        if path == "-" { return try readStandardInput(name: standardInputName, limit: limit) }
        return try read(cPath: PathBytes.cString(path), name: path, limit: limit)
    }

    /// How standard input is named in locations (`<stdin>:3:5`).
    public static let standardInputName = "<stdin>"

    /// Whether standard input was read already: it can be one input of a command, not two.
    private static let standardInputTaken = Mutex(false)

    /// Standard input, to its end (`-`, `qemu-args:-`): a pipe or a terminal is read as a stream.
    ///
    /// - Throws: ``InputError`` when it was read for another input of the command already.
    public static func readStandardInput(name: String, limit: Int = YAMLReader.maximumFileSize) throws(InputError) -> [UInt8] {
        let taken = standardInputTaken.withLock { taken in
            defer { taken = true }
            return taken
        }
        if taken { throw InputError("standard input ('-') is given for two inputs: it can be read once", file: name) }
        var bytes: [UInt8] = []
        try readRest(STDIN_FILENO, into: &bytes, limit: limit, path: name)
        return bytes
    }

    /// The bytes of the file at a raw path (one whose name may not be UTF-8), named `name` in errors.
    static func read(
        cPath: ContiguousArray<CChar>, name path: String, limit: Int = YAMLReader.maximumFileSize
    ) throws(InputError) -> [UInt8] {
        try read(cPath: cPath, name: path, limit: limit, upTo: .max).bytes
    }

    /// The first `prefix` bytes of the file at a raw path, or all of them when it has no more.
    ///
    /// - Returns: the bytes, and whether they are the whole file (then it was read to its end).
    static func read(
        cPath: ContiguousArray<CChar>, name path: String, limit: Int = YAMLReader.maximumFileSize, upTo prefix: Int
    ) throws(InputError) -> (bytes: [UInt8], isWhole: Bool) {
        // Open, then look: opened without blocking (a FIFO would wait for a writer), then the open
        // descriptor says what it is, whatever was at the path a moment before.
        let descriptor = cPath.withUnsafeBufferPointer { open($0.baseAddress!, O_RDONLY | O_CLOEXEC | O_NONBLOCK) }
        guard descriptor >= 0 else {
            throw InputError(errno == EISDIR ? "is a directory, expected a file" : reason(errno), file: path)
        }
        defer { close(descriptor) }
        var info = stat()
        guard fstat(descriptor, &info) == 0 else { throw InputError(reason(errno), file: path) }
        switch info.st_mode & S_IFMT {
        case S_IFREG: break
        case S_IFDIR: throw InputError("is a directory, expected a file", file: path)
        case S_IFIFO: throw InputError("is a FIFO, expected a regular file", file: path)
        case S_IFSOCK: throw InputError("is a socket, expected a regular file", file: path)
        default: throw InputError("is a device, expected a regular file", file: path)
        }
        do {
            let size = Int(info.st_size)
            guard size <= limit else {
                throw InputError("file is larger than 64 MiB (\(info.st_size) bytes)", at: .start(of: path))
            }
            // Read straight into the array, sized by fstat; a file that grew meanwhile is read on below.
            let wanted = min(size, prefix)
            var failure: Int32 = 0
            var bytes = [UInt8](unsafeUninitializedCapacity: wanted) { buffer, count in
                while count < wanted {
                    let read = systemRead(descriptor, buffer.baseAddress! + count, wanted - count)
                    if read < 0 && errno == EINTR { continue }
                    if read < 0 { failure = errno }
                    if read <= 0 { break }
                    count += read
                }
            }
            if failure != 0 { throw InputError(reason(failure), file: path) }
            if wanted < size { return (bytes, false) }
            if bytes.count == size { try readRest(descriptor, into: &bytes, limit: limit, path: path) }
            return (bytes, true)
        }
    }

    /// Appends what is left to read (a pipe, a FIFO, a file that grew) until the end.
    private static func readRest(_ descriptor: Int32, into bytes: inout [UInt8], limit: Int, path: String) throws(InputError) {
        // Small at first: after a whole regular file, the one read that finds its end is all there is.
        var size = 512
        while true {
            let chunk = try readSome(descriptor, upTo: size, name: path)
            if chunk.isEmpty { return }
            bytes.append(contentsOf: chunk)
            size = 1 << 16
            if bytes.count > limit {
                throw InputError("file is larger than 64 MiB", at: .start(of: path))
            }
        }
    }

    /// What one `read` gives, up to `count` bytes: empty at the end of the input. `EINTR` is
    /// retried and `EAGAIN` (a non-blocking input with nothing yet) waited for with `poll`: neither
    /// is the end. Every input is read through here: files, pipes, `batch`'s standard input.
    ///
    /// - Throws: ``InputError`` naming `name` for any other failure.
    public static func readSome(_ descriptor: Int32, upTo count: Int, name: String) throws(InputError) -> [UInt8] {
        var failure: Int32 = 0
        let bytes = [UInt8](unsafeUninitializedCapacity: count) { buffer, initialized in
            initialized = 0
            while true {
                let got = systemRead(descriptor, buffer.baseAddress!, count)
                if got >= 0 {
                    initialized = got
                    return
                }
                switch errno {
                case EINTR: continue
                case EAGAIN, EWOULDBLOCK:
                    var entry = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
                    _ = poll(&entry, 1, -1)
                default:
                    failure = errno
                    return
                }
            }
        }
        if failure != 0 { throw InputError(reason(failure), file: name) }
        return bytes
    }

    /// Words for an errno value, as `strerror` says them, lowercased.
    static func reason(_ code: Int32) -> String {
        switch code {
        case ENOENT: return "no such file or directory"
        case EACCES: return "permission denied"
        case ELOOP: return "too many levels of symbolic links (a symlink loop)"
        case ENOTDIR: return "a component of the path is not a directory"
        default:
            guard let text = strerror(code) else { return "error \(code)" }
            let message = String(cString: text)
            return message.prefix(1).lowercased() + message.dropFirst()
        }
    }
}
