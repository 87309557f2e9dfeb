@testable import DeviceModelRegistry
import Testing

@Suite("YAML reader: libyaml held to the strict subset (SPEC 2.2)")
struct YAMLReaderTests {
    private func read(_ text: String) -> YAMLFile {
        YAMLReader.read(MarkedRegistry.bytes(text), file: "f.yaml")
    }

    @Test("keys and values keep their line and column; columns count characters, not bytes")
    func locations() throws {
        let source = MarkedSource("1️⃣clé: 2️⃣\"välue\"\n3️⃣list:\n  - 4️⃣a\n  - 5️⃣{k: 6️⃣v}\n")
        let file = read(source.text)
        #expect(file.diagnostics.isEmpty)
        let root = try #require(file.documents.first)
        guard case .mapping(let pairs) = root.content else {
            Issue.record("root is not a mapping")
            return
        }
        func at(_ node: YAMLNode) -> [Int] { [node.location.line, node.location.column] }
        func marker(_ digit: String) -> [Int] { source.markers[digit].map { [$0.line, $0.column] } ?? [] }
        #expect(at(pairs[0].key) == marker("1"))
        #expect(at(pairs[0].value) == marker("2"))
        #expect(pairs[0].value.scalar == YAMLScalar(text: "välue", style: .doubleQuoted))
        #expect(at(pairs[1].key) == marker("3"))
        guard case .sequence(let items) = pairs[1].value.content, items.count == 2,
            case .mapping(let inner) = items[1].content
        else {
            Issue.record("list is not as written")
            return
        }
        #expect(at(items[0]) == marker("4"))
        #expect(at(items[1]) == marker("5"))
        #expect(at(inner[0].value) == marker("6"))
    }

    @Test("mapping order is kept")
    func order() throws {
        let file = read("z: 1\na: 2\nm: 3\n")
        guard case .mapping(let pairs) = try #require(file.documents.first).content else { return }
        #expect(pairs.map { $0.key.scalar?.text } == ["z", "a", "m"])
    }

    @Test("scalars keep their text and style; nothing is typed by spelling")
    func scalarsUntyped() throws {
        let file = read("a: 1.10\nb: on\nc: '0x20'\nd: |\n  line\ne: ~\nf:\ng: \"\"\nh: null\ni: Null\nj: NULL\nk: nULL\nl: 'null'\nm: none\n")
        guard case .mapping(let pairs) = try #require(file.documents.first).content else { return }
        let scalars = pairs.compactMap(\.value.scalar)
        #expect(scalars.map(\.text) == ["1.10", "on", "0x20", "line\n", "~", "", "", "null", "Null", "NULL", "nULL", "null", "none"])
        #expect(scalars.map(\.style) == [.plain, .plain, .singleQuoted, .literal, .plain, .plain, .doubleQuoted]
            + [.plain, .plain, .plain, .plain, .singleQuoted, .plain])
        let nulls = [false, false, false, false, true, true, false, true, true, true, false, false, false]
        #expect(scalars.map(\.isNull) == nulls)
        #expect(pairs.map(\.value.isNull) == nulls)
    }

    @Test("several documents per file; empty documents and files are skipped")
    func documents() {
        #expect(read("a: 1\n---\nb: 2\n---\n").documents.count == 2)
        #expect(read("").documents.isEmpty)
        #expect(read("# only a comment\n").documents.isEmpty)
        #expect(read("---\n...\n").documents.isEmpty)
        #expect(read("").diagnostics.isEmpty)
    }

    @Test("a duplicate key is reported at the second, with a note at the first; reading goes on")
    func duplicateKey() throws {
        let source = MarkedSource("1️⃣a: 1\nb: {x: 1, 2️⃣x: 2}\n3️⃣a: 3\nc: 4\n")
        let file = read(source.text)
        #expect(file.diagnostics.map(\.rule) == ["duplicate-key", "duplicate-key"])
        #expect(file.diagnostics.map(\.location.line) == [2, 3])
        #expect(file.diagnostics[1].location.column == source.markers["3"]?.column)
        #expect(file.diagnostics[1].notes.first?.location.line == source.markers["1"]?.line)
        guard case .mapping(let pairs) = try #require(file.documents.first).content else { return }
        #expect(pairs.map { $0.key.scalar?.text } == ["a", "b", "c"])
        #expect(pairs[0].value.scalar?.text == "1")
    }

    @Test(
        "a refused key's value is dropped with it, whatever it holds, in small and large mappings",
        arguments: [2, 8, 40])
    func refusedKeyDropsItsValue(_ keys: Int) throws {
        let names = (0..<keys).map { "k\($0)" }
        var text = names.map { "\($0): {v: [\($0)]}\n" }.joined()
        text += "k1: {dropped: [1, {deep: 2}]}\n<<: {also: dropped}\nlast: [x, {y: z}]\n"
        let file = read(text)
        #expect(file.diagnostics.map(\.rule) == ["duplicate-key", "unsupported-yaml"])
        #expect(file.diagnostics.first?.location.line == keys + 1)
        #expect(file.diagnostics.first?.notes.first?.location.line == 2)
        let root = try #require(file.documents.first)
        let pairs = Array(root.pairs)
        #expect(pairs.map(\.key.text) == names + ["last"])
        #expect(pairs.dropLast().map { Array($0.value.pairs).map(\.key.text) } == Array(repeating: ["v"], count: keys))
        #expect(pairs.dropLast().map { $0.value.pairs.first { _ in true }?.value.items.first { _ in true }?.text } == names)
        let last = Array(pairs[keys].value.items)
        #expect(last.map(\.kind) == [.scalar, .mapping])
        #expect(Array(last[1].pairs).map { [$0.key.text, $0.value.text] } == [["y", "z"]])
    }

    @Test("the documents of one file share a tree and keep their own content")
    func documentsShareATree() throws {
        let file = read("a: [1, 2]\n---\n- x\n- {y: z}\n---\nplain\n")
        #expect(file.documents.map(\.kind) == [.mapping, .sequence, .scalar])
        #expect(Array(file.documents[0].pairs).map { Array($0.value.items).map(\.text) } == [["1", "2"]])
        #expect(file.documents[1].items.count == 2)
        #expect(file.documents[2].text == "plain")
        #expect(file.documents[2].location.line == 6)
    }

    @Test("quoting does not make a key different: 'a' and \"a\" are one key")
    func quotedDuplicate() {
        #expect(read("a: 1\n\"a\": 2\n").diagnostics.map(\.rule) == ["duplicate-key"])
    }

    @Test("an alias bomb costs nothing: aliases are refused, never expanded")
    func aliasBomb() {
        var text = "a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n"
        let names = ["a", "b", "c", "d", "e", "f", "g", "h", "i"]
        for (previous, name) in zip(names, names.dropFirst()) {
            text += "\(name): &\(name) [" + Array(repeating: "*\(previous)", count: 9).joined(separator: ",") + "]\n"
        }
        let file = read(text)
        #expect(file.diagnostics.count == 9 + 8 * 9)
        #expect(file.diagnostics.allSatisfy { $0.rule == "unsupported-yaml" })
    }

    @Test("nesting 64 deep is read; 65 deep is refused at the 65th, and so is 10,000")
    func nesting() {
        let ok = String(repeating: "[", count: 64) + String(repeating: "]", count: 64) + "\n"
        #expect(read(ok).diagnostics.isEmpty)
        let deep = String(repeating: "[", count: 65) + String(repeating: "]", count: 65) + "\n"
        #expect(read(deep).diagnostics.map(\.rule) == ["unsupported-yaml"])
        #expect(read(deep).diagnostics.first?.location.column == 65)
        let deeper = "a: " + String(repeating: "[", count: 10_000) + String(repeating: "]", count: 10_000) + "\n"
        let file = read(deeper)
        #expect(file.diagnostics.map(\.rule) == ["unsupported-yaml"])
        #expect(file.documents.isEmpty)
    }

    @Test("a file over 64 MiB is refused unread")
    func tooLarge() {
        let file = YAMLReader.read([UInt8](repeating: 0x61, count: YAMLReader.maximumFileSize + 1), file: "big.yaml")
        #expect(file.diagnostics.map(\.rule) == ["unsupported-yaml"])
        #expect(file.diagnostics.first?.location == .start(of: "big.yaml"))
    }

    @Test(
        "invalid UTF-8 and control characters are located at their line and column",
        arguments: [
            ("a: 1\nb: 1️⃣\u{FFFD}\n", "invalid leading UTF-8 octet"),
            ("a: 1\r\nbé: \"ü 1️⃣\u{FFFD}\"\n", "invalid leading UTF-8 octet"),
            ("\u{FEFF}a: 1️⃣\u{FFFD}\n", "invalid leading UTF-8 octet"),
            ("a: x\nb: ab1️⃣\u{0}c\n", "control characters are not allowed"),
        ])
    func readerErrors(_ text: String, _ problem: String) throws {
        let source = MarkedSource(text)
        let file = read(source.text)
        let diagnostic = try #require(file.diagnostics.first)
        #expect(diagnostic.rule == "yaml-syntax")
        #expect(diagnostic.message.contains(problem))
        let marker = try #require(source.markers["1"])
        #expect([diagnostic.location.line, diagnostic.location.column] == [marker.line, marker.column])
    }

    @Test("a syntax error carries libyaml's problem and context and keeps the documents before it")
    func syntaxError() throws {
        let file = read("a: 1\n---\nb: [1, 2\n")
        #expect(file.documents.count == 1)
        let diagnostic = try #require(file.diagnostics.first)
        #expect(diagnostic.rule == "yaml-syntax")
        #expect(diagnostic.message.contains("while parsing a flow sequence"))
        #expect(diagnostic.notes.first?.location.line == 3)
    }

    @Test("tags are refused whatever their form")
    func tags() {
        for text in ["a: !!str 1\n", "a: !local 1\n", "a: !!map {b: 1}\n", "a: ! x\n"] {
            #expect(read(text).diagnostics.map(\.rule) == ["unsupported-yaml"], "\(text)")
        }
    }
}
