/// Tests on a scalar's text as bytes, whether libyaml has just given it (the readers that type a
/// registry straight from the events) or a tree holds it: both ask them the same way.
enum ScalarBytes {
    /// Whether two runs of bytes are the same: a plain loop over memory, which keys (a few bytes
    /// each, compared by the million) need, not a generic comparison of collections.
    @inline(__always)
    static func equal(_ a: UnsafeRawBufferPointer, _ b: UnsafeRawBufferPointer) -> Bool {
        guard a.count == b.count else { return false }
        for offset in 0..<a.count where a[offset] != b[offset] { return false }
        return true
    }

    /// Whether `text` is `word`.
    @inline(__always)
    static func equal(_ text: UnsafeRawBufferPointer, _ word: StaticString) -> Bool {
        equal(text, UnsafeRawBufferPointer(start: word.utf8Start, count: word.utf8CodeUnitCount))
    }

    /// The text of a plain scalar that is no value at all (SPEC 2.2): empty, `~`, `null`, `Null` or `NULL`.
    @inline(__always)
    static func isNull(_ text: UnsafeRawBufferPointer) -> Bool {
        switch text.count {
        case 0: true
        case 1: text[0] == UInt8(ascii: "~")
        case 4: equal(text, "null") || equal(text, "Null") || equal(text, "NULL")
        default: false
        }
    }
}
