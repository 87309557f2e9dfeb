import DeviceModelRegistry
import Foundation
import MigrationCheck
import Testing

@Suite("Findings reporters: text, JSON, GitHub, SARIF")
struct FindingsReporterTests {
    /// A registry with an error that has a note, an error with model and parameter, and a warning.
    static let report: FindingsReport = {
        let files = [
            ("registry/models/nic.yaml", """
                model: example.com/nic
                parameters:
                  rss: {type: bool, default: off}
                  rss: {type: int}
                  rx: {type: int, default: 0, allowed: [0, 16]}
                versions:
                  - version: "1"
                    set: {rx: 17}
                  - version: "2"
                    set: {}
                """),
            ("registry/impl/a,b.yaml", """
                implementation: example.com/vmm/1
                models:
                  example.com/nic:
                    parameters: {rss: {allowed: [on]}}
                """),
        ]
        let loaded = RegistryLoader.load(files.map { YAMLReader.read(Array($0.1.utf8), file: $0.0) })
        return FindingsReport(diagnostics: loaded.diagnostics)
    }()

    @Test("the report fails on errors; warnings fail only when strict")
    func status() {
        #expect(Self.report.status == .fail)
        let warnings = FindingsReport(diagnostics: Self.report.diagnostics.filter { $0.severity == .warning })
        #expect(!warnings.diagnostics.isEmpty)
        #expect(warnings.status == .ok)
        #expect(FindingsReport(diagnostics: warnings.diagnostics, strict: true).status == .fail)
        #expect(FindingsReport(diagnostics: []).status == .ok)
    }

    @Test("text: file:line:col: severity: message [rule], notes below")
    func text() throws {
        let output = TextFindingsReporter().render(Self.report)
        #expect(output.contains("registry/models/nic.yaml:4:3: error: duplicate key 'rss' [duplicate-key]\nregistry/models/nic.yaml:3:3: note: 'rss' first defined here\n"))
        #expect(!output.contains("\u{1B}"))
        try Golden.check(output, "validate.txt")
    }

    @Test("text in colour has ANSI escapes and the same words")
    func colour() {
        let coloured = TextFindingsReporter(style: TextStyle(enabled: true)).render(Self.report)
        #expect(coloured.contains("\u{1B}[1;31merror\u{1B}[0m"))
        let stripped = coloured.replacing(/\u{1B}\[[0-9;]*m/, with: "")
        #expect(stripped == TextFindingsReporter().render(Self.report))
    }

    @Test("json: status and findings with the fields of SPEC 8")
    func json() throws {
        let output = JSONFindingsReporter().render(Self.report)
        try Golden.check(output, "validate.json")
        let document = try #require(try JSONSerialization.jsonObject(with: Data(output.utf8)) as? [String: Any])
        #expect(document["status"] as? String == "fail")
        let findings = try #require(document["findings"] as? [[String: Any]])
        #expect(findings.count == Self.report.diagnostics.count)
        let value = try #require(findings.first { $0["rule"] as? String == "value-not-allowed" })
        #expect(value["severity"] as? String == "error")
        #expect(value["file"] as? String == "registry/models/nic.yaml")
        #expect(value["line"] as? Int == 8)
        #expect(value["column"] as? Int == 15)
        #expect(value["model"] as? String == "example.com/nic")
        #expect(value["version"] as? String == "1")
        #expect(value["parameter"] as? String == "rx")
    }

    @Test("github: workflow commands with escaped properties")
    func github() throws {
        let output = GitHubFindingsReporter().render(Self.report)
        try Golden.check(output, "validate.github")
        #expect(output.contains("::warning file=registry/impl/a%2Cb.yaml,line=4,col=33,title=default-unsupported::"))
        #expect(output.split(separator: "\n").allSatisfy { $0.hasPrefix("::error ") || $0.hasPrefix("::warning ") })
    }

    @Test("sarif: the rules used in catalogue order, results pointing at them, notes as related locations")
    func sarif() throws {
        let output = SARIFFindingsReporter(toolVersion: "9.9.9").render(Self.report)
        try Golden.check(output, "validate.sarif")
        #expect(output == SARIFFindingsReporter(toolVersion: "9.9.9").render(Self.report))
        let log = try #require(try JSONSerialization.jsonObject(with: Data(output.utf8)) as? [String: Any])
        let run = try #require((log["runs"] as? [[String: Any]])?.first)
        let driver = try #require((run["tool"] as? [String: Any])?["driver"] as? [String: Any])
        #expect(driver["version"] as? String == "9.9.9")
        let ruleIDs = try #require(driver["rules"] as? [[String: Any]]).compactMap { $0["id"] as? String }
        let catalogue = RuleCatalogue.groups.flatMap(\.rules).map(\.id)
        #expect(ruleIDs == catalogue.filter(Set(Self.report.diagnostics.map(\.rule)).contains))
        let results = try #require(run["results"] as? [[String: Any]])
        #expect(results.count == Self.report.diagnostics.count)
        for (result, diagnostic) in zip(results, Self.report.diagnostics) {
            #expect(result["ruleId"] as? String == diagnostic.rule)
            #expect((result["ruleIndex"] as? Int).map { ruleIDs[$0] } == diagnostic.rule)
        }
        // A comma in a file name is fine in a URI; a space or a colon is percent-encoded.
        #expect(output.contains(#""uri": "registry/impl/a,b.yaml""#))
        #expect(SARIFFindingsReporter.percentEncoded("a b:c/d%e") == "a%20b%3Ac/d%25e")
    }

    @Test("json escapes control characters and keeps 64-bit integers exact")
    func jsonValues() {
        let value = JSONValue.object([
            ("s", .string("a\"b\\c\n\u{1}")), ("max", .int(Int64.max)), ("min", .int(Int64.min)), ("none", nil),
        ])
        #expect(value.serialized(pretty: false) == #"{"s":"a\"b\\c\n\u0001","max":9223372036854775807,"min":-9223372036854775808}"#)
    }
}
