#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
#if os(Linux)
internal import CSystemExtras
#endif

/// The files of a registry directory (SPEC 2.1): every `.yaml` and `.yml`
/// below it, recursively, in sorted path order; names starting with `.` skipped.
///
/// Symlinks are followed, and each directory (by device and inode) is read once,
/// at the path that comes first in sorted order: folders that link to one another
/// many times over cost what the folders themselves cost, and a link back to a
/// folder above it is reported as a loop. A folder on a pseudo file system (procfs,
/// sysfs and the like, as the kernel names it with `statfs`) is not read.
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
        var walk = Walk(directory: self)
        walk.run(from: Identity(info))
        walk.found.sort { $0.lexicographicallyPrecedes($1) }
        walk.unreadable.sort { $0.relative.lexicographicallyPrecedes($1.relative) }
        files = walk.found.map { File(name: display($0), path: cPath($0)) }
        problems = walk.unreadable.map(\.diagnostic)
        // Both lists are sorted: merged, not sorted again, and the files' names not made again.
        var merged: [String] = []
        merged.reserveCapacity(files.count + walk.unreadable.count)
        var (file, other) = (0, 0)
        while file < files.count || other < walk.unreadable.count {
            if other == walk.unreadable.count
                || file < files.count && walk.found[file].lexicographicallyPrecedes(walk.unreadable[other].relative)
            {
                merged.append(files[file].name)
                file += 1
            } else {
                merged.append(display(walk.unreadable[other].relative))
                other += 1
            }
        }
        order = merged
    }

    /// A directory's identity, to tell a folder reached again from a new one.
    fileprivate struct Identity: Hashable {
        var device: UInt64
        var inode: UInt64
        init(_ info: stat) {
            device = UInt64(info.st_dev)
            inode = UInt64(info.st_ino)
        }
    }

    /// The folders from the root down to a folder, shared by all the folders below it.
    fileprivate final class Chain {
        let identity: Identity
        let parent: Chain?
        init(_ identity: Identity, parent: Chain?) {
            self.identity = identity
            self.parent = parent
        }

        func contains(_ identity: Identity) -> Bool {
            var link: Chain? = self
            while let current = link {
                if current.identity == identity { return true }
                link = current.parent
            }
            return false
        }
    }

    fileprivate func display(_ relative: [UInt8]) -> String {
        if relative.isEmpty { return root }
        let below = PathBytes.string(relative)
        return root.hasSuffix("/") ? root + below : root + "/" + below
    }

    fileprivate func cPath(_ relative: [UInt8]) -> ContiguousArray<CChar> {
        var bytes = PathBytes.bytes(root)
        if !relative.isEmpty {
            if bytes.last != UInt8(ascii: "/") { bytes.append(UInt8(ascii: "/")) }
            bytes += relative
        }
        return ContiguousArray(bytes.map { CChar(bitPattern: $0) } + [0])
    }

    fileprivate static func isYAML(_ name: [UInt8]) -> Bool {
        name.ends(with: Array(".yaml".utf8)) || name.ends(with: Array(".yml".utf8))
    }
}

/// One walk of a registry directory: folders read in sorted path order, each once.
private struct Walk {
    /// A folder found and not yet read.
    struct Pending {
        var relative: [UInt8]
        var identity: RegistryDirectory.Identity
        /// The folders above it, from its parent up.
        var above: RegistryDirectory.Chain?
    }

    let directory: RegistryDirectory
    var found: [[UInt8]] = []
    var unreadable: [(relative: [UInt8], diagnostic: Diagnostic)] = []
    /// The folders read so far.
    private var read: Set<RegistryDirectory.Identity> = []
    /// A min-heap by path: the folder read next is the one first in sorted order.
    private var pending: [Pending] = []

    init(directory: RegistryDirectory) {
        self.directory = directory
    }

    mutating func run(from root: RegistryDirectory.Identity) {
        push(Pending(relative: [], identity: root, above: nil))
        while let next = pop() {
            // Reached again at a later path: read once, where it came first (SPEC 2.1).
            guard read.insert(next.identity).inserted else { continue }
            readFolder(next)
        }
    }

    private mutating func report(_ path: [UInt8], _ reason: String) {
        let name = directory.display(path)
        unreadable.append((path, Diagnostic(.unreadableFile, "cannot read '\(name)': \(reason)", at: .start(of: name))))
    }

    private mutating func readFolder(_ folder: Pending) {
        let path = directory.cPath(folder.relative)
        let descriptor = path.withUnsafeBufferPointer { open($0.baseAddress!, O_RDONLY | O_DIRECTORY | O_CLOEXEC | O_NONBLOCK) }
        guard descriptor >= 0 else {
            report(folder.relative, FileReader.reason(errno))
            return
        }
        if let system = PseudoFileSystem.name(of: descriptor) {
            close(descriptor)
            report(folder.relative, "a folder of the \(system) pseudo file system, which holds no registry files: it is not read")
            return
        }
        guard let stream = fdopendir(descriptor) else {
            let code = errno
            close(descriptor)
            report(folder.relative, FileReader.reason(code))
            return
        }
        defer { closedir(stream) }
        // A regular file, as the folder's listing says (`d_type`), needs no `stat` of its own.
        var names: [(name: [UInt8], isRegular: Bool)] = []
        while let entry = readdir(stream) {
            // Read in place up to the NUL: the entry may end before d_name's 256 bytes do.
            let name = withUnsafePointer(to: &entry.pointee.d_name) { tuple in
                tuple.withMemoryRebound(to: UInt8.self, capacity: 256) { start in
                    Array(UnsafeBufferPointer(start: start, count: strlen(UnsafeRawPointer(start).assumingMemoryBound(to: CChar.self))))
                }
            }
            if name.first != UInt8(ascii: ".") { names.append((name, Int32(entry.pointee.d_type) == DT_REG)) }
        }
        let chain = RegistryDirectory.Chain(folder.identity, parent: folder.above)
        let folderDescriptor = dirfd(stream)
        for (name, isRegular) in names {
            let child = folder.relative.isEmpty ? name : folder.relative + [UInt8(ascii: "/")] + name
            if isRegular {
                if RegistryDirectory.isYAML(name) { found.append(child) }
                continue
            }
            // Asked relative to the open folder: the kernel looks up one name, not the whole path.
            let entryName = ContiguousArray(name.map { CChar(bitPattern: $0) } + [0])
            var info = stat()
            guard entryName.withUnsafeBufferPointer({ fstatat(folderDescriptor, $0.baseAddress!, &info, AT_SYMLINK_NOFOLLOW) }) == 0 else {
                report(child, FileReader.reason(errno))
                continue
            }
            if (info.st_mode & S_IFMT) == S_IFLNK {
                guard entryName.withUnsafeBufferPointer({ fstatat(folderDescriptor, $0.baseAddress!, &info, 0) }) == 0 else {
                    let code = errno
                    // A dangling link not named like a registry file is nobody's business.
                    if RegistryDirectory.isYAML(name) || code == ELOOP {
                        report(child, code == ENOENT ? "a symlink to nothing" : FileReader.reason(code))
                    }
                    continue
                }
            }
            switch info.st_mode & S_IFMT {
            case S_IFDIR:
                let identity = RegistryDirectory.Identity(info)
                if chain.contains(identity) {
                    report(child, "a symlink loop (it leads back to a folder above it)")
                } else if !read.contains(identity) {
                    push(Pending(relative: child, identity: identity, above: chain))
                }
            case S_IFREG:
                if RegistryDirectory.isYAML(name) { found.append(child) }
            default:
                if RegistryDirectory.isYAML(name) { report(child, "not a regular file") }
            }
        }
    }

    // MARK: - The heap

    private static func precedes(_ a: Pending, _ b: Pending) -> Bool {
        a.relative.lexicographicallyPrecedes(b.relative)
    }

    private mutating func push(_ folder: Pending) {
        pending.append(folder)
        var child = pending.count - 1
        while child > 0 {
            let parent = (child - 1) / 2
            guard Self.precedes(pending[child], pending[parent]) else { break }
            pending.swapAt(child, parent)
            child = parent
        }
    }

    private mutating func pop() -> Pending? {
        guard !pending.isEmpty else { return nil }
        pending.swapAt(0, pending.count - 1)
        let first = pending.removeLast()
        var parent = 0
        while true {
            var smallest = parent
            for child in [2 * parent + 1, 2 * parent + 2] where child < pending.count && Self.precedes(pending[child], pending[smallest]) {
                smallest = child
            }
            guard smallest != parent else { return first }
            pending.swapAt(parent, smallest)
            parent = smallest
        }
    }
}

/// File systems the kernel makes up (procfs, sysfs, ...): their folders hold no registry files,
/// and some are endless (`/proc/self/root`) or huge.
private enum PseudoFileSystem {
    /// The name of the pseudo file system the open folder is on, or nil for any other.
    ///
    /// Asked of the kernel (`fstatfs`'s `f_type`), never guessed from a path. devtmpfs
    /// (`/dev`) reports tmpfs's number and so cannot be told from a real tmpfs: it is read,
    /// which ends, as every folder is read once, and finds device nodes, not files.
    static func name(of descriptor: Int32) -> String? {
        #if os(Linux)
        var info = statfs()
        guard fstatfs(descriptor, &info) == 0 else { return nil }
        return magic[UInt64(truncatingIfNeeded: Int64(info.f_type)) & 0xFFFF_FFFF]
        #else
        return nil
        #endif
    }

    /// `linux/magic.h`.
    private static let magic: [UInt64: String] = [
        0x9fa0: "proc", 0x6265_6572: "sysfs", 0x1cd1: "devpts", 0x6462_6720: "debugfs", 0x7472_6163: "tracefs",
        0x7363_6673: "securityfs", 0xf97c_ff8c: "selinuxfs", 0x4341_5d53: "smackfs", 0x0027_e0eb: "cgroup",
        0x6367_7270: "cgroup2", 0x6165_676c: "pstore", 0xcafe_4a11: "bpf", 0x6265_6570: "configfs",
        0xde5e_81e4: "efivarfs", 0x4249_4e4d: "binfmt_misc", 0x6573_5543: "fusectl", 0x1980_0202: "mqueue",
        0x6e73_6673: "nsfs", 0x9fa2: "usbdevfs",
    ]
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
