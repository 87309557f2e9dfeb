/// Paths are bytes: a file name need not be UTF-8. A path travels through the program as a
/// `String` in which each byte that is not part of valid UTF-8 is held as one private-use
/// scalar (U+10FF80 + the byte's low 7 bits, for the bytes 0x80–0xFF), so that it opens the
/// very file named, and is shown as `\xHH`.
public enum PathBytes {
    /// The scalars that stand for raw bytes 0x80–0xFF.
    public static let raw: ClosedRange<UInt32> = 0x10FF80...0x10FFFF

    /// A path's bytes as a string: valid UTF-8 decoded, every other byte kept as its private-use scalar.
    public static func string(_ input: some Collection<UInt8>) -> String {
        let bytes = Array(input)
        if let valid = String(validating: bytes, as: UTF8.self) { return valid }
        var result = ""
        var index = 0
        while index < bytes.count {
            let width = WellFormedUTF8.width(of: bytes, at: index)
            if width > 0 {
                result += String(decoding: bytes[index..<(index + width)], as: UTF8.self)
                index += width
            } else {
                result.unicodeScalars.append(rawScalar(bytes[index]))
                index += 1
            }
        }
        return result
    }

    private static func rawScalar(_ byte: UInt8) -> Unicode.Scalar {
        byte < 0x80 ? Unicode.Scalar(byte) : Unicode.Scalar(raw.lowerBound + UInt32(byte & 0x7F))!
    }

    /// The bytes a path string stands for.
    public static func bytes(_ path: String) -> [UInt8] {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(path.utf8.count)
        for scalar in path.unicodeScalars {
            if raw.contains(scalar.value) {
                bytes.append(UInt8(scalar.value - raw.lowerBound) | 0x80)
            } else {
                bytes.append(contentsOf: UTF8.encode(scalar)!)
            }
        }
        return bytes
    }

    /// The path as a NUL-terminated C string, for `open`, `stat`, `opendir`.
    public static func cString(_ path: String) -> ContiguousArray<CChar> {
        guard path.unicodeScalars.contains(where: { raw.contains($0.value) }) else { return path.utf8CString }
        return ContiguousArray(bytes(path).map { CChar(bitPattern: $0) } + [0])
    }

    /// The byte a private-use scalar stands for, if it stands for one.
    public static func rawByte(_ scalar: Unicode.Scalar) -> UInt8? {
        raw.contains(scalar.value) ? UInt8(scalar.value - raw.lowerBound) | 0x80 : nil
    }
}

/// Well-formed UTF-8, byte by byte: what the JSON reader accepts and what a path keeps as text.
enum WellFormedUTF8 {
    /// The length of the character at `index`, or 0 when it is not well formed (an overlong form,
    /// a surrogate, beyond U+10FFFF, a stray or missing continuation byte).
    static func width(of bytes: [UInt8], at index: Int) -> Int {
        let lead = bytes[index]
        if lead < 0x80 { return 1 }
        let (width, low, high): (Int, UInt8, UInt8) =
            switch lead {
            case 0xC2...0xDF: (2, 0x80, 0xBF)
            case 0xE0: (3, 0xA0, 0xBF)
            case 0xE1...0xEC, 0xEE...0xEF: (3, 0x80, 0xBF)
            case 0xED: (3, 0x80, 0x9F)
            case 0xF0: (4, 0x90, 0xBF)
            case 0xF1...0xF3: (4, 0x80, 0xBF)
            case 0xF4: (4, 0x80, 0x8F)
            default: (0, 0, 0)
            }
        guard width > 0, index + width <= bytes.count, (low...high).contains(bytes[index + 1]),
            bytes[(index + 2)..<(index + width)].allSatisfy({ (0x80...0xBF).contains($0) })
        else { return 0 }
        return width
    }
}
