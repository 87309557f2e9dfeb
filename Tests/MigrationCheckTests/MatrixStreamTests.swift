import ConfigExpansion
import DeviceModelRegistry
import MigrationCheck
import Testing

/// `matrix` writes its rows as they are finished (``MatrixRun``): the outputs must be those
/// of the matrix held whole, byte for byte, error rows and unused waivers included.
@Suite("The matrix written row by row")
struct MatrixStreamTests {
    let registry = CheckerTests.registry

    private func destinations(_ names: [String]) throws -> [Destination] {
        try names.map { try Destination.resolve(argument: $0, in: registry) }
    }

    private func vms(_ count: Int) throws -> [ExpandedVM] {
        let versions = ["1", "2", "2.1", "3"]
        let settings = [[], ["rss=on"], ["rx-filter-size=16"], ["queue-mode=multi"]]
        return try (0..<count).map { index in
            let device = try Expander.expand(
                model: "vendor-a.com/my-nic", version: versions[index % 4],
                overrides: settings[(index / 4) % 4].compactMap(Override.init(assignment:)), in: registry)
            return ExpandedVM(name: "vm\(index)", devices: [("d", device)])
        }
    }

    /// Text, CSV and JSON written row by row, each against the renderer of the whole matrix.
    private func expectSame(_ run: MatrixRun, _ whole: Matrix) {
        let summary = MatrixReporter.Summary(run)
        #expect(summary.status == whole.status)
        #expect(summary.unusedWaivers == whole.unusedWaivers)
        var json = ""
        MatrixReporter.writeJSON(run, summary: summary) { json += $0 }
        // What `migcheck matrix` printed when it rendered the whole document (Console escapes controls).
        #expect(json == (MatrixReporter.json(whole).serialized() + "\n").escapingControls(keepingNewlines: true))
        var csv = ""
        let csvSummary = MatrixReporter.writeCSV(run) { csv += $0 }
        #expect(csv == MatrixReporter.csv(whole))
        #expect(csvSummary.status == whole.status)
        for style in [TextStyle.plain, TextStyle(enabled: true)] {
            var text = ""
            MatrixReporter.writeText(run, style: style) { text += $0 }
            #expect(text == MatrixReporter.text(whole, style: style))
            var transposed = ""
            MatrixReporter.writeText(run, style: style, transposed: true) { transposed += $0 }
            #expect(transposed == MatrixReporter.text(whole, style: style, transposed: true))
        }
    }

    @Test("error rows at the start, between and at the end; rows in input order", arguments: [false, true])
    func errorRows(waived: Bool) throws {
        let checker = Checker(
            registry: registry, waivers: waived ? Waivers([Waiver(rule: "model-not-implemented"), Waiver(rule: "machine-not-supported")]) : Waivers())
        var targets = try destinations(["example.com/old/1", "example.com/rss/2", "example.com/none/1", "example.com/wide/3"])
        var vms = try vms(90)
        // Names that a terminal would act on, and a bidirectional mark that JSON keeps raw: escaped all the same.
        vms[5].name = "vm\u{200E}5\u{1B}[2J,\"x\""
        targets[1].name = "host\u{202E}\u{85}\r\nb"
        let failed: [(row: Int, vm: String, error: InputError)] = [
            (0, "first.yaml", InputError("cannot read", file: "first.yaml")),
            (40, "b,ad\u{7}.yaml", InputError("bad\u{200F}", file: "b,ad\u{7}.yaml")),
            (41, "worse.yaml", InputError("worse", file: "worse.yaml")),
            (93, "last.yaml", InputError("last", file: "last.yaml")),
        ]
        let run = checker.matrixRun(vms, targets, failed: failed)
        let whole = checker.matrix(vms, targets).inserting(failed: failed)
        var rows: [MatrixRow] = []
        run.forEachRow { rows.append($0) }
        #expect(rows.map(\.vm) == whole.vms)
        #expect(run.vmNames == whole.vms)
        for (index, row) in rows.enumerated() {
            #expect((row.error != nil) == (whole.failures[index] != nil))
            if row.error == nil { #expect(row.cells == (0..<targets.count).map { whole.cell(vm: index, destination: $0) }) }
        }
        #expect(whole.status == .error)
        if waived { #expect(whole.unusedWaivers.map(\.waiver.rule) == ["machine-not-supported"]) }
        expectSame(run, whole)
    }

    @Test("rows of many blocks, spread over the cores, come out in order")
    func blocks() throws {
        let checker = Checker(registry: registry)
        // 700 hosts: a block (about 64k pairs) is 93 rows, so 250 rows are three blocks.
        let names = ["example.com/old/1", "example.com/rss/2", "example.com/wide/3", "example.com/none/1"]
        let targets = try destinations((0..<700).map { names[$0 % 4] })
        let vms = try vms(250)
        let run = checker.matrixRun(vms, targets)
        let whole = checker.matrix(vms, targets)
        var csv = ""
        MatrixReporter.writeCSV(run) { csv += $0 }
        #expect(csv == MatrixReporter.csv(whole))
        var text = ""
        MatrixReporter.writeText(run) { text += $0 }
        #expect(text == MatrixReporter.text(whole))
        #expect(whole.cells.map(\.verdict).contains(.incompatible) && whole.cells.map(\.verdict).contains(.compatible))
    }

    @Test("a run with no VM that could be read, and one with no host")
    func empty() throws {
        let checker = Checker(registry: registry)
        let failed: [(row: Int, vm: String, error: InputError)] = [(0, "a.yaml", InputError("bad", file: "a.yaml"))]
        let targets = try destinations(["example.com/old/1"])
        expectSame(checker.matrixRun([], targets, failed: failed), checker.matrix([], targets).inserting(failed: failed))
        let vms = try vms(3)
        expectSame(checker.matrixRun(vms, []), checker.matrix(vms, []))
    }
}

@Suite("The matrix of configurations, each expanded for its row")
struct MatrixConfigurationTests {
    @Test("a run of configurations writes what the run of their expansions writes, waived or not", arguments: [false, true])
    func sameAsExpanded(waived: Bool) throws {
        let registry = CheckerTests.registry
        let checker = Checker(registry: registry, waivers: waived ? Waivers([Waiver(rule: "parameter-not-supported")]) : Waivers())
        let targets = try ["example.com/old/1", "example.com/rss/2", "example.com/wide/3"].map {
            try Destination.resolve(argument: $0, in: registry)
        }
        let versions = ["1", "2", "2.1", "3"]
        let settings = [[], ["rss=on"], ["rx-filter-size=16"], ["queue-mode=multi"]]
        let configurations = (0..<40).map { index in
            VMConfiguration(name: "vm\(index)", devices: [
                .init(id: "d", model: "vendor-a.com/my-nic", version: versions[index % 4],
                      overrides: settings[(index / 4) % 4].compactMap(Override.init(assignment:))),
            ])
        }
        let expanded = try configurations.map { try Expander.expand($0, in: registry) }
        let failed: [(row: Int, vm: String, error: InputError)] = [(3, "bad.yaml", InputError("bad", file: "bad.yaml"))]
        var fromConfigurations = ""
        var fromExpansions = ""
        MatrixReporter.writeCSV(checker.matrixRun(configurations: configurations, targets, failed: failed)) { fromConfigurations += $0 }
        MatrixReporter.writeCSV(checker.matrixRun(expanded, targets, failed: failed)) { fromExpansions += $0 }
        #expect(fromConfigurations == fromExpansions)
        #expect(fromConfigurations.contains("vm39,example.com/wide/3,"))
        var text = ""
        MatrixReporter.writeText(checker.matrixRun(configurations: configurations, targets), style: .plain) { text += $0 }
        #expect(text == MatrixReporter.text(checker.matrix(expanded, targets), style: .plain))
    }
}
