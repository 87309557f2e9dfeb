import DeviceModelRegistry

/// Names and values echoed from files and the command line, made safe to show: no control
/// character reaches a terminal or a line-based format raw, so that a registry file cannot
/// move the cursor, clear the screen, reorder text or forge a line of output.
extension String {
    /// Control characters (C0, DEL, C1) and bidirectional controls, escaped: `\e`, `\r`, `\n`,
    /// `\t`, else `\u001b`-style (`\u202e`), which is also a valid escape inside a JSON string.
    ///
    /// - Parameter keepingNewlines: leave line feeds (also CR LF), tabs and SGR colour sequences (`ESC [ 31 m`,
    ///   what ``TextStyle`` writes; they cannot move the cursor or clear the screen) alone: for
    ///   whole outputs, whose records the reporters have already escaped.
    public func escapingControls(keepingNewlines: Bool = false) -> String {
        guard utf8.contains(where: { Self.mayNeedEscape($0, keepingNewlines: keepingNewlines) }) else { return self }
        var result = ""
        result.reserveCapacity(utf8.count + 16)
        let scalars = Array(unicodeScalars)
        var index = 0
        while index < scalars.count {
            let scalar = scalars[index]
            index += 1
            if keepingNewlines, scalar == "\u{1B}", let end = Self.endOfColour(scalars, from: index) {
                result.unicodeScalars.append(contentsOf: scalars[index - 1..<end])
                index = end
                continue
            }
            switch scalar.value {
            case 0x0A where keepingNewlines, 0x09 where keepingNewlines: result.unicodeScalars.append(scalar)
            // CR LF ends CSV lines (RFC 4180); a CR alone could overwrite a shown line.
            case 0x0D where keepingNewlines && index < scalars.count && scalars[index] == "\n": result.unicodeScalars.append(scalar)
            case 0x1B: result += "\\e"
            case 0x0D: result += "\\r"
            case 0x0A: result += "\\n"
            case 0x09: result += "\\t"
            // A byte of a path that is not UTF-8 (``PathBytes``): shown as the byte.
            case PathBytes.raw: result += "\\x" + String(PathBytes.rawByte(scalar)!, radix: 16, uppercase: true)
            case 0x00..<0x20, 0x7F..<0xA0, 0x061C, 0x200E, 0x200F, 0x202A...0x202E, 0x2066...0x2069:
                let hex = String(scalar.value, radix: 16)
                result += "\\u" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
            default: result.unicodeScalars.append(scalar)
            }
        }
        return result
    }

    /// After an ESC at `start - 1`: the end of `[ digits and semicolons m`, or nil.
    private static func endOfColour(_ scalars: [Unicode.Scalar], from start: Int) -> Int? {
        guard start < scalars.count, scalars[start] == "[" else { return nil }
        var index = start + 1
        while index < scalars.count, scalars[index] == ";" || ("0"..."9").contains(scalars[index]) { index += 1 }
        guard index < scalars.count, scalars[index] == "m" else { return nil }
        return index + 1
    }

    /// The first byte of a character that may need an escape: C0, DEL, and the lead bytes of
    /// C1 (U+0080–U+009F), the Arabic letter mark, the bidirectional controls and raw path bytes.
    static func mayNeedEscape(_ byte: UInt8, keepingNewlines: Bool) -> Bool {
        switch byte {
        case 0x0A, 0x09: !keepingNewlines
        case 0x00..<0x20, 0x7F, 0xC2, 0xD8, 0xE2, 0xF4: true
        default: false
        }
    }
}
