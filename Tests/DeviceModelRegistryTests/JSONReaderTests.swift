import DeviceModelRegistry
import Foundation
import Testing

/// `JSONReader` holds to RFC 8259 exactly, proven on a public conformance suite.
@Suite("JSON read exactly as RFC 8259 says")
struct JSONReaderTests {
    static let suite = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("Fixtures/JSONTestSuite/test_parsing")

    static func cases(_ prefix: String) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: suite.path)) ?? []).filter { $0.hasPrefix(prefix) }.sorted()
    }

    static func read(_ name: String) throws -> YAMLFile {
        JSONReader.read(Array(try Data(contentsOf: suite.appendingPathComponent(name))), file: name)
    }

    @Test("the suite is there: 95 texts to accept, 188 to refuse, 35 left to the parser")
    func suitePresent() {
        #expect(Self.cases("y_").count == 95)
        #expect(Self.cases("n_").count == 188)
        #expect(Self.cases("i_").count == 35)
    }

    @Test("every JSON text is accepted, as one document", arguments: cases("y_"))
    func accepts(_ name: String) throws {
        let file = try Self.read(name)
        #expect(file.diagnostics.map(\.message) == [])
        #expect(file.documents.count == 1)
    }

    @Test("every text that is not JSON is refused, with a located yaml-syntax or unsupported-yaml error", arguments: cases("n_"))
    func refuses(_ name: String) throws {
        let file = try Self.read(name)
        #expect(file.documents.isEmpty)
        let problem = try #require(file.diagnostics.first)
        #expect(["yaml-syntax", "unsupported-yaml"].contains(problem.rule))
        #expect(problem.location.line >= 1 && problem.location.column >= 1)
    }

    @Test("the texts left to the parser end in a document or one error, never a crash", arguments: cases("i_"))
    func implementationDefined(_ name: String) throws {
        let file = try Self.read(name)
        #expect(file.documents.count + file.diagnostics.count == 1)
    }

    private func root(_ text: String) throws -> YAMLNode {
        let file = JSONReader.read(Array(text.utf8), file: "t.json")
        #expect(file.diagnostics.map(\.message) == [])
        return try #require(file.documents.first)
    }

    @Test("strings: escapes decoded, a surrogate pair to its one character; quoted, unlike numbers and literals")
    func values() throws {
        let node = try root(#"{"emoji": "\ud83d\ude00", "esc": "a\/b\"\\\n\u00e9", "n": -1.5e+3, "t": true, "z": null, "s": "1"}"#)
        let members = Dictionary(uniqueKeysWithValues: node.pairs.map { ($0.key.text, $0.value) })
        #expect(members["emoji"]?.text == "😀")
        #expect(members["esc"]?.text == "a/b\"\\\né")
        #expect(members["n"]?.text == "-1.5e+3" && members["n"]?.scalar?.style == .plain)
        #expect(members["t"]?.scalar?.style == .plain && members["z"]?.isNull == true)
        #expect(members["s"]?.scalar?.style == .doubleQuoted)
    }

    @Test("a key given twice keeps its last value; the records after it stay whole")
    func duplicateKeys() throws {
        let node = try root(#"{"a": [1, {"x": 2}], "b": 3, "a": {"y": [4, 5]}, "c": 6}"#)
        #expect(node.pairs.map(\.key.text) == ["b", "a", "c"])
        let pairs = Array(node.pairs)
        let inner = Array(pairs[1].value.pairs)
        #expect(inner.map(\.key.text) == ["y"])
        #expect(inner.first.map { Array($0.value.items).map(\.text) } == ["4", "5"])
        #expect(pairs[2].value.text == "6")
    }

    @Test("what libyaml took for JSON is refused, at its column", arguments: [
        ("[tru]", 5), ("[1:2]", 3), ("+1", 1), ("-01", 3), ("['a']", 2), ("{\"a\":1,}", 8), ("[1] x", 5), ("\"\u{1}\"", 2),
    ])
    func notJSON(_ text: String, _ column: Int) {
        let file = JSONReader.read(Array(text.utf8), file: "t.json")
        #expect(file.documents.isEmpty)
        #expect(file.diagnostics.first?.location.column == column, "\(file.diagnostics.map(\.message))")
    }

    @Test("invalid UTF-8 is an error at its byte, not replaced")
    func invalidUTF8() {
        let file = JSONReader.read(Array("{\"k\": \"ab".utf8) + [0xFF] + Array("\"}".utf8), file: "t.json")
        #expect(file.diagnostics.first?.message.contains("invalid UTF-8") == true)
        #expect(file.diagnostics.first?.location.column == 10)
    }

    @Test("nesting is bounded: 100,000 opening brackets are one error, not a stack overflow")
    func deepNesting() {
        let file = JSONReader.read(Array(repeating: UInt8(ascii: "["), count: 100_000), file: "t.json")
        #expect(file.diagnostics.first?.rule == "unsupported-yaml")
    }
}
