import Dispatch
public import ConfigExpansion
import DeviceModelRegistry

/// The verdict of every VM × host pair, with the rule ids behind each refusal (SPEC 6).
public struct Matrix: Sendable {
    /// One pair's answer.
    public struct Cell: Sendable, Hashable {
        public var verdict: Verdict
        /// The distinct rule ids of the refusal, sorted; empty when compatible.
        public var rules: [String]

        public init(verdict: Verdict, rules: [String]) {
            self.verdict = verdict
            self.rules = rules
        }
    }

    public var vms: [String]
    public var destinations: [String]
    /// Row-major: `cells[vm * destinations.count + destination]`.
    public var cells: [Cell]
    /// The waivers that matched no finding of any pair.
    public var unusedWaivers: [UnusedWaiver] = []
    /// Rows whose VM could not be read or expanded, by row: their cells are errors, not verdicts.
    public var failures: [Int: InputError] = [:]

    public func cell(vm: Int, destination: Int) -> Cell {
        cells[vm * destinations.count + destination]
    }

    /// `error` when a VM could not be read, else `fail` when any pair is not compatible.
    public var status: ReportStatus {
        if !failures.isEmpty { return .error }
        return cells.contains { $0.verdict != .compatible } ? .fail : .ok
    }

    /// The matrix with the rows of VMs that could not be read put back at their places among the
    /// checked rows (SPEC 8: each pair of such a VM is an `error`).
    ///
    /// - Parameter failed: the failed rows' places in the whole input, in increasing order, with their names.
    public func inserting(failed: [(row: Int, vm: String, error: InputError)]) -> Matrix {
        guard !failed.isEmpty else { return self }
        var result = Matrix(vms: [], destinations: destinations, cells: [], unusedWaivers: unusedWaivers)
        result.cells.reserveCapacity(cells.count + failed.count * destinations.count)
        var pending = failed[...]
        var checked = 0
        while checked < vms.count || !pending.isEmpty {
            let row = result.vms.count
            if let next = pending.first, next.row == row {
                pending.removeFirst()
                result.vms.append(next.vm)
                result.failures[row] = next.error
                result.cells.append(contentsOf: repeatElement(Cell(verdict: .unknown, rules: []), count: destinations.count))
            } else {
                result.vms.append(vms[checked])
                result.cells.append(contentsOf: cells[checked * destinations.count..<(checked + 1) * destinations.count])
                checked += 1
            }
        }
        return result
    }
}

extension Checker {
    /// Checks every VM against every destination. Pairs are independent: a
    /// large matrix is spread over the machine's cores; the result's order is
    /// that of the inputs, whatever the scheduling.
    ///
    /// Hosts share implementations, so each device is checked once against
    /// each implementation the destinations name, and the pairs are made of those answers.
    public func matrix(_ vms: [ExpandedVM], _ destinations: [Destination]) -> Matrix {
        if !waivers.isEmpty { return waivedMatrix(vms, destinations) }
        var implementations: [Implementation] = []
        var slots: [ObjectIdentifier: Int] = [:]
        let hostSlots: [[Int]] = destinations.map { destination in
            destination.implementations.map { implementation in
                if let slot = slots[ObjectIdentifier(implementation)] { return slot }
                implementations.append(implementation)
                slots[ObjectIdentifier(implementation)] = implementations.count - 1
                return implementations.count - 1
            }
        }
        let columns = destinations.count
        var cells = [Matrix.Cell](repeating: Matrix.Cell(verdict: .compatible, rules: []), count: vms.count * columns)
        cells.withUnsafeMutableBufferPointer { buffer in
            nonisolated(unsafe) let output = buffer
            let row: @Sendable (Int) -> Void = { [implementations] index in
                let vm = vms[index]
                let judged = vm.devices.filter { !$0.device.isModelUnknown }
                let answers = judged.map { device in implementations.map { self.answer(device.device, on: $0) } }
                var unjudged = CheckRules()
                for device in vm.devices {
                    if device.device.isModelUnknown {
                        unjudged.insert(.modelUnknown)
                    } else if !device.device.unjudged.isEmpty {
                        unjudged.insert(.parameterUnknown)
                    }
                }
                if vm.machineUnknown { unjudged.insert(.machineUnknown) }
                for (column, slots) in hostSlots.enumerated() {
                    var rules = unjudged
                    for device in answers {
                        rules.formUnion(Self.refusal(combining: slots.lazy.map { device[$0] }))
                    }
                    if let machine = vm.machine, !vm.machineUnknown,
                        !slots.contains(where: { implementations[$0].provides(machine: machine) })
                    {
                        rules.insert(.machineNotSupported)
                    }
                    // The host's inventory narrowing refuses values its releases support (SPEC 3.2).
                    let destination = destinations[column]
                    if !destination.narrowing.isEmpty
                        && judged.contains(where: { !self.narrowingAccepts($0.device, on: destination) })
                    {
                        rules.insert(.valueNotSupported)
                    }
                    output[index * columns + column] = Matrix.Cell(verdict: rules.verdict, rules: rules.sortedIDs)
                }
            }
            // Small matrices are not worth a thread hop.
            if vms.count * columns < 256 {
                (0..<vms.count).forEach(row)
                return
            }
            let chunks = min(vms.count, 64)
            DispatchQueue.concurrentPerform(iterations: chunks) { chunk in
                for index in stride(from: chunk, to: vms.count, by: chunks) { row(index) }
            }
        }
        return Matrix(vms: vms.map(\.name), destinations: destinations.map(\.name), cells: cells)
    }
}

extension Checker {
    /// The matrix with waivers: each pair checked in full, so that a waiver matches findings down to
    /// the parameter; a cell's rules are those of its unwaived findings.
    func waivedMatrix(_ vms: [ExpandedVM], _ destinations: [Destination]) -> Matrix {
        var cells: [Matrix.Cell] = []
        var seen: [(rule: String, model: String?, parameter: String?)] = []
        for vm in vms {
            for destination in destinations {
                let result = check(vm, on: destination, explain: false)
                var rules: Set<String> = []
                for finding in result.findings {
                    seen.append((finding.rule, nil, finding.parameter))
                    if !finding.waived { rules.insert(finding.rule) }
                }
                for device in result.devices {
                    for finding in device.findings {
                        seen.append((finding.rule, device.model, finding.parameter))
                        if !finding.waived { rules.insert(finding.rule) }
                    }
                }
                cells.append(Matrix.Cell(verdict: result.verdict, rules: rules.sorted()))
            }
        }
        var matrix = Matrix(vms: vms.map(\.name), destinations: destinations.map(\.name), cells: cells)
        matrix.unusedWaivers = waivers.unused(among: seen)
        return matrix
    }
}
