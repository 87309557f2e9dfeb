/// The nodes of one file's YAML documents, held flat.
///
/// A registry has millions of nodes, so they are not objects: each is a small
/// record in one array, in document order, and the text of every scalar sits
/// in one byte buffer. A collection's children follow it; ``Record/end`` says
/// where its last descendant stops, which is where its next sibling starts.
/// Built by the reader, immutable after.
public final class YAMLTree: Sendable {
    struct Record {
        enum Kind: UInt8 {
            case plain, singleQuoted, doubleQuoted, literal, folded, mapping, sequence, invalid
            /// An implementation's `models` mapping, typed as it was read: `start` is its index in
            /// ``YAMLTree/captures``. It has no children in the tree.
            case captured
            /// A model document's root mapping, typed as it was read (``ModelEventReader``): `start` is
            /// its index in ``YAMLTree/models``. It has no children in the tree.
            case capturedModel
        }

        var line: UInt32
        var column: UInt32
        /// A scalar: where its text starts in ``YAMLTree/text``. A collection: how many
        /// children it has (a mapping counts keys and values).
        var start: UInt32
        /// A scalar: where its text ends. A collection: the index after its last descendant.
        var end: UInt32
        var kind: Kind

        var isScalar: Bool { kind.rawValue < Kind.mapping.rawValue }
        /// No children follow it in the tree.
        var isLeaf: Bool { isScalar || kind.rawValue >= Kind.invalid.rawValue }

        /// The record's text in `text` (its tree's), as bytes for `body`.
        func withBytes<Result>(in text: [UInt8], _ body: (UnsafeRawBufferPointer) -> Result) -> Result {
            text.withUnsafeBytes { body(UnsafeRawBufferPointer(rebasing: $0[Int(start)..<Int(end)])) }
        }
    }

    let fileID: UInt32
    let records: [Record]
    let text: [UInt8]
    /// The implementations' `models` the reader typed as it read them (``ImplementationEntries/Reader``).
    let captures: [ImplementationEntries]
    /// The model documents the reader typed as it read them (``ModelEventReader``).
    let models: [DecodedModel]

    init(fileID: UInt32, records: [Record], text: [UInt8], captures: [ImplementationEntries] = [], models: [DecodedModel] = []) {
        self.fileID = fileID
        self.records = records
        self.text = text
        self.captures = captures
        self.models = models
    }

    /// Where the sibling after the node at `index` starts.
    func next(after index: Int) -> Int {
        Self.next(after: index, in: records)
    }

    /// Where the sibling after the node at `index` starts, in records still being built.
    @inline(__always)
    static func next(after index: Int, in records: [Record]) -> Int {
        let record = records[index]
        return record.isLeaf ? index + 1 : Int(record.end)
    }
}

/// A node of a YAML document, as written, with where it was written.
///
/// Scalars keep their text and quoting style; they are typed later, by the
/// schema that expects them (SPEC 2.2). Mappings keep the order of their keys.
/// A node is a position in its ``YAMLTree``, which it keeps alive.
public struct YAMLNode: Sendable {
    public enum Content: Sendable {
        case scalar(YAMLScalar)
        case mapping([YAMLPair])
        case sequence([YAMLNode])
        /// A node the reader refused (an alias) and already reported: checks on it stay silent.
        case invalid
    }

    /// What a node is, without its content.
    public enum Kind: Sendable {
        case scalar, mapping, sequence, invalid
    }

    let tree: YAMLTree
    let index: Int

    init(_ tree: YAMLTree, _ index: Int) {
        self.tree = tree
        self.index = index
    }

    private var record: YAMLTree.Record { tree.records[index] }

    /// Where the node starts (its anchor, tag, quote, bracket or first key).
    public var location: SourceLocation {
        let record = record
        return SourceLocation(fileID: tree.fileID, line: Int(record.line), column: Int(record.column))
    }

    public var kind: Kind {
        switch record.kind {
        case .mapping, .captured, .capturedModel: .mapping
        case .sequence: .sequence
        case .invalid: .invalid
        default: .scalar
        }
    }

    /// An implementation's `models` as the reader typed them, when it did.
    var capturedEntries: ImplementationEntries? {
        let record = record
        return record.kind == .captured ? tree.captures[Int(record.start)] : nil
    }

    /// A model document as the reader typed it, when it did.
    var capturedModel: DecodedModel? {
        let record = record
        return record.kind == .capturedModel ? tree.models[Int(record.start)] : nil
    }

    /// The content, built on demand: the schema readers use ``pairs``, ``items`` and ``scalar``.
    public var content: Content {
        switch kind {
        case .scalar: .scalar(scalar!)
        case .mapping: .mapping(Array(pairs))
        case .sequence: .sequence(Array(items))
        case .invalid: .invalid
        }
    }

    /// The scalar, when this node is one.
    public var scalar: YAMLScalar? {
        let record = record
        guard record.isScalar else { return nil }
        let style: YAMLScalar.Style =
            switch record.kind {
            case .singleQuoted: .singleQuoted
            case .doubleQuoted: .doubleQuoted
            case .literal: .literal
            case .folded: .folded
            default: .plain
            }
        return YAMLScalar(text: text, style: style)
    }

    /// The text of a scalar ("" for a collection).
    public var text: String { Self.string(tree.text, record) }

    static func string(_ text: [UInt8], _ record: YAMLTree.Record) -> String {
        guard record.isScalar, record.end > record.start else { return "" }
        return text.withUnsafeBufferPointer { buffer in
            String(decoding: buffer[Int(record.start)..<Int(record.end)], as: UTF8.self)
        }
    }

    /// Whether the node is a scalar whose text is `other`, compared without building a string.
    public func hasText(_ other: String) -> Bool {
        Self.hasText(tree.text, record, other)
    }

    static func hasText(_ text: [UInt8], _ record: YAMLTree.Record, _ other: String) -> Bool {
        guard record.isScalar, other.utf8.count == Int(record.end - record.start) else { return false }
        var other = other
        return other.withUTF8 { other in record.withBytes(in: text) { ScalarBytes.equal($0, UnsafeRawBufferPointer(other)) } }
    }

    /// A plain `null`, `~` or empty scalar: no value at all.
    public var isNull: Bool { Self.isNull(tree.text, record) }

    static func isNull(_ text: [UInt8], _ record: YAMLTree.Record) -> Bool {
        guard record.kind == .plain else { return false }
        return record.withBytes(in: text, ScalarBytes.isNull)
    }

    /// How many keys a mapping has, or items a sequence.
    public var count: Int {
        let record = record
        switch record.kind {
        case .mapping: return Int(record.start) / 2
        case .sequence: return Int(record.start)
        default: return 0
        }
    }

    /// The entries of a mapping (none for another node), in the order written.
    public var pairs: Pairs { Pairs(node: self) }

    /// The items of a sequence (none for another node), in order.
    public var items: Items { Items(node: self) }

    /// A word for the node's kind, for messages ("expected a mapping, found a sequence").
    public var kindDescription: String {
        switch kind {
        case .scalar: isNull ? "nothing (null)" : "a scalar"
        case .mapping: "a mapping"
        case .sequence: "a sequence"
        case .invalid: "an alias"
        }
    }

    /// The children of a collection, in order.
    fileprivate struct Children: IteratorProtocol {
        let tree: YAMLTree
        var position: Int
        var remaining: Int

        init(_ node: YAMLNode, of kind: YAMLTree.Record.Kind) {
            tree = node.tree
            position = node.index + 1
            let record = node.record
            remaining = record.kind == kind ? Int(record.start) : 0
        }

        mutating func next() -> YAMLNode? {
            guard remaining > 0 else { return nil }
            remaining -= 1
            defer { position = tree.next(after: position) }
            return YAMLNode(tree, position)
        }
    }

    public struct Pairs: Sequence {
        let node: YAMLNode

        public var count: Int { node.kind == .mapping ? node.count : 0 }
        public var isEmpty: Bool { count == 0 }

        public struct Iterator: IteratorProtocol {
            fileprivate var children: Children

            public mutating func next() -> YAMLPair? {
                guard let key = children.next(), let value = children.next() else { return nil }
                return YAMLPair(key: key, value: value)
            }
        }

        public func makeIterator() -> Iterator { Iterator(children: Children(node, of: .mapping)) }
        public var underestimatedCount: Int { count }
    }

    public struct Items: Sequence {
        let node: YAMLNode

        public var count: Int { node.kind == .sequence ? node.count : 0 }
        public var isEmpty: Bool { count == 0 }

        public struct Iterator: IteratorProtocol {
            fileprivate var children: Children

            public mutating func next() -> YAMLNode? { children.next() }
        }

        public func makeIterator() -> Iterator { Iterator(children: Children(node, of: .sequence)) }
        public var underestimatedCount: Int { count }
    }
}

/// One `key: value` entry of a mapping.
public struct YAMLPair: Sendable {
    public var key: YAMLNode
    public var value: YAMLNode
}

/// A scalar's text and how it was written.
public struct YAMLScalar: Sendable, Hashable {
    public enum Style: Sendable, Hashable {
        case plain, singleQuoted, doubleQuoted, literal, folded
    }

    public var text: String
    public var style: Style

    public init(text: String, style: Style) {
        self.text = text
        self.style = style
    }

    /// A plain `null`, `~` or empty scalar: no value at all.
    public var isNull: Bool {
        guard style == .plain else { return false }
        switch text {
        case "", "~", "null", "Null", "NULL": return true
        default: return false
        }
    }
}

/// The documents of one file and the problems met reading it.
public struct YAMLFile: Sendable {
    public var file: String
    /// Complete documents, in order; documents whose root is empty are left out.
    public var documents: [YAMLNode]
    public var diagnostics: [Diagnostic]
}

/// Copies chosen subtrees of one file's tree into a small tree of their own,
/// so that they outlive the file's tree without keeping it alive.
struct YAMLSubtrees {
    private let fileID: UInt32
    private var records: [YAMLTree.Record] = []
    private var text: [UInt8] = []

    init(of file: YAMLNode) {
        fileID = file.tree.fileID
    }

    /// Copies the subtree of `node`; returns where its root is in ``tree()``.
    mutating func copy(_ node: YAMLNode) -> Int32 {
        let source = node.tree
        let root = records.count
        let shift = UInt32(root) &- UInt32(node.index)
        for index in node.index..<source.next(after: node.index) {
            var record = source.records[index]
            if record.isScalar {
                let start = UInt32(text.count)
                text.append(contentsOf: source.text[Int(record.start)..<Int(record.end)])
                record.start = start
                record.end = UInt32(text.count)
            } else if !record.isLeaf {
                record.end &+= shift
            }
            records.append(record)
        }
        return Int32(root)
    }

    /// The copies, to be read as `YAMLNode(tree, Int(root))`.
    func tree() -> YAMLTree {
        YAMLTree(fileID: fileID, records: records, text: text)
    }
}
