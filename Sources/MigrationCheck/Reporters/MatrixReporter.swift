/// `matrix` as a text table, JSON and CSV: written row by row from a ``MatrixRun``, memory flat
/// in the number of pairs, or rendered from a ``Matrix`` held whole.
public enum MatrixReporter {
    /// What an output needs from every row before it can start (the status that leads the JSON,
    /// the unused waivers and the exit status), gathered by going through the rows once.
    public struct Summary: Sendable {
        /// `error` when a VM could not be read, else `fail` when any pair is not compatible.
        public var status: ReportStatus { failed ? .error : refused ? .fail : .ok }
        /// The waivers that matched no finding of any pair.
        public internal(set) var unusedWaivers: [UnusedWaiver] = []
        private var failed = false
        private var refused = false

        /// Goes through every row of the run.
        public init(_ run: MatrixRun) {
            var summary = Summary()
            let unused = run.forEachRow { summary.add($0) }
            summary.unusedWaivers = unused
            self = summary
        }

        init() {}

        mutating func add(_ row: MatrixRow) {
            if row.error != nil {
                failed = true
            } else if row.cells.contains(where: { $0.verdict != .compatible }) {
                refused = true
            }
        }
    }

    private static let csvRules: [String] = (0..<128).map { CheckRules(rawValue: UInt8($0)).sortedIDs.joined(separator: ";") }

    /// The JSON document of ``json(_:)``, written a row at a time: `summary` (a first pass) gives the
    /// status that leads it and the unused waivers that end it.
    ///
    /// Like every writer here, it hands on text safe to show as it is: the bytes of the whole
    /// document with its controls escaped (`escapingControls(keepingNewlines: true)`), each name
    /// escaped once, not every row searched again.
    public static func writeJSON(_ run: MatrixRun, summary: Summary, to output: (String) -> Void) {
        var head = "{\n  \"status\": " + JSONValue.string(summary.status.rawValue).serialized(indent: 2)
        if let error = run.firstError { head += ",\n  \"error\": " + ErrorReport.json(error).serialized(indent: 2) }
        head += ",\n  \"vms\": " + JSONValue.array(run.vmNames.map(JSONValue.string)).serialized(indent: 2)
        head += ",\n  \"destinations\": " + JSONValue.array(run.destinationNames.map(JSONValue.string)).serialized(indent: 2)
        output((head + ",\n  \"results\": [").escapingControls(keepingNewlines: true))
        let destinations = run.destinationNames
        // A pair is written from pieces serialized once (names, verdicts, rule sets): the same
        // bytes as its JSONValue, without building one for each of millions of pairs.
        let quoted = destinations.map { JSONValue.string($0).serialized().escapingControls(keepingNewlines: true) }
        let ruleLists = (0..<128).map { JSONValue.array(CheckRules(rawValue: UInt8($0)).sortedIDs.map(JSONValue.string)).serialized(indent: 6) }
        var first = true
        run.forEachRow { row in
            var text = ""
            let vm = JSONValue.string(row.vm).serialized().escapingControls(keepingNewlines: true)
            for (index, destination) in destinations.enumerated() {
                text += first ? "\n    " : ",\n    "
                first = false
                guard row.error == nil else {
                    text += json(row, index, destination).serialized(indent: 4).escapingControls(keepingNewlines: true)
                    continue
                }
                let cell = row.cells[index]
                text += "{\n      \"vm\": "
                text += vm
                text += ",\n      \"destination\": "
                text += quoted[index]
                text += ",\n      \"verdict\": "
                text += "\"" + cell.verdict.rawValue + "\""
                text += ",\n      \"rules\": "
                text += ruleLists[Int(cell.ruleSet.rawValue)]
                text += "\n    }"
            }
            output(text)
        }
        var tail = first ? "]" : "\n  ]"
        if !summary.unusedWaivers.isEmpty {
            tail += ",\n  \"findings\": " + JSONValue.array(summary.unusedWaivers.map(CheckJSONReporter.json)).serialized(indent: 2)
        }
        output((tail + ",\n  \"schema\": 1\n}\n").escapingControls(keepingNewlines: true))
    }

    /// One pair of a row: `{vm, destination, verdict, rules[]}`, or `{vm, destination, verdict: "error", error}`.
    private static func json(_ row: MatrixRow, _ index: Int, _ destination: String) -> JSONValue {
        if let error = row.error {
            return .object([
                ("vm", .string(row.vm)),
                ("destination", .string(destination)),
                ("verdict", .string("error")),
                ("error", ErrorReport.json(error)),
            ])
        }
        let cell = row.cells[index]
        return .object([
            ("vm", .string(row.vm)),
            ("destination", .string(destination)),
            ("verdict", .string(cell.verdict.rawValue)),
            ("rules", .array(cell.rules.map(JSONValue.string))),
        ])
    }

    /// The CSV of ``csv(_:)``, written a row of the matrix at a time, in one pass; every field escaped.
    ///
    /// - Returns: what the pass gathered: the status and the unused waivers.
    @discardableResult
    public static func writeCSV(_ run: MatrixRun, to output: (String) -> Void) -> Summary {
        var summary = Summary()
        let destinations = run.destinationNames.map(field)
        output("vm,destination,verdict,rules\r\n")
        let unused = run.forEachRow { row in
            summary.add(row)
            let vm = field(row.vm)
            var text = ""
            for (index, destination) in destinations.enumerated() {
                text += vm
                text += ","
                text += destination
                text += ","
                guard row.error == nil else {
                    text += "error,\r\n"
                    continue
                }
                let cell = row.cells[index]
                text += cell.verdict.rawValue
                text += ","
                // Rule ids need no quoting.
                text += csvRules[Int(cell.ruleSet.rawValue)]
                text += "\r\n"
            }
            output(text)
        }
        summary.unusedWaivers = unused
        return summary
    }

    /// ``text(_:style:transposed:)``, written a row at a time as the run finishes them (the
    /// transposed table waits for every row: its rows are the hosts).
    public static func writeText(
        _ run: MatrixRun, style: TextStyle = .plain, transposed: Bool = false, to output: (String) -> Void
    ) {
        writeTable(vms: run.vmNames, destinations: run.destinationNames, style: style, transposed: transposed,
                   rows: { row in run.forEachRow { row($0.vm, $0.error == nil ? $0.cells : nil) } }, to: output)
    }

    /// `{status, vms[], destinations[], results[]: {vm, destination, verdict, rules[]}}`, VM by VM.
    public static func json(_ matrix: Matrix) -> JSONValue {
        var results: [JSONValue] = []
        results.reserveCapacity(matrix.cells.count)
        for (v, vm) in matrix.vms.enumerated() {
            for (d, destination) in matrix.destinations.enumerated() {
                if let error = matrix.failures[v] {
                    results.append(.object([
                        ("vm", .string(vm)),
                        ("destination", .string(destination)),
                        ("verdict", .string("error")),
                        ("error", ErrorReport.json(error)),
                    ]))
                    continue
                }
                let cell = matrix.cell(vm: v, destination: d)
                results.append(.object([
                    ("vm", .string(vm)),
                    ("destination", .string(destination)),
                    ("verdict", .string(cell.verdict.rawValue)),
                    ("rules", .array(cell.rules.map(JSONValue.string))),
                ]))
            }
        }
        return .document([
            ("status", .string(matrix.status.rawValue)),
            // SPEC 8: `error` whenever the status is: the first VM that could not be read.
            ("error", matrix.failures.min { $0.key < $1.key }.map { ErrorReport.json($0.value) }),
            ("vms", .array(matrix.vms.map(JSONValue.string))),
            ("destinations", .array(matrix.destinations.map(JSONValue.string))),
            ("results", .array(results)),
            ("findings", matrix.unusedWaivers.isEmpty ? nil : .array(matrix.unusedWaivers.map(CheckJSONReporter.json))),
        ])
    }

    /// `vm,destination,verdict,rules` — one row a pair, rules joined by `;`: RFC 4180, each
    /// line ended by CR LF, a field quoted when it holds a comma, a quote or a line break.
    public static func csv(_ matrix: Matrix) -> String {
        let vms = matrix.vms.map(field)
        let destinations = matrix.destinations.map(field)
        var output = "vm,destination,verdict,rules\r\n"
        output.reserveCapacity(matrix.cells.count * 64)
        for (v, vm) in vms.enumerated() {
            for (d, destination) in destinations.enumerated() {
                let cell = matrix.cell(vm: v, destination: d)
                output += vm
                output += ","
                output += destination
                output += ","
                guard matrix.failures[v] == nil else {
                    output += "error,\r\n"
                    continue
                }
                output += cell.verdict.rawValue
                output += ","
                // Rule ids need no quoting.
                output += cell.rules.joined(separator: ";")
                output += "\r\n"
            }
        }
        return output
    }

    private static func field(_ text: String) -> String {
        let text = text.escapingControls()
        guard text.utf8.contains(where: { $0 == UInt8(ascii: ",") || $0 == UInt8(ascii: "\"") || $0 == 0x0A || $0 == 0x0D })
        else { return text }
        return "\"" + text.replacingAll("\"", with: "\"\"") + "\""
    }

    /// A table that stays readable at 20 hosts and 1,000 VMs: a row a VM, a column a host (or
    /// the other way round with `transposed`), a cell a mark and, for a refusal, the number of
    /// rules behind it; hosts with long names are numbered, and a legend closes the table.
    /// `--format csv` or `json` lists every pair's rule ids.
    public static func text(_ matrix: Matrix, style: TextStyle = .plain, transposed: Bool = false) -> String {
        var output = ""
        writeTable(vms: matrix.vms, destinations: matrix.destinations, style: style, transposed: transposed, rows: { row in
            for (v, vm) in matrix.vms.enumerated() {
                row(vm, matrix.failures[v] == nil ? matrix.destinations.indices.map { matrix.cell(vm: v, destination: $0) } : nil)
            }
        }, to: { output += $0 })
        return output
    }

    /// The table, its summary and legend, from rows handed in order (cells nil: the VM could not be
    /// read). Cells are marks no wider than `error`, so a row is written as soon as it comes.
    static func writeTable(
        vms: [String], destinations: [String], style: TextStyle, transposed: Bool,
        rows: ((String, [Matrix.Cell]?) -> Void) -> Void, to output: (String) -> Void
    ) {
        let vmNames = vms.map { $0.escapingControls() }
        let names = destinations.map { $0.escapingControls() }
        // Long host names would widen every column: number them, and name them in the legend.
        let numbered = names.contains { $0.count > 12 }
        let hosts = numbered ? names.indices.map { "h\($0 + 1)" } : names
        func mark(_ cell: Matrix.Cell?) -> String {
            guard let cell else { return "error" }
            switch cell.verdict {
            case .compatible: return "✓"
            case .incompatible: return "✗ \(cell.rules.count)"
            case .unknown: return "? \(cell.rules.count)"
            }
        }
        func line(_ cells: [String], _ widths: [Int]) -> String {
            var text = ""
            for (index, cell) in cells.enumerated() {
                text += index == cells.count - 1 ? cell : cell.padding(to: widths[index]) + "  "
            }
            while text.last == " " { text.removeLast() }
            return text + "\n"
        }
        func header(_ text: String) -> String { style.isEnabled ? style.bold(String(text.dropLast())) + "\n" : text }
        var compatible = 0
        var pairs = 0
        if transposed {
            var columns: [[String]] = []
            rows { _, cells in
                let marks = cells.map { $0.map(mark) } ?? Array(repeating: "error", count: names.count)
                pairs += names.count
                compatible += cells?.count { $0.verdict == .compatible } ?? 0
                columns.append(marks)
            }
            let widths = [max("host".count, hosts.map(\.count).max() ?? 0)] + vmNames.map { max($0.count, 5) }
            output(header(line(["host"] + vmNames, widths)))
            for (d, host) in hosts.enumerated() { output(line([host] + columns.map { $0[d] }, widths)) }
        } else {
            let widths = [max("VM".count, vmNames.map(\.count).max() ?? 0)] + hosts.map { max($0.count, 5) }
            output(header(line(["VM"] + hosts, widths)))
            var index = 0
            withoutActuallyEscaping(output) { emit in
                rows { _, cells in
                    pairs += names.count
                    compatible += cells?.count { $0.verdict == .compatible } ?? 0
                    emit(line([vmNames[index]] + (cells.map { $0.map(mark) } ?? Array(repeating: "error", count: names.count)), widths))
                    index += 1
                }
            }
        }
        var closing = "\n\(compatible) of \(pairs) \(pairs == 1 ? "pair" : "pairs") compatible\n"
        closing += "✓ compatible  ✗ N refused by N rules  ? N not judged (N rules)  error: the VM could not be read\n"
        closing += "--format csv or json lists each pair's rules; 'migcheck check VM --hosts FILE' explains one\n"
        if numbered { closing += Table.render(names.indices.map { ["h\($0 + 1)", names[$0]] }) }
        output(closing)
    }
}
