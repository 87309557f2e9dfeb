/// `matrix` as a text table, JSON and CSV.
public enum MatrixReporter {
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
        let vms = matrix.vms.map { $0.escapingControls() }
        let destinations = matrix.destinations.map { $0.escapingControls() }
        // Long host names would widen every column: number them, and name them in the legend.
        let numbered = destinations.contains { $0.count > 12 }
        let columns = numbered ? destinations.indices.map { "h\($0 + 1)" } : destinations
        func mark(_ v: Int, _ d: Int) -> String {
            if matrix.failures[v] != nil { return "error" }
            let cell = matrix.cell(vm: v, destination: d)
            switch cell.verdict {
            case .compatible: return "✓"
            case .incompatible: return "✗ \(cell.rules.count)"
            case .unknown: return "? \(cell.rules.count)"
            }
        }
        var rows: [[String]]
        if transposed {
            rows = [["host"] + vms]
            for d in destinations.indices { rows.append([columns[d]] + vms.indices.map { mark($0, d) }) }
        } else {
            rows = [["VM"] + columns]
            for v in vms.indices { rows.append([vms[v]] + destinations.indices.map { mark(v, $0) }) }
        }
        var lines = Table.render(rows).split(separator: "\n").map(String.init)
        if style.isEnabled, !lines.isEmpty { lines[0] = style.bold(lines[0]) }
        var output = lines.joined(separator: "\n") + "\n\n"
        let pairs = matrix.cells.count
        let compatible = matrix.vms.indices.reduce(0) { total, v in
            total + (matrix.failures[v] != nil ? 0 : matrix.destinations.indices.count { matrix.cell(vm: v, destination: $0).verdict == .compatible })
        }
        output += "\(compatible) of \(pairs) \(pairs == 1 ? "pair" : "pairs") compatible\n"
        output += "✓ compatible  ✗ N refused by N rules  ? N not judged (N rules)  error: the VM could not be read\n"
        output += "--format csv or json lists each pair's rules; 'migcheck check VM --hosts FILE' explains one\n"
        if numbered {
            output += Table.render(destinations.indices.map { ["h\($0 + 1)", destinations[$0]] })
        }
        return output
    }
}
