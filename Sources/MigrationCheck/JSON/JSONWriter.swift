/// Writes JSON straight into a byte buffer, a member at a time, with no ``JSONValue`` tree.
///
/// The bytes are those ``JSONValue`` writes for the same document, pretty or on one line:
/// a reporter may write a large answer part by part and embed values built as trees.
public struct JSONWriter {
    public private(set) var bytes: [UInt8] = []
    private let pretty: Bool
    /// Pretty: the indentation of the lines inside the innermost open container.
    private var indent: Int
    /// For each open container, how many items (members) it has so far.
    private var counts: [Int] = []
    /// A key was written; its value comes next.
    private var afterKey = false

    /// - Parameter indent: pretty, where the first value starts: inside a document written piece by piece.
    public init(pretty: Bool, indent: Int = 0) {
        self.pretty = pretty
        self.indent = indent
        bytes.reserveCapacity(1024)
    }

    public mutating func beginObject() { open(UInt8(ascii: "{")) }
    public mutating func endObject() { close(UInt8(ascii: "}")) }
    public mutating func beginArray() { open(UInt8(ascii: "[")) }
    public mutating func endArray() { close(UInt8(ascii: "]")) }

    /// The key of the open object's next member: a name written in the source, which needs no escape.
    public mutating func key(_ key: StaticString) {
        separate()
        bytes.append(UInt8(ascii: "\""))
        bytes.append(contentsOf: UnsafeBufferPointer(start: key.utf8Start, count: key.utf8CodeUnitCount))
        bytes.append(UInt8(ascii: "\""))
        endKey()
    }

    /// The key of the open object's next member, any text, escaped.
    public mutating func key(named key: String) {
        separate()
        JSONValue.writeString(key, to: &bytes)
        endKey()
    }

    private mutating func endKey() {
        bytes.append(UInt8(ascii: ":"))
        if pretty { bytes.append(UInt8(ascii: " ")) }
        afterKey = true
    }

    public mutating func string(_ value: String) {
        startValue()
        JSONValue.writeString(value, to: &bytes)
    }

    /// A value built as a tree, written where the writer stands.
    public mutating func value(_ value: JSONValue) {
        startValue()
        value.write(to: &bytes, indent: pretty ? indent : nil)
    }

    /// `key: value`, left out when `value` is nil.
    public mutating func member(_ key: StaticString, _ value: String?) {
        guard let value else { return }
        self.key(key)
        string(value)
    }

    /// `key: value`, left out when `value` is nil.
    public mutating func member(_ key: StaticString, _ value: JSONValue?) {
        guard let value else { return }
        self.key(key)
        self.value(value)
    }

    /// `key: value` for a key of any text, left out when `value` is nil.
    public mutating func member(named key: String, _ value: JSONValue?) {
        guard let value else { return }
        self.key(named: key)
        self.value(value)
    }

    private mutating func open(_ bracket: UInt8) {
        startValue()
        bytes.append(bracket)
        counts.append(0)
        indent += 2
    }

    private mutating func close(_ bracket: UInt8) {
        let count = counts.removeLast()
        indent -= 2
        if count > 0 && pretty { newline() }
        bytes.append(bracket)
    }

    /// Before a value: nothing after a key; in an array, what separates it from the item before.
    private mutating func startValue() {
        if afterKey {
            afterKey = false
        } else if !counts.isEmpty {
            separate()
        }
    }

    /// The comma after the item before, and a pretty line break.
    private mutating func separate() {
        if counts[counts.count - 1] > 0 { bytes.append(UInt8(ascii: ",")) }
        counts[counts.count - 1] += 1
        if pretty { newline() }
    }

    private mutating func newline() {
        bytes.append(UInt8(ascii: "\n"))
        bytes.append(contentsOf: repeatElement(UInt8(ascii: " "), count: indent))
    }
}

/// Where an object's members go: written straight into a ``JSONWriter``, or gathered into a
/// ``JSONValue`` by ``JSONObject``. A reporter that lists an object's members once, generic over
/// this, gives the same bytes either way.
protocol JSONObjectSink {
    /// `key: value`, left out when `value` is nil.
    mutating func member(_ key: StaticString, _ value: String?)
    /// `key: value`, left out when `value` is nil.
    mutating func member(_ key: StaticString, _ value: JSONValue?)
    /// `key: [strings]`.
    mutating func member(_ key: StaticString, strings: [String])
    /// `key: {...}`, its members listed by `members`.
    mutating func member(_ key: StaticString, object members: (inout Self) -> Void)
}

extension JSONWriter: JSONObjectSink {
    mutating func member(_ key: StaticString, strings: [String]) {
        self.key(key)
        beginArray()
        for string in strings { self.string(string) }
        endArray()
    }

    mutating func member(_ key: StaticString, object members: (inout JSONWriter) -> Void) {
        self.key(key)
        beginObject()
        members(&self)
        endObject()
    }
}

/// An object's members gathered into a ``JSONValue``.
struct JSONObject: JSONObjectSink {
    private var members: [JSONValue.Member] = []

    var value: JSONValue { .object(members) }

    mutating func member(_ key: StaticString, _ value: String?) {
        member(key, value.map(JSONValue.string))
    }

    mutating func member(_ key: StaticString, _ value: JSONValue?) {
        guard let value else { return }
        members.append(JSONValue.Member(key.description, value))
    }

    mutating func member(_ key: StaticString, strings: [String]) {
        member(key, JSONValue.array(strings.map(JSONValue.string)))
    }

    mutating func member(_ key: StaticString, object list: (inout JSONObject) -> Void) {
        var object = JSONObject()
        list(&object)
        member(key, object.value)
    }
}
