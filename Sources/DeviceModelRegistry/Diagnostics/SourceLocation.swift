import Synchronization

/// A position in an input file, as a person would look for it.
///
/// Lines and columns are 1-based; columns count Unicode scalars, as libyaml
/// counts them, not bytes. Every node of every file carries one, so it is
/// kept small: the file name is interned and held as a number.
public struct SourceLocation: Hashable, Sendable, CustomStringConvertible {
    private let fileID: UInt32
    private let storedLine: UInt32
    private let storedColumn: UInt32

    /// The file as the user named it (its directory joined with its path below it).
    public var file: String { FileNames.shared.name(fileID) }
    /// 1-based line.
    public var line: Int { Int(storedLine) }
    /// 1-based column, in Unicode scalars.
    public var column: Int { Int(storedColumn) }

    public init(file: String, line: Int, column: Int) {
        self.init(fileID: FileNames.shared.id(file), line: line, column: column)
    }

    /// A location in a file already interned (the reader's fast path).
    init(fileID: UInt32, line: Int, column: Int) {
        self.fileID = fileID
        storedLine = UInt32(clamping: line)
        storedColumn = UInt32(clamping: column)
    }

    /// Another place in the same file.
    func moved(line: UInt32, column: UInt32) -> SourceLocation {
        SourceLocation(fileID: fileID, line: Int(line), column: Int(column))
    }

    /// The start of a file: where problems with the file as a whole are reported.
    public static func start(of file: String) -> SourceLocation {
        SourceLocation(file: file, line: 1, column: 1)
    }

    /// `file:line:column`.
    public var description: String { "\(file):\(line):\(column)" }
}

/// The file names locations refer to, each stored once for the life of the process.
final class FileNames: Sendable {
    static let shared = FileNames()

    private struct Table {
        var names: [String] = []
        var ids: [String: UInt32] = [:]
    }

    private let table = Mutex(Table())

    /// The number standing for `name`, the same every time.
    func id(_ name: String) -> UInt32 {
        table.withLock { table in
            if let id = table.ids[name] { return id }
            let id = UInt32(table.names.count)
            table.names.append(name)
            table.ids[name] = id
            return id
        }
    }

    func name(_ id: UInt32) -> String {
        table.withLock { $0.names[Int(id)] }
    }
}
