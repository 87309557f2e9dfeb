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
