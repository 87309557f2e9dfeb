import Dispatch
public import ConfigExpansion
import DeviceModelRegistry

/// The verdict of every VM × host pair, with the rule ids behind each refusal (SPEC 6).
public struct Matrix: Sendable {
    /// One pair's answer: two bytes, the rule ids a set of bits.
    public struct Cell: Sendable, Hashable {
        public var verdict: Verdict
        /// The check rules of the refusal.
        var ruleSet: CheckRules

        /// The distinct rule ids of the refusal, sorted; empty when compatible.
        public var rules: [String] { ruleSet.sortedIDs }

        /// - Parameter rules: ids of the check rules (``Rule/modelNotImplemented`` and the six others); others are dropped.
        public init(verdict: Verdict, rules: [String]) {
            self.init(verdict: verdict, ruleSet: CheckRules(ids: rules))
        }

        init(verdict: Verdict, ruleSet: CheckRules) {
            self.verdict = verdict
            self.ruleSet = ruleSet
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

/// One row of a matrix: a VM's answer on every destination, in their order, or the error that
/// kept its file from being read (SPEC 8: an `error` for each destination).
public struct MatrixRow: Sendable {
    /// The VM's name; the file as given for one that could not be read.
    public var vm: String
    /// One a destination; empty when ``error`` is set.
    public var cells: [Matrix.Cell]
    public var error: InputError?
}

/// A matrix worked out row by row, each row handed on once finished, in the order of the inputs,
/// and dropped: memory stays that of a block of rows, whatever the number of pairs.
///
/// Hosts share implementations, so each device is checked once against each implementation
/// the destinations name, and the pairs are made of those answers; a block of rows is spread
/// over the machine's cores. With waivers each pair is checked in full, so that a waiver
/// matches findings down to the parameter; a cell's rules are then those of its unwaived findings.
public struct MatrixRun: Sendable {
    /// The rows' VMs: expanded already, or configurations expanded as their row is checked, so
    /// that thousands of rows hold their configurations, not every parameter of every device.
    enum Rows: Sendable {
        case expanded([ExpandedVM])
        /// Each expands without error in the checker's registry (the caller made sure).
        case configurations([VMConfiguration])
    }

    let checker: Checker
    let rows: Rows
    let destinations: [Destination]
    /// The failed rows' places in the whole input, in increasing order, with their names.
    let failed: [(row: Int, vm: String, error: InputError)]
    /// Every implementation the destinations name, once, and each destination's as indices into it.
    private let implementations: [Implementation]
    private let hostSlots: [[Int]]

    /// - Parameter failed: VMs that could not be read or expanded: their places among all rows, in
    ///   increasing order, with the names their rows show and the errors.
    init(_ checker: Checker, rows: Rows, destinations: [Destination], failed: [(row: Int, vm: String, error: InputError)]) {
        self.checker = checker
        self.rows = rows
        self.destinations = destinations
        self.failed = failed
        var implementations: [Implementation] = []
        var slots: [ObjectIdentifier: Int] = [:]
        hostSlots = destinations.map { destination in
            destination.implementations.map { implementation in
                if let slot = slots[ObjectIdentifier(implementation)] { return slot }
                implementations.append(implementation)
                slots[ObjectIdentifier(implementation)] = implementations.count - 1
                return implementations.count - 1
            }
        }
        self.implementations = implementations
    }

    private var vmCount: Int {
        switch rows {
        case .expanded(let vms): vms.count
        case .configurations(let configurations): configurations.count
        }
    }

    private func name(_ index: Int) -> String {
        switch rows {
        case .expanded(let vms): vms[index].name
        case .configurations(let configurations): configurations[index].name
        }
    }

    /// The VM of a row. A configuration is expanded again: expansion depends only on it and the
    /// registry, and it expanded once already (a VM that cannot be is a failed row, never here).
    private func vm(_ index: Int) -> ExpandedVM {
        switch rows {
        case .expanded(let vms):
            return vms[index]
        case .configurations(let configurations):
            let configuration = configurations[index]
            return (try? Expander.expand(configuration, in: checker.registry)) ?? ExpandedVM(name: configuration.name, devices: [])
        }
    }

    /// The destinations' names, in order: the columns.
    public var destinationNames: [String] { destinations.map(\.name) }

    /// Each row's VM name, in order, failed rows at their places.
    public var vmNames: [String] {
        var names: [String] = []
        names.reserveCapacity(vmCount + failed.count)
        var pending = failed[...]
        var checked = 0
        while checked < vmCount || !pending.isEmpty {
            if let next = pending.first, next.row == names.count {
                names.append(next.vm)
                pending.removeFirst()
            } else {
                names.append(name(checked))
                checked += 1
            }
        }
        return names
    }

    /// The error of the first row that failed, if one did.
    public var firstError: InputError? { failed.first?.error }

    /// Hands every row to `body`, in the order of the inputs, each once it is finished.
    ///
    /// - Returns: the waivers that matched no finding of any pair.
    @discardableResult
    public func forEachRow(_ body: (MatrixRow) -> Void) -> [UnusedWaiver] {
        var pending = failed[...]
        var emitted = 0
        func emit(_ row: MatrixRow) {
            while let next = pending.first, next.row == emitted {
                pending.removeFirst()
                body(MatrixRow(vm: next.vm, cells: [], error: next.error))
                emitted += 1
            }
            body(row)
            emitted += 1
        }
        defer {
            for next in pending { body(MatrixRow(vm: next.vm, cells: [], error: next.error)) }
        }
        if !checker.waivers.isEmpty { return waivedRows(emit) }
        let columns = destinations.count
        // About 64k pairs a block: enough to keep the cores busy, small enough to be flat.
        let count = vmCount
        let block = max(1, min(count, 65_536 / max(columns, 1)))
        var cells = [Matrix.Cell](repeating: Matrix.Cell(verdict: .compatible, ruleSet: []), count: block * columns)
        for start in stride(from: 0, to: count, by: block) {
            let end = min(start + block, count)
            cells.withUnsafeMutableBufferPointer { buffer in
                nonisolated(unsafe) let output = buffer
                // Small blocks are not worth a thread hop.
                if (end - start) * columns < 256 {
                    for index in start..<end { row(index, into: output, at: (index - start) * columns) }
                    return
                }
                let chunks = min(end - start, 64)
                DispatchQueue.concurrentPerform(iterations: chunks) { chunk in
                    for index in stride(from: start + chunk, to: end, by: chunks) {
                        row(index, into: output, at: (index - start) * columns)
                    }
                }
            }
            for index in start..<end {
                let offset = (index - start) * columns
                emit(MatrixRow(vm: name(index), cells: Array(cells[offset..<offset + columns]), error: nil))
            }
        }
        return []
    }

    /// The cells of one VM, into `output` from `offset`: the matrix's fast path, rule ids only.
    private func row(_ index: Int, into output: UnsafeMutableBufferPointer<Matrix.Cell>, at offset: Int) {
        let vm = vm(index)
        let judged = vm.devices.filter { !$0.device.isModelUnknown }
        let answers = judged.map { device in implementations.map { checker.answer(device.device, on: $0) } }
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
                rules.formUnion(Checker.refusal(combining: slots.lazy.map { device[$0] }))
            }
            if let machine = vm.machine, !vm.machineUnknown,
                !slots.contains(where: { implementations[$0].provides(machine: machine) })
            {
                rules.insert(.machineNotSupported)
            }
            // The host's inventory narrowing refuses values its releases support (SPEC 3.2).
            let destination = destinations[column]
            if !destination.narrowing.isEmpty
                && judged.contains(where: { !checker.narrowingAccepts($0.device, on: destination) })
            {
                rules.insert(.valueNotSupported)
            }
            output[offset + column] = Matrix.Cell(verdict: rules.verdict, ruleSet: rules)
        }
    }

    /// The rows with waivers: each pair checked in full.
    private func waivedRows(_ emit: (MatrixRow) -> Void) -> [UnusedWaiver] {
        // What the findings were, once each: a waiver is used when it matches one.
        var seen: Set<SeenFinding> = []
        for index in 0..<vmCount {
            let vm = vm(index)
            var cells: [Matrix.Cell] = []
            cells.reserveCapacity(destinations.count)
            for destination in destinations {
                let result = checker.check(vm, on: destination, explain: false)
                var rules = CheckRules()
                for finding in result.findings {
                    seen.insert(SeenFinding(rule: finding.rule, model: nil, parameter: finding.parameter))
                    if !finding.waived { rules.formUnion(CheckRules(ids: [finding.rule])) }
                }
                for device in result.devices {
                    for finding in device.findings {
                        seen.insert(SeenFinding(rule: finding.rule, model: device.model, parameter: finding.parameter))
                        if !finding.waived { rules.formUnion(CheckRules(ids: [finding.rule])) }
                    }
                }
                cells.append(Matrix.Cell(verdict: result.verdict, ruleSet: rules))
            }
            emit(MatrixRow(vm: vm.name, cells: cells, error: nil))
        }
        return checker.waivers.unused(among: seen.map { ($0.rule, $0.model, $0.parameter) })
    }

    private struct SeenFinding: Hashable {
        var rule: String
        var model: String?
        var parameter: String?
    }
}

extension Checker {
    /// Every VM against every destination, row by row (``MatrixRun``).
    ///
    /// - Parameter failed: VMs that could not be read: their places among all rows, in increasing
    ///   order, with the names their rows show and the errors (SPEC 8: `error` rows).
    public func matrixRun(
        _ vms: [ExpandedVM], _ destinations: [Destination], failed: [(row: Int, vm: String, error: InputError)] = []
    ) -> MatrixRun {
        MatrixRun(self, rows: .expanded(vms), destinations: destinations, failed: failed)
    }

    /// ``matrixRun(_:_:failed:)`` of configurations, each expanded when its row is checked: memory
    /// then holds the configurations, not every parameter of every device of every VM.
    ///
    /// - Parameter configurations: each must expand in this checker's registry (``Expander/expand(_:in:)``
    ///   without error); one that cannot belongs in `failed`.
    public func matrixRun(
        configurations: [VMConfiguration], _ destinations: [Destination], failed: [(row: Int, vm: String, error: InputError)] = []
    ) -> MatrixRun {
        MatrixRun(self, rows: .configurations(configurations), destinations: destinations, failed: failed)
    }

    /// Checks every VM against every destination, every cell kept: for a matrix small enough to hold.
    /// The result's order is that of the inputs, whatever the scheduling.
    public func matrix(_ vms: [ExpandedVM], _ destinations: [Destination]) -> Matrix {
        var cells: [Matrix.Cell] = []
        cells.reserveCapacity(vms.count * destinations.count)
        let unused = matrixRun(vms, destinations).forEachRow { cells += $0.cells }
        return Matrix(vms: vms.map(\.name), destinations: destinations.map(\.name), cells: cells, unusedWaivers: unused)
    }
}
