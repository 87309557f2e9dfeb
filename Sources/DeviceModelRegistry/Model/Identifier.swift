/// The identifier syntax of SPEC 2.3.
public enum Identifier {
    /// A model or implementation id: `domain.name/segment[/segment...]`, ASCII, no scheme.
    public static func isValidID(_ text: String) -> Bool {
        var text = text
        return text.withUTF8 { isValidID(UnsafeRawBufferPointer($0)) }
    }

    /// ``isValidID(_:)`` of UTF-8 bytes, in one pass.
    static func isValidID(_ bytes: UnsafeRawBufferPointer) -> Bool {
        var inDomain = true
        var labels = 0
        // The length of the domain label or path segment being read.
        var length = 0
        for byte in bytes {
            switch byte {
            case UInt8(ascii: "/"):
                guard length > 0 else { return false }
                if inDomain {
                    labels += 1
                    guard labels >= 2 else { return false }
                    inDomain = false
                }
                length = 0
            case UInt8(ascii: ".") where inDomain:
                guard length > 0 else { return false }
                labels += 1
                length = 0
            default:
                guard inDomain ? isDomainByte(byte) : isPathByte(byte) else { return false }
                length += 1
            }
        }
        return !inDomain && length > 0
    }

    /// The id with a leading `scheme://` removed, when it has one and the rest is a valid id.
    public static func withoutScheme(_ text: String) -> String? {
        guard let range = text.firstRange(of: "://") else { return nil }
        let rest = String(text[range.upperBound...])
        let trimmed = rest.hasSuffix("/") ? String(rest.dropLast()) : rest
        return isValidID(trimmed) ? trimmed : nil
    }

    /// A parameter name: 1–64 of `[A-Za-z0-9_.-]`, not starting with `.` or `-`.
    public static func isValidParameterName(_ text: String) -> Bool {
        var text = text
        return text.withUTF8 { isValidParameterName(UnsafeRawBufferPointer($0)) }
    }

    /// ``isValidParameterName(_:)`` of UTF-8 bytes: a loop over memory, not over a string's view.
    static func isValidParameterName(_ bytes: UnsafeRawBufferPointer) -> Bool {
        guard (1...64).contains(bytes.count), bytes[0] != UInt8(ascii: "."), bytes[0] != UInt8(ascii: "-") else { return false }
        return bytes.allSatisfy { isAlphanumeric($0) || $0 == UInt8(ascii: "_") || $0 == UInt8(ascii: ".") || $0 == UInt8(ascii: "-") }
    }

    /// A version or enum value name: 1–64 printable ASCII characters, no whitespace.
    public static func isValidName(_ text: String) -> Bool {
        var text = text
        return text.withUTF8 { bytes in (1...64).contains(bytes.count) && bytes.allSatisfy { (0x21...0x7E).contains($0) } }
    }

    private static func isAlphanumeric(_ byte: UInt8) -> Bool {
        (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte)
            || (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte)
            || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
    }

    private static func isDomainByte(_ byte: UInt8) -> Bool {
        isAlphanumeric(byte) || byte == UInt8(ascii: "-")
    }

    private static func isPathByte(_ byte: UInt8) -> Bool {
        isAlphanumeric(byte) || "._~+-".utf8.contains(byte)
    }
}
