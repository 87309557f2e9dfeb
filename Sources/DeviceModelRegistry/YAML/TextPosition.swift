/// Line and column of a byte offset, counted as libyaml counts them.
enum TextPosition {
    /// The 1-based line and column (in Unicode scalars) of the byte at `byteOffset`.
    ///
    /// libyaml reports reader errors (invalid UTF-8, control characters) only as
    /// a byte offset. Line breaks are `\n`, `\r\n`, `\r`, U+0085, U+2028 and
    /// U+2029; a leading UTF-8 byte order mark takes no column.
    static func of(byteOffset: Int, in bytes: UnsafeBufferPointer<UInt8>) -> (line: Int, column: Int) {
        let end = min(byteOffset, bytes.count)
        var line = 1
        var column = 1
        var index = 0
        if end >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF {
            index = 3
        }
        while index < end {
            let byte = bytes[index]
            if byte == 0x0A || (byte == 0x0D && (index + 1 >= bytes.count || bytes[index + 1] != 0x0A)) {
                line += 1
                column = 1
            } else if byte == 0xC2 && index + 1 < end && bytes[index + 1] == 0x85 {
                line += 1
                column = 1
                index += 1
            } else if byte == 0xE2 && index + 2 < end && bytes[index + 1] == 0x80
                && (bytes[index + 2] == 0xA8 || bytes[index + 2] == 0xA9)
            {
                line += 1
                column = 1
                index += 2
            } else if byte & 0xC0 != 0x80 && byte != 0x0D {
                column += 1
            }
            index += 1
        }
        return (line, column)
    }
}
