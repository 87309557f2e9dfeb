#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// The files of a registry directory (SPEC 2.1): every `.yaml` and `.yml`
/// below it, recursively, in sorted path order; names starting with `.` skipped.
///
/// Paths are kept as bytes, so a file whose name is not UTF-8 is still read;
/// only the name shown to people is decoded.
struct RegistryDirectory {
    /// A file to read: its raw path and the name it is shown by.
    struct File: Sendable {
        /// `root` joined with the path below it, as shown in locations.
        let name: String
        let path: ContiguousArray<CChar>
    }

    /// The directory as the user named it.
    let root: String
    /// In sorted path order.
    private(set) var files: [File] = []
    /// Entries that could not be read: a folder without permission, a symlink loop, a file that is not regular.
    private(set) var problems: [Diagnostic] = []
    /// Every name, readable or not, in sorted path order: the order findings are reported in.
    private(set) var order: [String] = []

    /// - Throws: ``InputError`` when `root` does not exist or is not a directory.
    init(_ root: String) throws(InputError) {
        self.root = root
        var info = stat()
        guard PathBytes.cString(root).withUnsafeBufferPointer({ stat($0.baseAddress!, &info) }) == 0 else {
            throw InputError("cannot read registry directory '\(root)': \(FileReader.reason(errno))", file: root)
        }
        guard (info.st_mode & S_IFMT) == S_IFDIR else {
            throw InputError("registry '\(root)' is not a directory", file: root)
        }
        var found: [[UInt8]] = []
        var unreadable: [(relative: [UInt8], diagnostic: Diagnostic)] = []
        walk([], ancestors: [Identity(info)], found: &found, unreadable: &unreadable)
        found.sort { $0.lexicographicallyPrecedes($1) }
        unreadable.sort { $0.relative.lexicographicallyPrecedes($1.relative) }
        files = found.map { File(name: display($0), path: cPath($0)) }
        problems = unreadable.map(\.diagnostic)
        order = (found + unreadable.map(\.relative)).sorted { $0.lexicographicallyPrecedes($1) }.map(display)
    }

    /// A directory's identity, to tell a symlink loop from a deep tree.
    private struct Identity: Hashable {
        var device: UInt64
        var inode: UInt64
        init(_ info: stat) {
            device = UInt64(info.st_dev)
            inode = UInt64(info.st_ino)
        }
    }

    private func display(_ relative: [UInt8]) -> String {
        if relative.isEmpty { return root }
        let below = PathBytes.string(relative)
        return root.hasSuffix("/") ? root + below : root + "/" + below
    }

    private func cPath(_ relative: [UInt8]) -> ContiguousArray<CChar> {
        var bytes = PathBytes.bytes(root)
        if !relative.isEmpty {
            if bytes.last != UInt8(ascii: "/") { bytes.append(UInt8(ascii: "/")) }
            bytes += relative
        }
        return ContiguousArray(bytes.map { CChar(bitPattern: $0) } + [0])
    }

    private static func isYAML(_ name: [UInt8]) -> Bool {
        name.ends(with: Array(".yaml".utf8)) || name.ends(with: Array(".yml".utf8))
    }

    private func walk(
        _ relative: [UInt8], ancestors: [Identity], found: inout [[UInt8]],
        unreadable: inout [(relative: [UInt8], diagnostic: Diagnostic)]
    ) {
        func report(_ path: [UInt8], _ reason: String) {
            let name = display(path)
            unreadable.append((path, Diagnostic(.unreadableFile, "cannot read '\(name)': \(reason)", at: .start(of: name))))
        }
        guard let directory = cPath(relative).withUnsafeBufferPointer({ opendir($0.baseAddress!) }) else {
            report(relative, FileReader.reason(errno))
            return
        }
        var names: [[UInt8]] = []
        while let entry = readdir(directory) {
            // Read in place up to the NUL: the entry may end before d_name's 256 bytes do.
            let name = withUnsafePointer(to: &entry.pointee.d_name) { tuple in
                tuple.withMemoryRebound(to: UInt8.self, capacity: 256) { start in
                    Array(UnsafeBufferPointer(start: start, count: strlen(UnsafeRawPointer(start).assumingMemoryBound(to: CChar.self))))
                }
            }
            if name.first != UInt8(ascii: ".") { names.append(name) }
        }
        closedir(directory)
        for name in names {
            let child = relative.isEmpty ? name : relative + [UInt8(ascii: "/")] + name
            let path = cPath(child)
            var info = stat()
            guard path.withUnsafeBufferPointer({ lstat($0.baseAddress!, &info) }) == 0 else {
                report(child, FileReader.reason(errno))
                continue
            }
            if (info.st_mode & S_IFMT) == S_IFLNK {
                guard path.withUnsafeBufferPointer({ stat($0.baseAddress!, &info) }) == 0 else {
                    let code = errno
                    // A dangling link not named like a registry file is nobody's business.
                    if Self.isYAML(name) || code == ELOOP {
                        report(child, code == ENOENT ? "a symlink to nothing" : FileReader.reason(code))
                    }
                    continue
                }
            }
            switch info.st_mode & S_IFMT {
            case S_IFDIR:
                let identity = Identity(info)
                guard !ancestors.contains(identity) else {
                    report(child, "a symlink loop (it leads back to a folder above it)")
                    continue
                }
                walk(child, ancestors: ancestors + [identity], found: &found, unreadable: &unreadable)
            case S_IFREG:
                if Self.isYAML(name) { found.append(child) }
            default:
                if Self.isYAML(name) { report(child, "not a regular file") }
            }
        }
    }
}

extension Array where Element == UInt8 {
    fileprivate func ends(with suffix: [UInt8]) -> Bool {
        count >= suffix.count && self[(count - suffix.count)...].elementsEqual(suffix)
    }
}

/// The registry files of a directory, for tools that write registries.
public enum RegistryFiles {
    /// Every `.yaml` and `.yml` file below `directory`, as paths relative to it, in sorted path
    /// order; none when the directory does not exist.
    public static func relativePaths(below directory: String) -> [String] {
        guard let listing = try? RegistryDirectory(directory) else { return [] }
        let prefix = directory.hasSuffix("/") ? directory : directory + "/"
        return listing.files.map { String($0.name.dropFirst(prefix.count)) }
    }
}
