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
        var builder = TreeBuilder(file: file)
        bytes.withUnsafeBufferPointer { buffer in
            builder.parse(buffer)
        }
        return YAMLFile(file: file, documents: builder.documents, diagnostics: builder.diagnostics)
    }
}

/// Turns libyaml's event stream into nodes.
private struct TreeBuilder {
    private struct Frame {
        var isMapping: Bool
        var location: SourceLocation
        var items: [YAMLNode] = []
        var pairs: [YAMLPair] = []
        var pendingKey: YAMLNode?
        /// The pending key was refused (duplicate or merge key): its value is dropped.
        var pendingKeyRefused = false
        /// Where each key was first written, built only for large mappings: small ones are scanned.
        var keyIndex: [String: SourceLocation]?

        /// Where `key` was written before in this mapping, if it was.
        mutating func firstLocation(of key: String) -> SourceLocation? {
            if keyIndex == nil && pairs.count < 8 {
                for pair in pairs where pair.key.scalar?.text == key { return pair.key.location }
                return nil
            }
            if keyIndex == nil {
                var index: [String: SourceLocation] = [:]
                for pair in pairs {
                    if let text = pair.key.scalar?.text, index[text] == nil { index[text] = pair.key.location }
                }
                keyIndex = index
            }
            return keyIndex?[key]
        }

        /// Records a key written now (after its value, the pair is in `pairs`).
        mutating func remember(_ key: String, at location: SourceLocation) {
            if keyIndex != nil && keyIndex?[key] == nil { keyIndex?[key] = location }
        }
    }

    let file: String
    private let fileID: UInt32
    var documents: [YAMLNode] = []
    var diagnostics: [Diagnostic] = []
    private var stack: [Frame] = []
    private var root: YAMLNode?

    init(file: String) {
        self.file = file
        fileID = FileNames.shared.id(file)
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

        var event = yaml_event_t()
        while true {
            guard yaml_parser_parse(&parser, &event) == 1 else {
                diagnostics.append(parserError(parser, buffer))
                return
            }
            let keepGoing = handle(event)
            yaml_event_delete(&event)
            if !keepGoing { return }
        }
    }

    private func location(_ mark: yaml_mark_t) -> SourceLocation {
        SourceLocation(fileID: fileID, line: Int(mark.line) + 1, column: Int(mark.column) + 1)
    }

    /// Handles one event; returns false when reading must stop.
    private mutating func handle(_ event: yaml_event_t) -> Bool {
        let at = location(event.start_mark)
        switch event.type {
        case YAML_STREAM_END_EVENT:
            return false
        case YAML_DOCUMENT_START_EVENT:
            stack.removeAll()
            root = nil
        case YAML_DOCUMENT_END_EVENT:
            if let root, root.scalar?.isNull != true {
                documents.append(root)
            }
            root = nil
        case YAML_SCALAR_EVENT:
            let data = event.data.scalar
            refuse(anchor: data.anchor, tag: data.tag, at: at)
            let text = string(data.value, count: data.length)
            let scalar = YAMLScalar(text: text, style: style(data.style))
            add(YAMLNode(.scalar(scalar), at: at))
        case YAML_SEQUENCE_START_EVENT, YAML_MAPPING_START_EVENT:
            let isMapping = event.type == YAML_MAPPING_START_EVENT
            if isMapping {
                refuse(anchor: event.data.mapping_start.anchor, tag: event.data.mapping_start.tag, at: at)
            } else {
                refuse(anchor: event.data.sequence_start.anchor, tag: event.data.sequence_start.tag, at: at)
            }
            guard stack.count < YAMLReader.maximumDepth else {
                diagnostics.append(Diagnostic(
                    .unsupportedYAML, "nesting deeper than \(YAMLReader.maximumDepth) levels", at: at))
                return false
            }
            stack.append(Frame(isMapping: isMapping, location: at))
        case YAML_SEQUENCE_END_EVENT, YAML_MAPPING_END_EVENT:
            let frame = stack.removeLast()
            let content: YAMLNode.Content = frame.isMapping ? .mapping(frame.pairs) : .sequence(frame.items)
            add(YAMLNode(content, at: frame.location))
        case YAML_ALIAS_EVENT:
            let name = string(event.data.alias.anchor)
            diagnostics.append(Diagnostic(
                .unsupportedYAML, "aliases ('*\(name)') are not supported: write the value out", at: at))
            add(YAMLNode(.invalid, at: at))
        default:
            break
        }
        return true
    }

    private mutating func refuse(anchor: UnsafeMutablePointer<yaml_char_t>?, tag: UnsafeMutablePointer<yaml_char_t>?, at: SourceLocation) {
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

    private mutating func add(_ node: YAMLNode) {
        guard !stack.isEmpty else {
            root = node
            return
        }
        let top = stack.count - 1
        guard stack[top].isMapping else {
            stack[top].items.append(node)
            return
        }
        guard let key = stack[top].pendingKey else {
            var refused = false
            if let scalar = node.scalar {
                if scalar.style == .plain && scalar.text == "<<" {
                    diagnostics.append(Diagnostic(
                        .unsupportedYAML, "merge keys ('<<') are not supported: write the keys out", at: node.location))
                    refused = true
                } else if let first = stack[top].firstLocation(of: scalar.text) {
                    diagnostics.append(Diagnostic(
                        .duplicateKey, "duplicate key '\(scalar.text)'", at: node.location,
                        notes: [Note("'\(scalar.text)' first defined here", at: first)]))
                    refused = true
                } else {
                    stack[top].remember(scalar.text, at: node.location)
                }
            }
            stack[top].pendingKey = node
            stack[top].pendingKeyRefused = refused
            return
        }
        if !stack[top].pendingKeyRefused {
            stack[top].pairs.append(YAMLPair(key: key, value: node))
        }
        stack[top].pendingKey = nil
        stack[top].pendingKeyRefused = false
    }

    private func style(_ style: yaml_scalar_style_t) -> YAMLScalar.Style {
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
            return Diagnostic(.yamlSyntax, message, at: SourceLocation(file: file, line: line, column: column))
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

extension String {
    fileprivate func replacingPrefix(_ prefix: String, with replacement: String) -> String {
        hasPrefix(prefix) ? replacement + dropFirst(prefix.count) : self
    }
}
