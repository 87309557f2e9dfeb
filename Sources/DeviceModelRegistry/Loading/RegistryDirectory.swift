#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// The files of a registry directory (SPEC 2.1): every `.yaml` and `.yml`
/// below it, recursively, in sorted path order; names starting with `.` skipped.
struct RegistryDirectory {
    /// The directory as the user named it.
    let root: String
    /// Files to read, as `root` joined with their path below it, in sorted path order.
    private(set) var files: [String] = []
    /// Entries that could not be read: a folder without permission, a symlink loop, a file that is not regular.
    private(set) var problems: [Diagnostic] = []

    /// - Throws: ``InputError`` when `root` does not exist or is not a directory.
    init(_ root: String) throws(InputError) {
        self.root = root
        var info = stat()
        guard stat(root, &info) == 0 else {
            throw InputError("registry directory: \(FileReader.reason(errno))", file: root)
        }
        guard (info.st_mode & S_IFMT) == S_IFDIR else {
            throw InputError("registry is not a directory", file: root)
        }
        var found: [String] = []
        walk("", ancestors: [Identity(info)], into: &found)
        files = found.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }.map(display)
        problems.sort { $0.location.file.utf8.lexicographicallyPrecedes($1.location.file.utf8) }
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

    private func display(_ relative: String) -> String {
        if relative.isEmpty { return root }
        return root.hasSuffix("/") ? root + relative : root + "/" + relative
    }

    private static func isYAML(_ name: String) -> Bool {
        name.hasSuffix(".yaml") || name.hasSuffix(".yml")
    }

    private mutating func unreadable(_ relative: String, _ reason: String) {
        problems.append(Diagnostic(.unreadableFile, "cannot read '\(display(relative))': \(reason)", at: .start(of: display(relative))))
    }

    private mutating func walk(_ relative: String, ancestors: [Identity], into found: inout [String]) {
        let path = display(relative)
        guard let directory = opendir(path) else {
            unreadable(relative, FileReader.reason(errno))
            return
        }
        defer { closedir(directory) }
        var names: [String] = []
        while let entry = readdir(directory) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
            }
            if !name.hasPrefix(".") { names.append(name) }
        }
        for name in names {
            let child = relative.isEmpty ? name : relative + "/" + name
            let childPath = display(child)
            var info = stat()
            guard lstat(childPath, &info) == 0 else {
                unreadable(child, FileReader.reason(errno))
                continue
            }
            if (info.st_mode & S_IFMT) == S_IFLNK {
                guard stat(childPath, &info) == 0 else {
                    let code = errno
                    // A dangling link not named like a registry file is nobody's business.
                    if Self.isYAML(name) || code == ELOOP {
                        unreadable(child, code == ENOENT ? "a symlink to nothing" : FileReader.reason(code))
                    }
                    continue
                }
            }
            switch info.st_mode & S_IFMT {
            case S_IFDIR:
                let identity = Identity(info)
                guard !ancestors.contains(identity) else {
                    unreadable(child, "a symlink loop (it leads back to a folder above it)")
                    continue
                }
                walk(child, ancestors: ancestors + [identity], into: &found)
            case S_IFREG:
                if Self.isYAML(name) { found.append(child) }
            default:
                if Self.isYAML(name) { unreadable(child, "not a regular file") }
            }
        }
    }
}
