/// A position in an input file, as a person would look for it.
///
/// Lines and columns are 1-based; columns count Unicode scalars, as libyaml
/// counts them, not bytes.
public struct SourceLocation: Hashable, Sendable, CustomStringConvertible {
    /// The file as the user named it (its directory joined with its path below it).
    public var file: String
    /// 1-based line.
    public var line: Int
    /// 1-based column, in Unicode scalars.
    public var column: Int

    public init(file: String, line: Int, column: Int) {
        self.file = file
        self.line = line
        self.column = column
    }

    /// The start of a file: where problems with the file as a whole are reported.
    public static func start(of file: String) -> SourceLocation {
        SourceLocation(file: file, line: 1, column: 1)
    }

    /// `file:line:column`.
    public var description: String { "\(file):\(line):\(column)" }
}
