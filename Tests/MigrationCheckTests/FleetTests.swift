import ConfigExpansion
import DeviceModelRegistry
import Foundation
import MigrationCheck
import Testing

@Suite("Fleet answers: baseline and matrix (SPEC 6)")
struct FleetTests {
    let registry = CheckerTests.registry
    let checker = CheckerTests.checker

    private func destination(_ ids: String) throws -> Destination {
        try Destination.resolve(argument: ids, in: registry)
    }

    @Test("baseline: the newest version every destination accepts, and who rules out the newer ones")
    func baseline() throws {
        let model = try #require(registry.model("vendor-a.com/my-nic"))
        let entry = try checker.baseline(model, destinations: [try destination("example.com/rss/2"), try destination("example.com/wide/3")])
        #expect(entry.chosen?.version == "2.1")
        #expect(entry.refused.map(\.version) == ["3"])
        #expect(entry.refused.map(\.destination) == ["example.com/rss/2"])
        #expect(entry.refused.first?.findings.map(\.rule) == ["value-not-supported"])
    }

    @Test("baseline where no version fits: every version is listed with the destination that rules it out")
    func baselineNone() throws {
        let model = try #require(registry.model("vendor-a.com/my-nic"))
        let entry = try checker.baseline(model, destinations: [try destination("example.com/none/1")])
        #expect(entry.chosen == nil)
        #expect(entry.refused.map(\.version) == ["3", "2.1", "2", "1"])
        #expect(entry.refused.allSatisfy { $0.findings.map(\.rule) == ["model-not-implemented"] })
        let report = BaselineReport(entries: [entry])
        #expect(report.status == .fail)
        let json = BaselineReporter.json(report).serialized(pretty: false)
        #expect(json.hasPrefix(#"{"status":"fail","baseline":[{"model":"vendor-a.com/my-nic","version":null,"parameters":{},"refused":[{"version":"3","destination":"example.com/none/1","findings":[{"rule":"model-not-implemented""#))
    }

    @Test("baseline of a VM keeps each device's overrides on top of every candidate version")
    func baselineVM() throws {
        let vm = VMConfiguration(name: "web", devices: [
            .init(id: "net0", model: "vendor-a.com/my-nic", version: "3", overrides: [Override(parameter: "rx-filter-size", text: "16")]),
            .init(id: "net1", model: "vendor-a.com/my-nic"),
        ])
        let report = try checker.baseline(vm, destinations: [try destination("example.com/wide/3")])
        #expect(report.entries.map(\.device) == ["net0", "net1"])
        #expect(report.entries.map { $0.chosen?.version } == ["3", "3"])
        #expect(report.entries[0].chosen?.value(of: "rx-filter-size") == .int(16))
        #expect(report.entries[1].chosen?.value(of: "rx-filter-size") == .int(48))
        // With rss/2 the override rules out every version: 16 is not in [0, 32].
        let narrow = try checker.baseline(vm, destinations: [try destination("example.com/rss/2")])
        #expect(narrow.entries.map { $0.chosen?.version } == [nil, "2.1"])
    }

    @Test("matrix: every pair, rule ids behind refusals, the same order on one core or two")
    func matrix() throws {
        let small = try Expander.expand(model: "vendor-a.com/my-nic", version: "1", in: registry)
        let big = try Expander.expand(model: "vendor-a.com/my-nic", version: "3", in: registry)
        let destinations = [try destination("example.com/old/1"), try destination("example.com/rss/2"), try destination("example.com/none/1")]
        let vms = (0..<300).map { ExpandedVM(name: "vm\($0)", devices: [("d", $0 % 2 == 0 ? small : big)]) }
        let matrix = checker.matrix(vms, destinations)
        #expect(matrix.cells.count == 900)
        #expect(matrix.cell(vm: 0, destination: 0) == Matrix.Cell(verdict: .compatible, rules: []))
        #expect(matrix.cell(vm: 1, destination: 1) == Matrix.Cell(verdict: .incompatible, rules: ["value-not-supported"]))
        #expect(matrix.cell(vm: 1, destination: 0).rules == ["parameter-not-supported"])
        #expect(matrix.cell(vm: 2, destination: 2).rules == ["model-not-implemented"])
        // The same answers, pair by pair, as checking one at a time.
        let serial = checker.matrix(Array(vms.prefix(4)), destinations)
        for v in 0..<4 {
            for d in 0..<3 { #expect(serial.cell(vm: v, destination: d) == matrix.cell(vm: v, destination: d)) }
        }
        #expect(matrix.vms == vms.map(\.name))
        #expect(matrix.status == .fail)
    }

    @Test("matrix renderers: CSV rows a pair, JSON every pair, a text table")
    func matrixOutput() throws {
        let device = try Expander.expand(model: "vendor-a.com/my-nic", version: "3", in: registry)
        let matrix = checker.matrix(
            [ExpandedVM(name: "a,b", devices: [("d", device)])], [try destination("example.com/wide/3"), try destination("example.com/old/1")])
        #expect(MatrixReporter.csv(matrix) == "vm,destination,verdict,rules\r\n\"a,b\",example.com/wide/3,compatible,\r\n\"a,b\",example.com/old/1,incompatible,parameter-not-supported\r\n")
        // Long host names are numbered and named in the legend; a refusal is a mark and its number of rules.
        #expect(MatrixReporter.text(matrix) == """
            VM   h1     h2
            a,b  ✓      ✗ 1

            1 of 2 pairs compatible
            ✓ compatible  ✗ N refused by N rules  ? N not judged (N rules)  error: the VM could not be read
            --format csv or json lists each pair's rules; 'migcheck check VM --hosts FILE' explains one
            h1  example.com/wide/3
            h2  example.com/old/1

            """)
        #expect(MatrixReporter.text(matrix, transposed: true).hasPrefix("host  a,b\nh1    ✓\nh2    ✗ 1\n\n"))
        let json = try #require(try JSONSerialization.jsonObject(with: Data(MatrixReporter.json(matrix).serialized().utf8)) as? [String: Any])
        #expect((json["results"] as? [[String: Any]])?.map { $0["verdict"] as? String } == ["compatible", "incompatible"])
    }

    @Test("the matrix's rule-only paths give the rule ids of the findings, for every device and destination")
    func refusalRulesAgreeWithFindings() throws {
        let destinations = try ["example.com/old/1", "example.com/rss/2", "example.com/wide/3", "example.com/none/1",
                                "example.com/old/1,example.com/rss/2", "example.com/none/1,example.com/wide/3"].map(destination)
        let settings = [[], ["rss=on"], ["rx-filter-size=16"], ["queue-mode=multi"], ["rss=off", "rx-filter-size=0x30"]]
        var vms: [ExpandedVM] = []
        var expected: [[String]] = []
        for version in ["1", "2", "2.1", "3"] {
            for overrides in settings {
                let device = try Expander.expand(
                    model: "vendor-a.com/my-nic", version: version, overrides: overrides.compactMap(Override.init(assignment:)),
                    in: registry)
                for target in destinations {
                    let findings = checker.check(device, id: "d", on: target, explain: false).findings
                    #expect(checker.refusalRules(device, on: target) == Set(findings.map(\.rule)), "\(version) \(overrides) \(target.name)")
                    #expect(checker.accepts(device, on: target) == findings.isEmpty)
                    expected.append(Set(findings.map(\.rule)).sorted())
                }
                vms.append(ExpandedVM(name: "\(version) \(overrides)", devices: [("d", device)]))
            }
        }
        // One device a VM, and every device in one VM; enough pairs to be spread over the cores.
        let matrix = checker.matrix(vms + vms + vms, destinations)
        #expect(matrix.cells.count >= 256)
        #expect(matrix.cells.map(\.rules) == expected + expected + expected)
        let all = checker.matrix([ExpandedVM(name: "all", devices: vms.flatMap(\.devices))], destinations)
        for (column, target) in destinations.enumerated() {
            let union = Set(vms.flatMap { checker.check($0.devices[0].device, id: "d", on: target, explain: false).findings.map(\.rule) })
            #expect(all.cell(vm: 0, destination: column).rules == union.sorted())
        }
    }
}
