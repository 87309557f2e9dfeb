import DeviceModelRegistry
import Foundation
import MigrationCheck
import Testing

@Suite("Batch sessions (SPEC 6)")
struct BatchTests {
    let session = BatchSession(registry: CheckerTests.registry)

    private func answer(_ line: String) throws -> [String: Any] {
        let text = session.answer(line)
        #expect(!text.contains("\n"), "an answer is one line")
        return try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    }

    @Test("check: the document of check --format json, with the id first")
    func check() throws {
        let line = #"{"id": 7, "command": "check", "model": "vendor-a.com/my-nic", "version": "2", "to": [["example.com/old/1"], ["example.com/rss/2", "example.com/wide/3"]]}"#
        let text = session.answer(line)
        #expect(text.hasPrefix(#"{"id":7,"status":"fail","results":[{"vm":"vendor-a.com/my-nic","destination":"example.com/old/1","verdict":"incompatible""#))
        let document = try answer(line)
        let results = try #require(document["results"] as? [[String: Any]])
        #expect(results.map { $0["destination"] as? String } == ["example.com/old/1", "example.com/rss/2,example.com/wide/3"])
        #expect(results.map { $0["verdict"] as? String } == ["incompatible", "compatible"])
        let any = try answer(#"{"id": 8, "command": "check", "require": "any", "vm": {"devices": [{"model": "vendor-a.com/my-nic", "version": "2"}]}, "hosts": {"h1": ["example.com/old/1"], "h2": ["example.com/rss/2"]}}"#)
        #expect(any["status"] as? String == "ok")
    }

    @Test("expand and baseline answer like their commands")
    func expandAndBaseline() throws {
        let expand = try answer(#"{"id": "e", "command": "expand", "model": "vendor-a.com/my-nic", "version": "1", "set": {"rss": true, "rx-filter-size": "0x20"}}"#)
        let parameters = try #require(expand["parameters"] as? [String: [String: Any]])
        #expect(parameters["rss"]?["value"] as? Bool == true)
        #expect(parameters["rx-filter-size"]?["value"] as? Int == 32)
        #expect(parameters["rx-filter-size"]?["from"] as? String == "override")
        let newest = try answer(#"{"id": "f", "command": "expand", "model": "vendor-a.com/my-nic", "for": "example.com/rss/2"}"#)
        #expect(newest["version"] as? String == "2.1")
        let baseline = try answer(#"{"id": "b", "command": "baseline", "model": "vendor-a.com/my-nic", "to": [["example.com/rss/2"]]}"#)
        #expect((baseline["baseline"] as? [[String: Any]])?.first?["version"] as? String == "2.1")
    }

    @Test("ids of any JSON are echoed back as written", arguments: [
        #"1"#, #""abc""#, #"null"#, #"-2.5e10"#, #"[1, "a", {"k": false}]"#, #"{"nested": {"x": 1}}"#,
    ])
    func ids(_ id: String) {
        let text = session.answer(#"{"id": \#(id), "command": "expand", "model": "vendor-a.com/my-nic", "version": "1"}"#)
        let expected = id.replacingOccurrences(of: " ", with: "")
        #expect(text.hasPrefix(#"{"id":\#(expected),"status":"ok""#), "\(text)")
    }

    @Test("a request that fails gets an error line naming the problem", arguments: [
        ("not json at all", "the request is not valid JSON: expected 'null', found 'o' at column 2"),
        (#"{"id": 1, "command": "check", "model": "vendor-a.com/my-nic", "version": "1"}"#, "'to'"),
        (#"{"id": 1, "command": "expand", "model": "vendor-a.com/my-nik"}"#, "did you mean 'vendor-a.com/my-nic'?"),
        (#"{"id": 1, "command": "expand", "model": "vendor-a.com/my-nic", "version": "1", "set": {"rss": "maybe"}}"#, "'maybe' is not a bool"),
        (#"{"id": 1, "command": "launch"}"#, "unknown command 'launch'"),
        (#"{"id": 1, "comand": "check"}"#, "did you mean 'command'?"),
        (#"{"id": 1, "command": "check", "model": "vendor-a.com/my-nic", "version": "1", "to": [["example.com/rss/9"]]}"#, "unknown implementation"),
        (#"{"id": 1, "id": 2, "command": "expand"}"#, "'model' is required for expand"),
        (#"{"id": 1, "command": "expand", "model": "vendor-a.com/my-nic", "version": "1", "for": "example.com/rss/2"}"#, "alternatives"),
        (#"["command", "check"]"#, "a request is one JSON object"),
        (#"{"id": 1, "command": "check", "#, "not valid JSON"),
    ])
    func errors(_ line: String, _ message: String) throws {
        let document = try answer(line)
        #expect(document["status"] as? String == "error")
        let error = try #require(document["error"] as? [String: Any])
        #expect((error["message"] as? String)?.contains(message) == true, "\(error)")
    }

    @Test("ids that are not JSON are an error answer saying where the line breaks, not taken as text", arguments: [
        ("01", 9), ("1.", 10), ("-", 9), ("1e", 10), ("+1", 8), ("0x10", 9), ("[tru]", 12), ("[1:2]", 10), ("'a'", 8),
    ])
    func invalidIDs(_ written: String, _ column: Int) throws {
        let document = try answer(#"{"id": \#(written), "command": "expand", "model": "vendor-a.com/my-nic", "version": "1"}"#)
        #expect(document["status"] as? String == "error")
        #expect(document["id"] is NSNull)
        let message = try #require((document["error"] as? [String: Any])?["message"] as? String)
        #expect(message.hasPrefix("the request is not valid JSON: ") && message.hasSuffix("at column \(column)"), "\(message)")
    }

    @Test("every valid spelling of an id is echoed as written; a surrogate pair is one character", arguments: [
        ("-0.5E-3", "-0.5E-3"), ("10", "10"), ("1E400", "1E400"), ("-0", "-0"), (#""\ud83d\ude00""#, "\"😀\""), (#""\u00e9""#, "\"é\""),
    ])
    func validIDs(_ written: String, _ echoed: String) {
        let text = session.answer(#"{"id": \#(written), "command": "expand", "model": "vendor-a.com/my-nic", "version": "1"}"#)
        #expect(text.hasPrefix(#"{"id":\#(echoed),"status":"ok""#), "\(text)")
    }

    @Test("a refused request still echoes its id: unknown field, missing or unknown command")
    func idOfRefused() throws {
        for line in [#"{"id": "x1", "comand": "check"}"#, #"{"id": "x1"}"#, #"{"id": "x1", "command": 5}"#, #"{"command": "check", "id": "x1", "to": 1}"#] {
            let document = try answer(line)
            #expect(document["status"] as? String == "error")
            #expect(document["id"] as? String == "x1", "\(line)")
        }
    }

    @Test("invalid UTF-8 in a request line is the request's error, not replaced")
    func invalidUTF8() throws {
        let line = Array(#"{"id": 1, "command": "expand", "model": "vendor-a.com/my-ni"#.utf8) + [0xC3, 0x28] + Array(#""}"#.utf8)
        let text = String(decoding: session.answerUTF8(line[...]), as: UTF8.self)
        #expect(text.contains("invalid UTF-8 (byte 0xC3)"), "\(text)")
        #expect(text.hasPrefix(#"{"id":null,"status":"error""#))
    }

    @Test("a version's accepting implementations are kept for later requests; a device with overrides is worked out anew")
    func keptFixes() throws {
        func implementations(_ set: String) throws -> [String] {
            let line = #"{"id": 1, "command": "check", "model": "vendor-a.com/my-nic", "version": "3", "set": {\#(set)}, "to": [["example.com/old/1"]]}"#
            let document = try answer(line)
            let device = try #require(((document["results"] as? [[String: Any]])?.first?["devices"] as? [[String: Any]])?.first)
            return try #require((device["remedy"] as? [String: Any])?["implementations"] as? [String])
        }
        #expect(try implementations("") == ["example.com/wide/3"])
        #expect(try implementations("") == ["example.com/wide/3"])
        // rx-filter-size 32: example.com/rss/2 takes it too, whatever was kept for version 3 as it is.
        #expect(try implementations(#""rx-filter-size": 32"#) == ["example.com/rss/2", "example.com/wide/3"])
        #expect(try implementations("") == ["example.com/wide/3"])
    }
}

