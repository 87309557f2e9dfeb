import ConfigExpansion
import DeviceModelRegistry
@testable import MigrationCheck
import Testing

/// ``JSONWriter`` writes the bytes ``JSONValue`` writes for the same document: batch's answers
/// and `check --format json` are written with it, and must not change by a byte.
@Suite("JSON written straight into a buffer")
struct JSONWriterTests {
    /// A small seeded generator, so that each case is the same on every run.
    private struct Seeded {
        var state: UInt64
        mutating func next(_ bound: Int) -> Int {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return Int((z ^ (z >> 31)) % UInt64(bound))
        }
    }

    private func randomValue(_ random: inout Seeded, depth: Int) -> JSONValue {
        switch random.next(depth > 3 ? 5 : 8) {
        case 0: return .null
        case 1: return .bool(random.next(2) == 0)
        case 2: return .int(Int64(random.next(1000)) - 500)
        case 3: return .string(["", "a", "quote \" and \\ backslash", "line\nbreak", "é\u{202E}"][random.next(5)])
        case 4: return .number("1.5e3")
        case 5, 6:
            return .object((0..<random.next(4)).map { index in
                JSONValue.Member("k\(index)", randomValue(&random, depth: depth + 1))
            })
        default: return .array((0..<random.next(4)).map { _ in randomValue(&random, depth: depth + 1) })
        }
    }

    /// Writes `value` with the writer's calls, handing some subtrees over whole.
    private func write(_ value: JSONValue, to writer: inout JSONWriter, _ random: inout Seeded) {
        switch value {
        case .object(let members) where random.next(3) > 0:
            writer.beginObject()
            for member in members {
                writer.key(named: member.key)
                write(member.value, to: &writer, &random)
            }
            writer.endObject()
        case .array(let items) where random.next(3) > 0:
            writer.beginArray()
            for item in items { write(item, to: &writer, &random) }
            writer.endArray()
        case .string(let text) where random.next(2) == 0:
            writer.string(text)
        default:
            writer.value(value)
        }
    }

    @Test("any document, pretty or on one line, at any starting indent: the bytes JSONValue writes", arguments: 0..<60)
    func sameBytes(seed: Int) {
        var random = Seeded(state: UInt64(seed))
        let document = randomValue(&random, depth: 0)
        for (pretty, indent) in [(false, 0), (true, 0), (true, 4)] {
            var writer = JSONWriter(pretty: pretty, indent: indent)
            write(document, to: &writer, &random)
            #expect(writer.bytes == document.utf8(pretty: pretty, indent: indent), "seed \(seed), pretty \(pretty)")
        }
    }

    @Test("members left out when nil, as JSONValue.object leaves them out; keys written in the source or escaped")
    func optionalMembers() {
        var writer = JSONWriter(pretty: true)
        writer.beginObject()
        writer.member("a", "x")
        writer.member("b", nil as String?)
        writer.member("c", nil as JSONValue?)
        writer.member("d", JSONValue.array([]))
        writer.member(named: "e\"f", JSONValue.int(1))
        writer.member(named: "g", nil)
        writer.endObject()
        let expected = JSONValue.object([("a", .string("x")), ("b", nil), ("c", nil), ("d", .array([])), ("e\"f", .int(1)), ("g", nil)])
        #expect(writer.bytes == expected.utf8())
        #expect(String(decoding: writer.bytes, as: UTF8.self) == "{\n  \"a\": \"x\",\n  \"d\": [],\n  \"e\\\"f\": 1\n}")
    }

    @Test("a finding written into the writer is the finding built as a tree, every member and few")
    func findings() {
        let fix = Fix(
            parameter: "n", values: .domain(Domain([.value(.int(0)), .range(16...32)])), version: "1",
            implementations: ["b.example/v/1", "c.example/v/2"], description: "run 'n' at 0")
        var full = CheckFinding(
            .valueNotSupported, implementation: "a.example/v/1", parameter: "n", value: .int(48), provenance: .version("2"),
            supported: .onlyDefault(.int(0)), message: "'n' is 48 \"quoted\"", fix: fix, narrowedBy: "host-a")
        full.waived = true
        let few = CheckFinding(.modelNotImplemented, implementation: nil, message: "no implementation")
        for finding in [full, few] {
            for pretty in [false, true] {
                var writer = JSONWriter(pretty: pretty)
                CheckJSONReporter.write(finding, to: &writer)
                let tree = CheckJSONReporter.json(finding).utf8(pretty: pretty)
                #expect(String(decoding: writer.bytes, as: UTF8.self) == String(decoding: tree, as: UTF8.self))
            }
        }
    }
}
