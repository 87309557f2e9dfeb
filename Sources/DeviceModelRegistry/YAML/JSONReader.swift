/// Reads one JSON text exactly as RFC 8259 defines it into the tree YAML documents use, so that
/// the schema readers take JSON and YAML alike (SPEC 3.1: a VM file, an inventory, a `batch`
/// request, a QMP answer).
///
/// libyaml reads JSON as YAML's flow style, which is not JSON: it takes `[tru]`, `[1:2]`, `+1`,
/// `-01` and single quotes, and refuses surrogate pairs (`"\ud83d\ude00"`, how Python writes an
/// emoji). This reader accepts every JSON text and nothing else:
/// - strings are UTF-8 checked byte by byte; escapes are decoded, a surrogate pair to its one
///   character (a lone surrogate names no character and is refused);
/// - numbers keep their spelling (`1.0e5` stays `1.0e5`), as plain scalars the schema types;
/// - `true`, `false`, `null` are plain scalars, strings double-quoted ones, keys included;
/// - a key given twice keeps its last value, as most JSON parsers do (RFC 8259 leaves it open);
/// - nesting is held to ``YAMLReader/maximumDepth``, and the text to ``YAMLReader/maximumFileSize``.
///
/// A problem ends the reading with one `yaml-syntax` diagnostic at its line and column
/// (columns count characters, as the YAML reader's do), saying what was expected.
public enum JSONReader {
    public static func read(_ bytes: [UInt8], file: String) -> YAMLFile {
        if bytes.count > YAMLReader.maximumFileSize {
            let problem = Diagnostic(
                .unsupportedYAML, "the JSON text is larger than 64 MiB (\(bytes.count) bytes)", at: .start(of: file))
            return YAMLFile(file: file, documents: [], diagnostics: [problem])
        }
        var parser = JSONParser(bytes: bytes, fileID: FileNames.shared.id(file))
        do throws(JSONParser.Problem) {
            let root = try parser.document()
            let tree = YAMLTree(fileID: parser.fileID, records: parser.records, text: parser.text)
            return YAMLFile(file: file, documents: [YAMLNode(tree, root)], diagnostics: [])
        } catch {
            let location = SourceLocation(fileID: parser.fileID, line: error.line, column: error.column)
            return YAMLFile(file: file, documents: [], diagnostics: [Diagnostic(error.rule, error.message, at: location)])
        }
    }
}

/// A recursive-descent parser of RFC 8259 over bytes, writing ``YAMLTree`` records.
private struct JSONParser {
    struct Problem: Error {
        var message: String
        var line: Int
        var column: Int
        var rule: Rule = .yamlSyntax
    }

    let bytes: [UInt8]
    let fileID: UInt32
    var records: [YAMLTree.Record] = []
    var text: [UInt8] = []
    private var index = 0
    private var line = 1
    /// The byte where the current line starts, for columns.
    private var lineStart = 0
    private var depth = 0
    /// The last column computed, and the byte it is for.
    private var counted = (index: 0, column: 1)

    init(bytes: [UInt8], fileID: UInt32) {
        self.bytes = bytes
        self.fileID = fileID
    }

    /// `ws value ws`, and nothing after.
    mutating func document() throws(Problem) -> Int {
        // A UTF-8 byte order mark is not JSON, but RFC 8259 lets a parser ignore it.
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) {
            index = 3
            lineStart = 3
        }
        skipWhitespace()
        let root = try value()
        skipWhitespace()
        if index < bytes.count {
            throw problem("expected the end of the JSON text after its value, found \(found())")
        }
        return root
    }

    // MARK: Values

    private mutating func value() throws(Problem) -> Int {
        guard index < bytes.count else { throw problem("expected a JSON value, found the end of the text") }
        switch bytes[index] {
        case UInt8(ascii: "{"): return try object()
        case UInt8(ascii: "["): return try array()
        case UInt8(ascii: "\""): return try string()
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return try number()
        case UInt8(ascii: "t"): return try literal("true")
        case UInt8(ascii: "f"): return try literal("false")
        case UInt8(ascii: "n"): return try literal("null")
        default: throw problem("expected a JSON value (an object, array, string, number, true, false or null), found \(found())")
        }
    }

    private mutating func object() throws(Problem) -> Int {
        let record = try open(.mapping)
        var children = 0
        var keys: Set<ArraySlice<UInt8>> = []
        var duplicated = false
        skipWhitespace()
        if peek(UInt8(ascii: "}")) {
            index += 1
        } else {
            while true {
                guard peek(UInt8(ascii: "\"")) else { throw problem("expected a string key in the object, found \(found())") }
                let key = try string()
                let keyText = text[Int(records[key].start)..<Int(records[key].end)]
                if !keys.insert(keyText).inserted { duplicated = true }
                skipWhitespace()
                guard peek(UInt8(ascii: ":")) else { throw problem("expected ':' after the object's key, found \(found())") }
                index += 1
                skipWhitespace()
                _ = try value()
                children += 2
                skipWhitespace()
                if peek(UInt8(ascii: ",")) {
                    index += 1
                    skipWhitespace()
                    continue
                }
                guard peek(UInt8(ascii: "}")) else { throw problem("expected ',' or '}' after the object's member, found \(found())") }
                index += 1
                break
            }
        }
        close(record, children: children)
        if duplicated { keepLastOfEachKey(in: record) }
        return record
    }

    private mutating func array() throws(Problem) -> Int {
        let record = try open(.sequence)
        var children = 0
        skipWhitespace()
        if peek(UInt8(ascii: "]")) {
            index += 1
        } else {
            while true {
                _ = try value()
                children += 1
                skipWhitespace()
                if peek(UInt8(ascii: ",")) {
                    index += 1
                    skipWhitespace()
                    continue
                }
                guard peek(UInt8(ascii: "]")) else { throw problem("expected ',' or ']' after the array's item, found \(found())") }
                index += 1
                break
            }
        }
        close(record, children: children)
        return record
    }

    private mutating func open(_ kind: YAMLTree.Record.Kind) throws(Problem) -> Int {
        guard depth < YAMLReader.maximumDepth else {
            var error = problem("nesting deeper than \(YAMLReader.maximumDepth) levels")
            error.rule = .unsupportedYAML
            throw error
        }
        depth += 1
        records.append(YAMLTree.Record(line: UInt32(line), column: UInt32(column()), start: 0, end: 0, kind: kind))
        index += 1
        return records.count - 1
    }

    private mutating func close(_ record: Int, children: Int) {
        depth -= 1
        records[record].start = UInt32(children)
        records[record].end = UInt32(records.count)
    }

    /// Drops the earlier members of a key given twice in the object at `record`, moving the
    /// records after them down (a collection's `end` is an absolute index).
    private mutating func keepLastOfEachKey(in record: Int) {
        var members: [(key: Int, end: Int, name: ArraySlice<UInt8>)] = []
        var position = record + 1
        while position < Int(records[record].end) {
            let end = YAMLTree.next(after: position + 1, in: records)
            members.append((position, end, text[Int(records[position].start)..<Int(records[position].end)]))
            position = end
        }
        var last: [ArraySlice<UInt8>: Int] = [:]
        for (number, member) in members.enumerated() { last[member.name] = number }
        var kept: [YAMLTree.Record] = []
        for (number, member) in members.enumerated() where last[member.name] == number {
            let shift = member.key - (record + 1 + kept.count)
            for var moved in records[member.key..<member.end] {
                if !moved.isLeaf { moved.end -= UInt32(shift) }
                kept.append(moved)
            }
        }
        records.replaceSubrange((record + 1)..., with: kept)
        records[record].start = UInt32(last.count * 2)
        records[record].end = UInt32(records.count)
    }

    private mutating func literal(_ word: StaticString) throws(Problem) -> Int {
        let expected = UnsafeBufferPointer(start: word.utf8Start, count: word.utf8CodeUnitCount)
        let column = column()
        for byte in expected {
            guard index < bytes.count, bytes[index] == byte else {
                throw problem("expected '\(word)', found \(found())")
            }
            index += 1
        }
        return scalar(bytes[(index - expected.count)..<index], kind: .plain, column: column)
    }

    /// `-? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)?`, kept as written.
    private mutating func number() throws(Problem) -> Int {
        let start = index
        let column = column()
        if peek(UInt8(ascii: "-")) { index += 1 }
        if peek(UInt8(ascii: "0")) {
            index += 1
            if index < bytes.count, isDigit(bytes[index]) { throw problem("a number does not start with 0 followed by digits") }
        } else if index < bytes.count, isDigit(bytes[index]) {
            skipDigits()
        } else {
            throw problem("expected a digit in the number, found \(found())")
        }
        if peek(UInt8(ascii: ".")) {
            index += 1
            guard index < bytes.count, isDigit(bytes[index]) else { throw problem("expected a digit after the decimal point, found \(found())") }
            skipDigits()
        }
        if peek(UInt8(ascii: "e")) || peek(UInt8(ascii: "E")) {
            index += 1
            if peek(UInt8(ascii: "+")) || peek(UInt8(ascii: "-")) { index += 1 }
            guard index < bytes.count, isDigit(bytes[index]) else { throw problem("expected a digit in the exponent, found \(found())") }
            skipDigits()
        }
        return scalar(bytes[start..<index], kind: .plain, column: column)
    }

    /// A string: UTF-8 checked, escapes decoded.
    private mutating func string() throws(Problem) -> Int {
        let column = column()
        index += 1  // the opening quote
        let start = text.count
        while true {
            guard index < bytes.count else {
                throw problem("the string is not closed: expected '\"' before the end of the text")
            }
            let byte = bytes[index]
            switch byte {
            case UInt8(ascii: "\""):
                index += 1
                records.append(YAMLTree.Record(
                    line: UInt32(line), column: UInt32(column), start: UInt32(start), end: UInt32(text.count), kind: .doubleQuoted))
                return records.count - 1
            case UInt8(ascii: "\\"):
                try escape()
            case 0x00..<0x20:
                throw problem("a control character (U+\(hex(UInt32(byte)))) must be escaped in a string")
            case 0x20..<0x80:
                text.append(byte)
                index += 1
            default:
                try multibyte()
            }
        }
    }

    private mutating func escape() throws(Problem) {
        index += 1
        guard index < bytes.count else { throw problem("the string is not closed: expected '\"' before the end of the text") }
        let byte = bytes[index]
        index += 1
        switch byte {
        case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): text.append(byte)
        case UInt8(ascii: "b"): text.append(0x08)
        case UInt8(ascii: "f"): text.append(0x0C)
        case UInt8(ascii: "n"): text.append(0x0A)
        case UInt8(ascii: "r"): text.append(0x0D)
        case UInt8(ascii: "t"): text.append(0x09)
        case UInt8(ascii: "u"):
            var scalar = try hexQuad()
            if (0xD800..<0xDC00).contains(scalar) {
                // A high surrogate: the low one must follow, as `\uDC00`–`\uDFFF`.
                guard index + 1 < bytes.count, bytes[index] == UInt8(ascii: "\\"), bytes[index + 1] == UInt8(ascii: "u") else {
                    index -= 6
                    throw problem("the surrogate \\u\(hex(scalar)) is not followed by its low surrogate: it names no character")
                }
                index += 2
                let low = try hexQuad()
                guard (0xDC00..<0xE000).contains(low) else {
                    index -= 6
                    throw problem("\\u\(hex(low)) is not the low surrogate that \\u\(hex(scalar)) needs")
                }
                scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
            } else if (0xDC00..<0xE000).contains(scalar) {
                index -= 6
                throw problem("the low surrogate \\u\(hex(scalar)) has no high surrogate before it: it names no character")
            }
            text.append(contentsOf: String(Character(Unicode.Scalar(scalar)!)).utf8)
        default:
            index -= 1
            throw problem("'\\\(display(byte))' is no JSON escape: expected one of \\\" \\\\ \\/ \\b \\f \\n \\r \\t \\uXXXX")
        }
    }

    private mutating func hexQuad() throws(Problem) -> UInt32 {
        var value: UInt32 = 0
        for _ in 0..<4 {
            guard index < bytes.count, let digit = hexDigit(bytes[index]) else {
                throw problem("expected 4 hexadecimal digits after \\u, found \(found())")
            }
            value = value << 4 | digit
            index += 1
        }
        return value
    }

    /// One character of 2 to 4 bytes, held to well-formed UTF-8 (no overlong form, no surrogate, at most U+10FFFF).
    private mutating func multibyte() throws(Problem) {
        let count = WellFormedUTF8.width(of: bytes, at: index)
        guard count > 0 else {
            throw problem("invalid UTF-8 (byte 0x\(String(bytes[index], radix: 16, uppercase: true))): JSON text is UTF-8")
        }
        text.append(contentsOf: bytes[index..<(index + count)])
        index += count
    }

    // MARK: Bytes

    private mutating func scalar(_ bytes: ArraySlice<UInt8>, kind: YAMLTree.Record.Kind, column: Int) -> Int {
        let start = text.count
        text.append(contentsOf: bytes)
        records.append(YAMLTree.Record(
            line: UInt32(line), column: UInt32(column), start: UInt32(start), end: UInt32(text.count), kind: kind))
        return records.count - 1
    }

    private mutating func skipWhitespace() {
        while index < bytes.count {
            switch bytes[index] {
            case UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\r"): index += 1
            case UInt8(ascii: "\n"):
                index += 1
                line += 1
                lineStart = index
            default: return
            }
        }
    }

    private mutating func skipDigits() {
        while index < bytes.count, isDigit(bytes[index]) { index += 1 }
    }

    private func peek(_ byte: UInt8) -> Bool {
        index < bytes.count && bytes[index] == byte
    }

    private func isDigit(_ byte: UInt8) -> Bool {
        (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
    }

    private func hexDigit(_ byte: UInt8) -> UInt32? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): UInt32(byte - UInt8(ascii: "0"))
        case UInt8(ascii: "a")...UInt8(ascii: "f"): UInt32(byte - UInt8(ascii: "a") + 10)
        case UInt8(ascii: "A")...UInt8(ascii: "F"): UInt32(byte - UInt8(ascii: "A") + 10)
        default: nil
        }
    }

    /// The column of the current byte, in characters (UTF-8 continuation bytes do not count),
    /// counted on from the last one asked for: a 64 MiB line costs one pass, not one per node.
    private mutating func column() -> Int {
        if counted.index < lineStart || counted.index > index { counted = (lineStart, 1) }
        var count = counted.column
        for byte in bytes[counted.index..<min(index, bytes.count)] where byte & 0xC0 != 0x80 { count += 1 }
        counted = (min(index, bytes.count), count)
        return count
    }

    /// What stands at the current byte, for messages.
    private func found() -> String {
        guard index < bytes.count else { return "the end of the text" }
        return "'\(display(bytes[index]))'"
    }

    private func display(_ byte: UInt8) -> String {
        switch byte {
        case 0x20..<0x7F: String(UnicodeScalar(byte))
        default: "\\x" + String(byte, radix: 16, uppercase: true)
        }
    }

    private func hex(_ value: UInt32) -> String {
        let digits = String(value, radix: 16, uppercase: true)
        return String(repeating: "0", count: max(0, 4 - digits.count)) + digits
    }

    private mutating func problem(_ message: String) -> Problem {
        Problem(message: message, line: line, column: column())
    }
}
