/// `matrix` as a text table, JSON and CSV: written row by row from a ``MatrixRun``, memory flat
/// in the number of pairs, or rendered from a ``Matrix`` held whole.
public enum MatrixReporter {
    /// What the start of an output needs from every row (the status that leads the JSON, the
    /// width of each column of the table), gathered by going through the rows once.
    public struct Summary: Sendable {
        /// `error` when a VM could not be read, else `fail` when any pair is not compatible.
        public var status: ReportStatus { failed ? .error : refused ? .fail : .ok }
        /// The waivers that matched no finding of any pair.
        public internal(set) var unusedWaivers: [UnusedWaiver] = []
        /// By destination: the widest of its name and its cells' texts, in characters.
        var widths: [Int]
        private var failed = false
        private var refused = false

        /// Goes through every row of the run.
        public init(_ run: MatrixRun) {
            var summary = Summary(destinations: run.destinationNames)
            let unused = run.forEachRow { summary.add($0) }
            summary.unusedWaivers = unused
            self = summary
        }

        init(destinations: [String]) {
            widths = destinations.map { $0.escapingControls().count }
        }

        mutating func add(_ row: MatrixRow) {
            if row.error != nil {
                failed = true
                for column in widths.indices { widths[column] = max(widths[column], 5) }
                return
            }
            for (column, cell) in row.cells.enumerated() {
                if cell.verdict != .compatible { refused = true }
                widths[column] = max(widths[column], MatrixReporter.text(of: cell).utf8.count)
            }
        }
    }

    /// A cell of the table: `compatible`, or the refusal's rule ids joined by `,` (ASCII).
    static func text(of cell: Matrix.Cell) -> String {
        cell.verdict == .compatible ? "compatible" : joinedRules[Int(cell.ruleSet.rawValue)]
    }

    private static let joinedRules: [String] = (0..<128).map { CheckRules(rawValue: UInt8($0)).sortedIDs.joined(separator: ",") }
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
        var summary = Summary(destinations: run.destinationNames)
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

    /// The table of ``text(_:style:)``, written a row at a time: `summary` (a first pass) gives the
    /// columns' widths. Every name escaped.
    public static func writeText(_ run: MatrixRun, summary: Summary, style: TextStyle = .plain, to output: (String) -> Void) {
        let nameWidth = run.vmNames.reduce("VM".count) { max($0, $1.escapingControls().count) }
        let widths = [nameWidth] + summary.widths
        func line(_ cells: [String]) -> String {
            var line = ""
            for (index, cell) in cells.enumerated() {
                line += index == cells.count - 1 ? cell : cell.padding(to: widths[index]) + "  "
            }
            return line
        }
        let header = line(["VM"] + run.destinationNames.map { $0.escapingControls() })
        output((style.isEnabled ? style.bold(header) : header) + "\n")
        let columns = run.destinationNames.count
        run.forEachRow { row in
            let cells = row.error != nil
                ? Array(repeating: "error", count: columns) : row.cells.map(text(of:))
            output(line([row.vm.escapingControls()] + cells) + "\n")
        }
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

    /// A table: a row a VM, a column a host; `ok`, or the refusal's rule ids.
    public static func text(_ matrix: Matrix, style: TextStyle = .plain) -> String {
        var rows = [["VM"] + matrix.destinations.map { $0.escapingControls() }]
        for (v, vm) in matrix.vms.enumerated() {
            rows.append([vm.escapingControls()] + matrix.destinations.indices.map { d in
                if matrix.failures[v] != nil { return "error" }
                let cell = matrix.cell(vm: v, destination: d)
                return cell.verdict == .compatible ? "compatible" : cell.rules.joined(separator: ",")
            })
        }
        let table = Table.render(rows)
        guard style.isEnabled else { return table }
        return table.split(separator: "\n", omittingEmptySubsequences: false).enumerated().map { index, line in
            index == 0 ? style.bold(String(line)) : String(line)
        }.joined(separator: "\n")
    }
}
