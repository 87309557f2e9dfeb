/// A JSON document with keys in a fixed order, so output can be diffed and golden-tested.
///
/// Integers stay exact to 64 bits (Foundation's encoder would go through `Double`).
public enum JSONValue: Hashable, Sendable {
    case null
    case bool(Bool)
    case int(Int64)
    /// A JSON number kept as written (for echoing a request's `id`).
    case number(String)
    case string(String)
    case array([JSONValue])
    case object([Member])

    /// One `"key": value` of an object.
    public struct Member: Hashable, Sendable {
        public var key: String
        public var value: JSONValue

        public init(_ key: String, _ value: JSONValue) {
            self.key = key
            self.value = value
        }
    }

    /// An object from members, leaving out those whose value is nil.
    public static func object(_ members: [(String, JSONValue?)]) -> JSONValue {
        .object(members.compactMap { key, value in value.map { Member(key, $0) } })
    }

    /// A string member that is left out when nil.
    public static func optional(_ value: String?) -> JSONValue? {
        value.map(JSONValue.string)
    }

    /// A string, or JSON null when nil (for fields that are always present).
    public static func nullable(_ value: String?) -> JSONValue {
        value.map(JSONValue.string) ?? .null
    }

    /// The document as text: indented by two spaces, or on one line.
    public func serialized(pretty: Bool = true) -> String {
        String(decoding: utf8(pretty: pretty), as: UTF8.self)
    }

    /// The document as UTF-8 text, for writing out without decoding it again.
    ///
    /// - Parameter indent: pretty, where the value starts: inside a document written piece by piece.
    public func utf8(pretty: Bool = true, indent: Int = 0) -> [UInt8] {
        var output: [UInt8] = []
        output.reserveCapacity(2048)
        write(to: &output, indent: pretty ? indent : nil)
        return output
    }

    /// Pretty text starting at `indent`.
    public func serialized(indent: Int) -> String {
        String(decoding: utf8(pretty: true, indent: indent), as: UTF8.self)
    }

    func write(to output: inout [UInt8], indent: Int?) {
        switch self {
        case .null: output.append(contentsOf: "null".utf8)
        case .bool(let value): output.append(contentsOf: (value ? "true" : "false").utf8)
        case .int(let value): output.append(contentsOf: String(value).utf8)
        case .number(let text): output.append(contentsOf: text.utf8)
        case .string(let value): Self.writeString(value, to: &output)
        case .array(let items):
            writeContainer(items, open: "[", close: "]", to: &output, indent: indent) { item, output, indent in
                item.write(to: &output, indent: indent)
            }
        case .object(let members):
            writeContainer(members, open: "{", close: "}", to: &output, indent: indent) { member, output, indent in
                Self.writeString(member.key, to: &output)
                output.append(UInt8(ascii: ":"))
                if indent != nil { output.append(UInt8(ascii: " ")) }
                member.value.write(to: &output, indent: indent)
            }
        }
    }

    private func writeContainer<Item>(
        _ items: [Item], open: Unicode.Scalar, close: Unicode.Scalar, to output: inout [UInt8], indent: Int?,
        writeItem: (Item, inout [UInt8], Int?) -> Void
    ) {
        output.append(UInt8(ascii: open))
        guard !items.isEmpty else {
            output.append(UInt8(ascii: close))
            return
        }
        let inner = indent.map { $0 + 2 }
        for (index, item) in items.enumerated() {
            if index > 0 { output.append(UInt8(ascii: ",")) }
            if let inner { Self.newline(indent: inner, to: &output) }
            writeItem(item, &output, inner)
        }
        if let indent { Self.newline(indent: indent, to: &output) }
        output.append(UInt8(ascii: close))
    }

    private static func newline(indent: Int, to output: inout [UInt8]) {
        output.append(UInt8(ascii: "\n"))
        output.append(contentsOf: repeatElement(UInt8(ascii: " "), count: indent))
    }

    /// The bytes a string's run copies as they are: printable ASCII but the quote and the backslash,
    /// and every byte of multi-byte characters but the lead bytes that may start one to escape.
    private static let plainBytes: [Bool] = (0...255).map { byte in
        byte >= 0x20 && byte != 0x22 && byte != 0x5C && byte != 0x7F && byte != 0xE2 && byte != 0xC2 && byte != 0xF4
    }

    static func writeString(_ value: String, to output: inout [UInt8]) {
        output.append(UInt8(ascii: "\""))
        var value = value
        plainBytes.withUnsafeBufferPointer { plain in value.withUTF8 { bytes in
            // Copy runs that need no escape whole; escape the rest.
            var runStart = 0
            var index = 0
            while index < bytes.count {
                let byte = bytes[index]
                if plain[Int(byte)] {
                    index += 1
                    continue
                }
                var width = 1
                let escape: String
                switch byte {
                case 0x22: escape = "\\\""
                case 0x5C: escape = "\\\\"
                case 0x0A: escape = "\\n"
                case 0x0D: escape = "\\r"
                case 0x09: escape = "\\t"
                case 0xF4:
                    // A byte of a path that is not UTF-8 (U+10FF80–U+10FFFF, see PathBytes): `\\xHH`.
                    guard index + 3 < bytes.count && bytes[index + 1] == 0x8F && (0xBE...0xBF).contains(bytes[index + 2]) else {
                        index += 1
                        continue
                    }
                    let raw = ((bytes[index + 2] & 0x01) << 6 | (bytes[index + 3] & 0x3F)) | 0x80
                    escape = "\\\\x" + String(raw, radix: 16, uppercase: true)
                    width = 4
                case 0xC2:
                    // C1 controls (U+0080–U+009F): valid JSON raw, but a terminal acts on them.
                    guard index + 1 < bytes.count && (0x80...0x9F).contains(bytes[index + 1]) else {
                        index += 1
                        continue
                    }
                    escape = unicodeEscape(UInt32(bytes[index + 1]))
                    width = 2
                case 0xE2:
                    // U+2028 and U+2029 (valid JSON, but not in JavaScript strings), and the
                    // bidirectional controls U+202A–U+202E and U+2066–U+2069, which reorder shown text.
                    guard index + 2 < bytes.count,
                        (bytes[index + 1] == 0x80 && (0xA8...0xAE).contains(bytes[index + 2]))
                            || (bytes[index + 1] == 0x81 && (0xA6...0xA9).contains(bytes[index + 2]))
                    else {
                        index += 1
                        continue
                    }
                    escape = unicodeEscape(0x2000 + (UInt32(bytes[index + 1]) - 0x80) * 64 + UInt32(bytes[index + 2]) - 0x80)
                    width = 3
                default: escape = unicodeEscape(UInt32(byte))
                }
                output.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart..<index]))
                output.append(contentsOf: escape.utf8)
                index += width
                runStart = index
            }
            output.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart..<index]))
        } }
        output.append(UInt8(ascii: "\""))
    }

    private static func unicodeEscape(_ value: UInt32) -> String {
        let hex = String(value, radix: 16)
        return "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
    }
}

extension JSONValue {
    /// JSON's number syntax: `-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?`.
    public static func isNumber(_ text: String) -> Bool {
        var bytes = text.utf8[...]
        func digits() -> Int {
            let count = bytes.prefix { (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) }.count
            bytes = bytes.dropFirst(count)
            return count
        }
        if bytes.first == UInt8(ascii: "-") { bytes = bytes.dropFirst() }
        if bytes.first == UInt8(ascii: "0") {
            bytes = bytes.dropFirst()
        } else if digits() == 0 {
            return false
        }
        if bytes.first == UInt8(ascii: ".") {
            bytes = bytes.dropFirst()
            if digits() == 0 { return false }
        }
        if bytes.first == UInt8(ascii: "e") || bytes.first == UInt8(ascii: "E") {
            bytes = bytes.dropFirst()
            if bytes.first == UInt8(ascii: "+") || bytes.first == UInt8(ascii: "-") { bytes = bytes.dropFirst() }
            if digits() == 0 { return false }
        }
        return bytes.isEmpty
    }
}

extension JSONValue {
    /// A top-level document: its members, then `"schema": 1` (SPEC 8: in every document).
    public static func document(_ members: [(String, JSONValue?)]) -> JSONValue {
        .object(members + [("schema", .int(1))])
    }
}
