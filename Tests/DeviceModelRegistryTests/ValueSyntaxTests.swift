import DeviceModelRegistry
import Testing

@Suite("Values and identifiers (SPEC 2.3, 2.4)")
struct ValueSyntaxTests {
    @Test("int: decimal and 0x hex within signed 64 bits, canonical decimal", arguments: [
        ("0", 0), ("-0", 0), ("32", 32), ("0x20", 32), ("0X20", nil), ("-0x8000000000000000", Int64.min),
        ("9223372036854775807", Int64.max), ("9223372036854775808", nil), ("-9223372036854775809", nil),
        ("0xffffffffffffffff", nil), ("+5", nil), ("007", nil), ("1_000", nil), ("1e3", nil), ("0x", nil),
        ("-", nil), ("", nil), (" 1", nil), ("0xAbC", 0xABC), ("00", nil), ("-01", nil),
    ] as [(String, Int64?)])
    func integers(_ text: String, _ expected: Int64?) {
        #expect(ParameterType.int.parse(text) == expected.map(ParameterValue.int))
    }

    @Test("bool: exactly true, false, on, off in lower case", arguments: [
        ("true", true), ("on", true), ("false", false), ("off", false), ("yes", nil), ("True", nil), ("ON", nil), ("1", nil),
    ] as [(String, Bool?)])
    func bools(_ text: String, _ expected: Bool?) {
        #expect(ParameterType.bool.parse(text) == expected.map(ParameterValue.bool))
    }

    @Test("string: any text without line breaks or control characters other than tab")
    func strings() {
        for good in ["on", "", "tab\there", "ünïcödé ✓", "~"] {
            #expect(ParameterType.string.parse(good) == .string(good))
        }
        for bad in ["a\nb", "a\rb", "a\u{85}b", "a\u{2028}b", "a\u{2029}b", "a\u{1}b", "a\u{7F}b", "a\u{9F}b", "a\u{1B}b"] {
            #expect(ParameterType.string.parse(bad) == nil)
        }
        // The message says why an ESC is refused: it has no line break.
        #expect(ParameterType.string.expectation == "a string without line breaks or control characters (tab aside)")
    }

    @Test("string: a character is refused exactly when Unicode calls it a control (Cc) or a line or paragraph separator")
    func stringsAgainstUnicode() {
        for value in UInt32(0)...0x3000 {
            guard let scalar = Unicode.Scalar(value) else { continue }
            let refused = value != 0x09
                && (scalar.properties.generalCategory == .control || [0x0A, 0x0D, 0x85, 0x2028, 0x2029].contains(value))
            #expect((ParameterType.string.parse("a\(Character(scalar))b") == nil) == refused, "U+\(String(value, radix: 16))")
        }
    }

    @Test("model and implementation ids")
    func ids() {
        for good in ["qemu.org/devices/e1000e", "vendor-a.com/my-nic", "qemu.org/qemu/7.2", "a.b/c~d+e_f.g-h"] {
            #expect(Identifier.isValidID(good), "\(good)")
        }
        for bad in ["e1000e", "qemu.org", "qemu.org/", "qemu.org//x", "qemu/x", "https://qemu.org/x", "qemu.org/a b",
                    "qemu..org/x", ".qemu.org/x", "qemu.org/é", "qemu_org.com/x", "qemu.org/x/"] {
            #expect(!Identifier.isValidID(bad), "\(bad)")
        }
        #expect(Identifier.withoutScheme("https://qemu.org/devices/e1000e") == "qemu.org/devices/e1000e")
    }

    @Test("parameter, version and enum names")
    func names() {
        #expect(Identifier.isValidParameterName("x-mtu-bypass-backend"))
        #expect(Identifier.isValidParameterName("host_mtu"))
        #expect(Identifier.isValidParameterName(String(repeating: "a", count: 64)))
        #expect(!Identifier.isValidParameterName(String(repeating: "a", count: 65)))
        #expect(!Identifier.isValidParameterName(".x"))
        #expect(!Identifier.isValidParameterName("-x"))
        #expect(!Identifier.isValidParameterName("a/b"))
        #expect(Identifier.isValidName("4GB-v1"))
        #expect(Identifier.isValidName("q64-v2"))
        #expect(!Identifier.isValidName("a b"))
        #expect(!Identifier.isValidName(""))
        #expect(!Identifier.isValidName("é"))
    }

    @Test("domains: values and overlapping ranges; a range is covered by a union")
    func domains() {
        let domain = Domain([.value(.int(0)), .value(.int(16)), .range(32...64), .range(60...70)])
        #expect(domain.contains(.int(16)))
        #expect(domain.contains(.int(70)))
        #expect(!domain.contains(.int(17)))
        #expect(domain.covers(40...70))
        #expect(!domain.covers(16...32))
        #expect(Domain([.range(0...0), .value(.int(1)), .range(2...5)]).covers(0...5))
        #expect(Domain.unrestricted.covers(Int64.min...Int64.max))
        #expect(Domain([.range(Int64.min...Int64.max)]).covers(Int64.min...Int64.max))
    }

    @Test("did you mean: the closest name, only when it is close")
    func suggestions() {
        #expect(Suggestion.closest(to: "defualt", among: ["type", "default", "allowed"]) == "default")
        #expect(Suggestion.closest(to: "rx-filter-sise", among: ["rss", "rx-filter-size"]) == "rx-filter-size")
        #expect(Suggestion.closest(to: "completely-different", among: ["rss", "type"]) == nil)
    }
}
