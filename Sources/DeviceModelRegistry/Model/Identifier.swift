/// The identifier syntax of SPEC 2.3.
public enum Identifier {
    /// A model or implementation id: `domain.name/segment[/segment...]`, ASCII, no scheme.
    public static func isValidID(_ text: String) -> Bool {
        let parts = text.utf8.split(separator: UInt8(ascii: "/"), omittingEmptySubsequences: false)
        guard parts.count >= 2, let domain = parts.first else { return false }
        let labels = domain.split(separator: UInt8(ascii: "."), omittingEmptySubsequences: false)
        guard labels.count >= 2 else { return false }
        for label in labels {
            guard !label.isEmpty, label.allSatisfy(isDomainByte) else { return false }
        }
        for segment in parts.dropFirst() {
            guard !segment.isEmpty, segment.allSatisfy(isPathByte) else { return false }
        }
        return true
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
        let bytes = text.utf8
        guard (1...64).contains(bytes.count), let first = bytes.first,
            first != UInt8(ascii: "."), first != UInt8(ascii: "-")
        else { return false }
        return bytes.allSatisfy { isAlphanumeric($0) || $0 == UInt8(ascii: "_") || $0 == UInt8(ascii: ".") || $0 == UInt8(ascii: "-") }
    }

    /// A version or enum value name: 1–64 printable ASCII characters, no whitespace.
    public static func isValidName(_ text: String) -> Bool {
        let bytes = text.utf8
        return (1...64).contains(bytes.count) && bytes.allSatisfy { (0x21...0x7E).contains($0) }
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
