/// Tests on a scalar's text as bytes, whether libyaml has just given it (the readers that type a
/// registry straight from the events) or a tree holds it: both ask them the same way.
enum ScalarBytes {
    /// Whether two runs of bytes are the same: a plain loop over memory, which keys (a few bytes
    /// each, compared by the million) need, not a generic comparison of collections.
    /// Eight bytes a step, the last eight (or four) read where they end.
    @inline(__always)
    static func equal(_ a: UnsafeRawBufferPointer, _ b: UnsafeRawBufferPointer) -> Bool {
        let count = a.count
        guard count == b.count else { return false }
        if count >= 8 {
            var offset = 0
            while offset + 8 < count {
                guard a.loadUnaligned(fromByteOffset: offset, as: UInt64.self) == b.loadUnaligned(fromByteOffset: offset, as: UInt64.self)
                else { return false }
                offset += 8
            }
            return a.loadUnaligned(fromByteOffset: count - 8, as: UInt64.self) == b.loadUnaligned(fromByteOffset: count - 8, as: UInt64.self)
        }
        if count >= 4 {
            return a.loadUnaligned(as: UInt32.self) == b.loadUnaligned(as: UInt32.self)
                && a.loadUnaligned(fromByteOffset: count - 4, as: UInt32.self) == b.loadUnaligned(fromByteOffset: count - 4, as: UInt32.self)
        }
        for offset in 0..<count where a[offset] != b[offset] { return false }
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

    /// A hash of `bytes` for the tables that find names and keys by their text: eight bytes a
    /// step, each folded in by a full-width multiply, and a short text in one or two loads.
    /// `seed` is ``hashSeed``, which the table keeps: new in each process, as Swift's own
    /// `Hasher` is, so text written to collide in one run does not in the next.
    @inline(__always)
    static func hash(_ bytes: UnsafeRawBufferPointer, seed: UInt64) -> Int {
        let count = bytes.count
        var hash = seed ^ UInt64(truncatingIfNeeded: count)
        let last: UInt64
        if count >= 8 {
            var offset = 0
            while offset + 8 < count {
                hash = mix(hash ^ bytes.loadUnaligned(fromByteOffset: offset, as: UInt64.self), 0x9E37_79B9_7F4A_7C15)
                offset += 8
            }
            // The last eight bytes, some of them perhaps folded in already.
            last = bytes.loadUnaligned(fromByteOffset: count - 8, as: UInt64.self)
        } else if count >= 4 {
            last = UInt64(bytes.loadUnaligned(as: UInt32.self)) << 32
                | UInt64(bytes.loadUnaligned(fromByteOffset: count - 4, as: UInt32.self))
        } else if count > 0 {
            last = UInt64(bytes[0]) << 16 | UInt64(bytes[count >> 1]) << 8 | UInt64(bytes[count - 1])
        } else {
            last = 0
        }
        return Int(truncatingIfNeeded: mix(mix(hash ^ last, 0xBF58_476D_1CE4_E5B9), 0x94D0_49BB_1331_11EB))
    }

    /// The seed of ``hash(_:seed:)`` in this process.
    static let hashSeed = UInt64.random(in: .min ... .max)

    @inline(__always)
    private static func mix(_ a: UInt64, _ b: UInt64) -> UInt64 {
        let product = a.multipliedFullWidth(by: b)
        return product.high ^ product.low
    }
}
