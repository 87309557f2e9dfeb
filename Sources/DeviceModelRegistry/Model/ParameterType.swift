/// The four parameter types of SPEC 2.4.
public enum ParameterType: String, Sendable, Hashable, CaseIterable {
    case bool
    case int
    case `enum`
    case string

    /// Reads a value of this type from its text, in the spellings of SPEC 2.4.
    ///
    /// Quoting never changes the meaning, so callers pass the text alone. An
    /// enum name is read whatever the model's `values` (membership is a
    /// question of domain, not of type).
    /// - Returns: the canonical value, or nil when the text is no value of this type.
    public func parse(_ text: String) -> ParameterValue? {
        switch self {
        case .bool:
            switch text {
            case "true", "on": return .bool(true)
            case "false", "off": return .bool(false)
            default: return nil
            }
        case .int:
            return IntegerSyntax.parse(text).map(ParameterValue.int)
        case .enum:
            return Identifier.isValidName(text) ? .string(text) : nil
        case .string:
            return StringSyntax.isValid(text) ? .string(text) : nil
        }
    }

    /// What a value of this type looks like, for "expected ..." messages.
    public var expectation: String {
        switch self {
        case .bool: "a bool (true, false, on or off)"
        case .int: "an int (decimal or 0x hex, signed 64-bit)"
        case .enum: "an enum value name"
        case .string: "a string without line breaks or control characters (tab aside)"
        }
    }
}

/// `-?(0|[1-9][0-9]*)` or `-?0x[0-9a-fA-F]+`, within signed 64 bits.
enum IntegerSyntax {
    static func parse(_ text: String) -> Int64? {
        var text = text
        return text.withUTF8 { parse(UnsafeRawBufferPointer($0)) }
    }

    /// ``parse(_:)`` of UTF-8 bytes.
    static func parse(_ text: UnsafeRawBufferPointer) -> Int64? {
        var at = 0
        let end = text.count
        let negative = at < end && text[at] == UInt8(ascii: "-")
        if negative { at += 1 }
        var radix: UInt64 = 10
        if end - at > 2, text[at] == UInt8(ascii: "0"), text[at + 1] == UInt8(ascii: "x") {
            radix = 16
            at += 2
        } else if end - at > 1 && text[at] == UInt8(ascii: "0") {
            return nil  // no leading zeros: 007 is not an integer
        }
        guard at < end else { return nil }
        var magnitude: UInt64 = 0
        while at < end {
            let byte = text[at]
            at += 1
            let digit: UInt64
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = UInt64(byte - UInt8(ascii: "0"))
            case UInt8(ascii: "a")...UInt8(ascii: "f") where radix == 16: digit = UInt64(byte - UInt8(ascii: "a") + 10)
            case UInt8(ascii: "A")...UInt8(ascii: "F") where radix == 16: digit = UInt64(byte - UInt8(ascii: "A") + 10)
            default: return nil
            }
            let (shifted, overflow1) = magnitude.multipliedReportingOverflow(by: radix)
            let (sum, overflow2) = shifted.addingReportingOverflow(digit)
            if overflow1 || overflow2 { return nil }
            magnitude = sum
        }
        if negative {
            if magnitude == UInt64(Int64.max) + 1 { return Int64.min }
            return magnitude <= UInt64(Int64.max) ? -Int64(magnitude) : nil
        }
        return magnitude <= UInt64(Int64.max) ? Int64(magnitude) : nil
    }
}

/// Any text without line breaks or control characters other than tab.
enum StringSyntax {
    static func isValid(_ text: String) -> Bool {
        for scalar in text.unicodeScalars {
            switch scalar.value {
            case 0x09: continue
            // The control characters (general category Cc) are these two ranges, by definition
            // (C0 and C1); the line breaks among them (\n, \r, NEL) too.
            case 0x00...0x1F, 0x7F...0x9F: return false
            case 0x2028, 0x2029: return false
            default: continue
            }
        }
        return true
    }
}
