internal import CLibYAML

/// Reads YAML text through the system libyaml, held to migcheck's strict subset (SPEC 2.2).
///
/// The reader refuses what libyaml would accept but a person might misread:
/// duplicate keys, anchors, aliases, merge keys and explicit tags, nesting
/// deeper than ``maximumDepth``, files over ``maximumFileSize``. Aliases are
/// never expanded, so an alias bomb costs nothing. Problems that leave the
/// document readable (a duplicate key, an anchor) are reported and reading
/// goes on; the others (a syntax error, invalid UTF-8, nesting too deep) end
/// the file, keeping the documents completed before them.
public enum YAMLReader {
    /// The largest file read: 64 MiB.
    public static let maximumFileSize = 64 << 20
    /// The deepest nesting of mappings and sequences.
    public static let maximumDepth = 64

    /// Parses the raw bytes of a file.
    ///
    /// - Parameters:
    ///   - bytes: the file's content, undecoded, so that invalid UTF-8 is found and located.
    ///   - file: the name locations carry.
    /// - Returns: the documents read and the problems met.
    public static func read(_ bytes: [UInt8], file: String) -> YAMLFile {
        read(bytes, file: file, lines: nil)
    }

    /// - Parameters:
    ///   - lines: for a text kept in part from a file (``FocusedText``), the file's line of each of its lines.
    ///   - typingEntries: a registry file: implementations' `models` are typed from the events as they
    ///     come (``ImplementationEntries/Reader``), not built into the tree. When that reader gives up,
    ///     the file is read again, all of it into the tree.
    ///   - models: how model documents are read: typed from the events (``ModelEventReader``) in a
    ///     registry file, where a reader that gives up reads the file again, all of it into the tree.
    static func read(
        _ bytes: [UInt8], file: String, lines: LineMap?, typingEntries: Bool = false, models: ModelTyping = .tree
    ) -> YAMLFile {
        // Never nil: only a reader that defers entries stops for them.
        read(bytes, file: file, lines: lines, typingEntries: typingEntries, models: models, deferringEntries: false)!
    }

    /// How a reader reads model documents.
    enum ModelTyping {
        /// Into the tree, as every other document.
        case tree
        /// Typed from the events, their descriptions kept or dropped.
        case events(keepingDescriptions: Bool)
    }

    /// A registry file read as ``read(_:file:lines:typingEntries:)`` reads it, unless it holds an
    /// implementation's `models` that the entries' reader would type: then nil, as soon as they
    /// start, so that the file is read later, when every model is known and its entries can be
    /// linked as soon as they are typed.
    static func readUnlessEntries(_ bytes: [UInt8], file: String, models: ModelTyping = .tree) -> YAMLFile? {
        read(bytes, file: file, lines: nil, typingEntries: true, models: models, deferringEntries: true)
    }

    private static func read(
        _ bytes: [UInt8], file: String, lines: LineMap?, typingEntries: Bool, models: ModelTyping, deferringEntries: Bool
    ) -> YAMLFile? {
        if bytes.count > maximumFileSize {
            let problem = Diagnostic(
                .unsupportedYAML, "file is larger than 64 MiB (\(bytes.count) bytes)",
                at: .start(of: file))
            return YAMLFile(file: file, documents: [], diagnostics: [problem])
        }
        if bytes.isEmpty {
            return YAMLFile(file: file, documents: [], diagnostics: [])
        }
        // libyaml would decode UTF-16 from its byte order mark; inputs are UTF-8 (SPEC 2.2),
        // and locations are counted in UTF-8.
        if bytes.count >= 2 && ((bytes[0] == 0xFF && bytes[1] == 0xFE) || (bytes[0] == 0xFE && bytes[1] == 0xFF)) {
            let problem = Diagnostic(
                .yamlSyntax, "the file is UTF-16 (it starts with a UTF-16 byte order mark): expected UTF-8",
                at: .start(of: file))
            return YAMLFile(file: file, documents: [], diagnostics: [problem])
        }
        var builder = TreeBuilder(
            file: file, lines: lines, typingEntries: typingEntries, models: models, deferringEntries: deferringEntries)
        bytes.withUnsafeBufferPointer { buffer in
            builder.parse(buffer)
        }
        if builder.deferredEntries { return nil }
        if builder.gaveUpTyping {
            builder = TreeBuilder(file: file, lines: lines, typingEntries: false)
            bytes.withUnsafeBufferPointer { buffer in
                builder.parse(buffer)
            }
        }
        return YAMLFile(file: file, documents: builder.documents(), diagnostics: builder.diagnostics)
    }
}

extension yaml_mark_t {
    /// The mark's line in the file (1-based), through `lines` when the text read is part of the file.
    func fileLine(_ lines: LineMap?) -> Int {
        let line = Int(self.line) + 1
        return lines.map { $0.original(line) } ?? line
    }

    /// The mark's column (1-based, in characters, as libyaml counts them).
    var fileColumn: Int { Int(column) + 1 }
}

/// Turns libyaml's event stream into a ``YAMLTree``.
private struct TreeBuilder {
    private struct Frame {
        /// The collection's record.
        var index: Int
        var isMapping: Bool
        /// Children completed so far (a mapping counts keys and values).
        var children = 0
        /// The record of a key waiting for its value, or -1.
        var pendingKey = -1
        /// The pending key was refused (duplicate or merge key): its value is dropped with it.
        var pendingKeyRefused = false
        /// The keys of a large mapping, hashed; small ones are scanned.
        var keyIndex: KeyIndex?
    }

    let file: String
    private let fileID: UInt32
    var diagnostics: [Diagnostic] = []
    private var records: [YAMLTree.Record] = []
    private var text: [UInt8] = []
    private var roots: [Int] = []
    private var stack: [Frame] = []
    private var root: Int?
    /// The records and text of the documents completed so far; a broken document's are dropped.
    private var committed = (records: 0, text: 0)

    /// Where each line of the text is in the file, when the text is part of it.
    private let lines: LineMap?

    /// Whether implementations' `models` are typed from the events (``YAMLReader/read(_:file:lines:typingEntries:)``).
    private let typingEntries: Bool
    /// Whether a `models` mapping is being read by ``entriesReader``.
    private var readingEntries = false
    private var entriesReader = ImplementationEntries.Reader(fileID: 0, line: 0, column: 0)
    private var captures: [ImplementationEntries] = []
    /// The open document's root mapping has an `implementation` key so far.
    private var rootNamesImplementation = false
    /// The entries' reader or the models' met what it does not take: the file is to be read again without them.
    private(set) var gaveUpTyping = false
    /// How model documents are read.
    private let models: YAMLReader.ModelTyping
    private var typedModels: [DecodedModel] = []
    /// The open document's root mapping has neither anchor nor tag.
    private var rootIsPlain = false
    /// Whether reading stops where entries to type start (``YAMLReader/readUnlessEntries(_:file:)``).
    private let deferringEntries: Bool
    /// Reading stopped where entries to type start.
    private(set) var deferredEntries = false

    init(file: String, lines: LineMap?, typingEntries: Bool, models: YAMLReader.ModelTyping = .tree, deferringEntries: Bool = false) {
        self.file = file
        self.lines = lines
        self.typingEntries = typingEntries
        self.models = models
        self.deferringEntries = deferringEntries
        fileID = FileNames.shared.id(file)
    }

    /// The file's line (1-based) of a line of the text.
    private func line(_ line: Int) -> Int {
        lines?.original(line) ?? line
    }

    /// The documents read, each the root of one tree shared by all.
    mutating func documents() -> [YAMLNode] {
        records.removeSubrange(committed.records...)
        text.removeSubrange(committed.text...)
        let tree = YAMLTree(fileID: fileID, records: records, text: text, captures: captures, models: typedModels)
        return roots.map { YAMLNode(tree, $0) }
    }

    mutating func parse(_ buffer: UnsafeBufferPointer<UInt8>) {
        var parser = yaml_parser_t()
        guard yaml_parser_initialize(&parser) == 1 else {
            diagnostics.append(Diagnostic(.yamlSyntax, "libyaml could not start: out of memory", at: .start(of: file)))
            return
        }
        defer { yaml_parser_delete(&parser) }
        // libyaml reads the buffer lazily: it stays alive for the whole loop below.
        yaml_parser_set_input_string(&parser, buffer.baseAddress, buffer.count)

        // One event, handed on by pointer: the struct is large, and copies of it add up.
        let event = UnsafeMutablePointer<yaml_event_t>.allocate(capacity: 1)
        event.initialize(to: yaml_event_t())
        defer { event.deallocate() }
        while true {
            guard yaml_parser_parse(&parser, event) == 1 else {
                diagnostics.append(parserError(parser, buffer))
                return
            }
            var keepGoing = handle(event)
            if keepGoing && readingEntries {
                keepGoing = readEntries(&parser, event, buffer)
            }
            if keepGoing, case .events(let keepingDescriptions) = models, startsModel(event) {
                let model = withUnsafeMutablePointer(to: &parser) { parser in
                    var reader = ModelEventReader(
                        parser: parser, event: event, fileID: fileID, lines: lines, keepingDescriptions: keepingDescriptions)
                    return reader.read()
                }
                if let model {
                    captureModel(model)
                } else {
                    gaveUpTyping = true
                    keepGoing = false
                }
            }
            yaml_event_delete(event)
            if !keepGoing { return }
        }
    }

    /// Whether the event is a root mapping's first key, `model`, where ``ModelEventReader`` is to take over.
    private func startsModel(_ event: UnsafePointer<yaml_event_t>) -> Bool {
        guard event.pointee.type == YAML_SCALAR_EVENT, rootIsPlain, stack.count == 1, stack[0].children == 0,
            stack[0].pendingKey == records.count - 1, !stack[0].pendingKeyRefused,
            event.pointee.data.scalar.anchor == nil, event.pointee.data.scalar.tag == nil
        else { return false }
        return YAMLNode.hasText(text, records[records.count - 1], "model")
    }

    /// Puts the model read from the events in place of its document's root mapping.
    private mutating func captureModel(_ model: DecodedModel) {
        let frame = stack.removeLast()
        let root = records[frame.index]
        text.removeSubrange(Int(records[frame.index + 1].start)...)
        records.removeSubrange(frame.index...)
        records.append(YAMLTree.Record(
            line: root.line, column: root.column, start: UInt32(typedModels.count), end: 0, kind: .capturedModel))
        typedModels.append(model)
        add(records.count - 1)
    }

    private func location(_ mark: yaml_mark_t) -> SourceLocation {
        SourceLocation(fileID: fileID, line: mark.fileLine(lines), column: mark.fileColumn)
    }

    private func location(of index: Int) -> SourceLocation {
        SourceLocation(fileID: fileID, line: Int(records[index].line), column: Int(records[index].column))
    }

    /// Handles one event; returns false when reading must stop.
    private mutating func handle(_ event: UnsafePointer<yaml_event_t>) -> Bool {
        let mark = event.pointee.start_mark
        // Not through `self.location(_:)`: calling a method of `self` here copies the whole builder.
        let line = UInt32(clamping: mark.fileLine(lines))
        let column = UInt32(clamping: mark.fileColumn)
        switch event.pointee.type {
        case YAML_STREAM_END_EVENT:
            return false
        case YAML_DOCUMENT_START_EVENT:
            stack.removeAll()
            root = nil
            rootNamesImplementation = false
        case YAML_DOCUMENT_END_EVENT:
            if let root, !isNull(root) {
                roots.append(root)
                committed = (records.count, text.count)
            } else {
                records.removeSubrange(committed.records...)
                text.removeSubrange(committed.text...)
            }
            root = nil
        case YAML_SCALAR_EVENT:
            let data = event.pointee.data.scalar
            refuse(anchor: data.anchor, tag: data.tag, at: mark)
            let start = UInt32(text.count)
            if let value = data.value, data.length > 0 {
                text.append(contentsOf: UnsafeBufferPointer(start: value, count: data.length))
            }
            records.append(YAMLTree.Record(
                line: line, column: column, start: start, end: UInt32(text.count), kind: Self.kind(data.style)))
            add(records.count - 1)
        case YAML_SEQUENCE_START_EVENT, YAML_MAPPING_START_EVENT:
            let isMapping = event.pointee.type == YAML_MAPPING_START_EVENT
            if isMapping && startsEntries(event.pointee.data.mapping_start) {
                if deferringEntries {
                    deferredEntries = true
                    return false
                }
                entriesReader = ImplementationEntries.Reader(fileID: fileID, line: line, column: column)
                readingEntries = true
                return true
            }
            if isMapping {
                refuse(anchor: event.pointee.data.mapping_start.anchor, tag: event.pointee.data.mapping_start.tag, at: mark)
            } else {
                refuse(anchor: event.pointee.data.sequence_start.anchor, tag: event.pointee.data.sequence_start.tag, at: mark)
            }
            if stack.isEmpty {
                rootIsPlain = isMapping && event.pointee.data.mapping_start.anchor == nil && event.pointee.data.mapping_start.tag == nil
            }
            guard stack.count < YAMLReader.maximumDepth else {
                diagnostics.append(Diagnostic(
                    .unsupportedYAML, "nesting deeper than \(YAMLReader.maximumDepth) levels", at: location(mark)))
                return false
            }
            records.append(YAMLTree.Record(
                line: line, column: column, start: 0, end: 0, kind: isMapping ? .mapping : .sequence))
            stack.append(Frame(index: records.count - 1, isMapping: isMapping))
        case YAML_SEQUENCE_END_EVENT, YAML_MAPPING_END_EVENT:
            let frame = stack.removeLast()
            records[frame.index].start = UInt32(frame.children)
            records[frame.index].end = UInt32(records.count)
            add(frame.index)
        case YAML_ALIAS_EVENT:
            let name = string(event.pointee.data.alias.anchor)
            diagnostics.append(Diagnostic(
                .unsupportedYAML, "aliases ('*\(name)') are not supported: write the value out", at: location(mark)))
            records.append(YAMLTree.Record(line: line, column: column, start: 0, end: 0, kind: .invalid))
            add(records.count - 1)
        default:
            break
        }
        return true
    }

    /// Whether a mapping starting now is the value of the `models` key of a root mapping that has
    /// an `implementation` key, written plainly: the entries' reader is to type it.
    /// (Mutating, though it changes nothing: a method of `self` that is not copies the whole builder.)
    private mutating func startsEntries(_ start: yaml_event_s.__Unnamed_union_data.__Unnamed_struct_mapping_start) -> Bool {
        guard typingEntries, rootNamesImplementation, stack.count == 1, start.anchor == nil, start.tag == nil else {
            return false
        }
        let key = stack[0].pendingKey
        return key >= 0 && !stack[0].pendingKeyRefused && YAMLNode.hasText(text, records[key], "models")
    }

    /// Hands the events after a `models` mapping's start to the entries' reader, in a loop of their
    /// own (they are most of a registry's events), until the mapping ends; files its entries as the
    /// key's value. The mapping's last event is left in `event`.
    ///
    /// - Returns: false when reading must stop: a syntax error, or the reader gave up.
    private mutating func readEntries(
        _ parser: inout yaml_parser_t, _ event: UnsafeMutablePointer<yaml_event_t>, _ buffer: UnsafeBufferPointer<UInt8>
    ) -> Bool {
        while true {
            yaml_event_delete(event)
            guard yaml_parser_parse(&parser, event) == 1 else {
                diagnostics.append(parserError(parser, buffer))
                return false
            }
            let mark = event.pointee.start_mark
            switch entriesReader.handle(event, line: UInt32(clamping: mark.fileLine(lines)), column: UInt32(clamping: mark.fileColumn)) {
            case .more:
                continue
            case .refused:
                gaveUpTyping = true
                return false
            case .done:
                readingEntries = false
                records.append(YAMLTree.Record(
                    line: entriesReader.line, column: entriesReader.column, start: UInt32(captures.count), end: 0, kind: .captured))
                captures.append(entriesReader.take())
                add(records.count - 1)
                return true
            }
        }
    }

    private mutating func refuse(anchor: UnsafeMutablePointer<yaml_char_t>?, tag: UnsafeMutablePointer<yaml_char_t>?, at mark: yaml_mark_t) {
        guard anchor != nil || tag != nil else { return }
        let at = location(mark)
        if let anchor {
            diagnostics.append(Diagnostic(
                .unsupportedYAML, "anchors ('&\(string(anchor))') are not supported", at: at))
        }
        if let tag {
            var name = string(tag)
            if name.hasPrefix("tag:yaml.org,2002:") {
                name = "!!" + name.dropFirst("tag:yaml.org,2002:".count)
            }
            diagnostics.append(Diagnostic(
                .unsupportedYAML, "tags ('\(name)') are not supported: values are typed by the schema", at: at))
        }
    }

    /// Files the node just completed at `index` under the open collection, or as the document's root.
    private mutating func add(_ index: Int) {
        guard !stack.isEmpty else {
            root = index
            return
        }
        let top = stack.count - 1
        guard stack[top].isMapping else {
            stack[top].children += 1
            return
        }
        let key = stack[top].pendingKey
        guard key >= 0 else {
            stack[top].pendingKey = index
            stack[top].pendingKeyRefused = refusesKey(index, in: top)
            if top == 0 && !stack[top].pendingKeyRefused && YAMLNode.hasText(text, records[index], "implementation") {
                rootNamesImplementation = true
            }
            return
        }
        if stack[top].pendingKeyRefused {
            // The refused key and its value were the last nodes read: drop them.
            text.removeSubrange(Int(records[key].start)...)
            records.removeSubrange(key...)
        } else {
            stack[top].children += 2
        }
        stack[top].pendingKey = -1
        stack[top].pendingKeyRefused = false
    }

    /// Reports a merge key or a key written before in the same mapping; remembers the others.
    private mutating func refusesKey(_ index: Int, in top: Int) -> Bool {
        let record = records[index]
        guard record.isScalar else { return false }
        if record.kind == .plain && record.end - record.start == 2
            && text[Int(record.start)] == UInt8(ascii: "<") && text[Int(record.start) + 1] == UInt8(ascii: "<")
        {
            diagnostics.append(Diagnostic(
                .unsupportedYAML, "merge keys ('<<') are not supported: write the keys out", at: location(of: index)))
            return true
        }
        guard let first = firstKey(like: index, in: top) else { return false }
        let name = YAMLNode.string(text, record)
        diagnostics.append(Diagnostic(
            .duplicateKey, "duplicate key '\(name)'", at: location(of: index),
            notes: [Note("'\(name)' first defined here", at: location(of: first))]))
        return true
    }

    /// The earlier key of the mapping open at `top` with the text of the key at `index`, if any;
    /// when there is none, the key is remembered.
    private mutating func firstKey(like index: Int, in top: Int) -> Int? {
        let keys = stack[top].children / 2
        if stack[top].keyIndex == nil && keys >= 8 {
            var keyIndex = KeyIndex()
            var position = stack[top].index + 1
            for _ in 0..<keys {
                if records[position].isScalar { keyIndex.insert(position, records: records, text: text) }
                position = YAMLTree.next(after: YAMLTree.next(after: position, in: records), in: records)
            }
            stack[top].keyIndex = keyIndex
        }
        if stack[top].keyIndex != nil {
            if let first = stack[top].keyIndex!.find(index, records: records, text: text) { return first }
            stack[top].keyIndex!.insert(index, records: records, text: text)
            return nil
        }
        var position = stack[top].index + 1
        for _ in 0..<keys {
            if records[position].isScalar && KeyIndex.sameText(position, index, records: records, text: text) {
                return position
            }
            position = YAMLTree.next(after: YAMLTree.next(after: position, in: records), in: records)
        }
        return nil
    }

    private func isNull(_ index: Int) -> Bool {
        YAMLNode.isNull(text, records[index])
    }

    private static func kind(_ style: yaml_scalar_style_t) -> YAMLTree.Record.Kind {
        switch style {
        case YAML_SINGLE_QUOTED_SCALAR_STYLE: .singleQuoted
        case YAML_DOUBLE_QUOTED_SCALAR_STYLE: .doubleQuoted
        case YAML_LITERAL_SCALAR_STYLE: .literal
        case YAML_FOLDED_SCALAR_STYLE: .folded
        default: .plain
        }
    }

    /// Text with a length: libyaml's scalars may hold NUL, so never `String(cString:)`.
    private func string(_ pointer: UnsafeMutablePointer<yaml_char_t>?, count: Int) -> String {
        guard let pointer, count > 0 else { return "" }
        return String(decoding: UnsafeBufferPointer(start: pointer, count: count), as: UTF8.self)
    }

    /// A NUL-terminated name (anchor, tag).
    private func string(_ pointer: UnsafeMutablePointer<yaml_char_t>?) -> String {
        guard let pointer else { return "" }
        return string(pointer, count: strlen(pointer))
    }

    private func parserError(_ parser: yaml_parser_t, _ buffer: UnsafeBufferPointer<UInt8>) -> Diagnostic {
        let problem = parser.problem.map { String(cString: $0) } ?? "unknown problem"
        switch parser.error {
        case YAML_READER_ERROR:
            var message = problem
            if parser.problem_value >= 0 && parser.problem_value <= 0xFF {
                message += " (byte 0x" + String(UInt8(parser.problem_value), radix: 16, uppercase: true) + ")"
            } else if parser.problem_value > 0xFF {
                message += " (U+" + String(parser.problem_value, radix: 16, uppercase: true) + ")"
            }
            let (line, column) = TextPosition.of(byteOffset: parser.problem_offset, in: buffer)
            return Diagnostic(.yamlSyntax, message, at: SourceLocation(file: file, line: self.line(line), column: column))
        case YAML_SCANNER_ERROR, YAML_PARSER_ERROR:
            var message = problem
            var notes: [Note] = []
            if let context = parser.context.map({ String(cString: $0) }) {
                message += " " + context
                notes.append(Note(context.replacingPrefix("while ", with: "") + " started here", at: location(parser.context_mark)))
            }
            return Diagnostic(.yamlSyntax, message, at: location(parser.problem_mark), notes: notes)
        default:
            return Diagnostic(.yamlSyntax, "libyaml: \(problem)", at: location(parser.problem_mark))
        }
    }
}

/// The keys of a large mapping, by the hash of their text: open addressing over record indices.
private struct KeyIndex {
    private var slots = [Int32](repeating: -1, count: 32)
    private var count = 0
    private let seed = ScalarBytes.hashSeed

    static func sameText(_ a: Int, _ b: Int, records: [YAMLTree.Record], text: [UInt8]) -> Bool {
        let first = records[a]
        let second = records[b]
        guard first.end - first.start == second.end - second.start else { return false }
        return first.withBytes(in: text) { a in second.withBytes(in: text) { b in ScalarBytes.equal(a, b) } }
    }

    private func hash(_ index: Int, records: [YAMLTree.Record], text: [UInt8]) -> Int {
        records[index].withBytes(in: text) { ScalarBytes.hash($0, seed: seed) }
    }

    func find(_ index: Int, records: [YAMLTree.Record], text: [UInt8]) -> Int? {
        let mask = slots.count - 1
        var slot = hash(index, records: records, text: text) & mask
        while slots[slot] >= 0 {
            if Self.sameText(Int(slots[slot]), index, records: records, text: text) { return Int(slots[slot]) }
            slot = (slot + 1) & mask
        }
        return nil
    }

    mutating func insert(_ index: Int, records: [YAMLTree.Record], text: [UInt8]) {
        if (count + 1) * 2 > slots.count {
            let old = slots
            slots = [Int32](repeating: -1, count: old.count * 2)
            count = 0
            for entry in old where entry >= 0 { insert(Int(entry), records: records, text: text) }
        }
        let mask = slots.count - 1
        var slot = hash(index, records: records, text: text) & mask
        while slots[slot] >= 0 { slot = (slot + 1) & mask }
        slots[slot] = Int32(index)
        count += 1
    }
}

extension String {
    fileprivate func replacingPrefix(_ prefix: String, with replacement: String) -> String {
        hasPrefix(prefix) ? replacement + dropFirst(prefix.count) : self
    }
}
