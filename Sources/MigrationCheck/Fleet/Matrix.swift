import Dispatch
public import ConfigExpansion

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

    public func cell(vm: Int, destination: Int) -> Cell {
        cells[vm * destinations.count + destination]
    }

    /// `fail` when any pair is incompatible.
    public var status: ReportStatus {
        cells.contains { $0.verdict == .incompatible } ? .fail : .ok
    }
}

extension Checker {
    /// Checks every VM against every destination. Pairs are independent: a
    /// large matrix is spread over the machine's cores; the result's order is
    /// that of the inputs, whatever the scheduling.
    public func matrix(_ vms: [ExpandedVM], _ destinations: [Destination]) -> Matrix {
        let count = vms.count * destinations.count
        var cells = [Matrix.Cell](repeating: Matrix.Cell(verdict: .compatible, rules: []), count: count)
        let columns = destinations.count
        cells.withUnsafeMutableBufferPointer { buffer in
            nonisolated(unsafe) let output = buffer
            let work: @Sendable (Int) -> Void = { index in
                output[index] = self.cell(vms[index / columns], destinations[index % columns])
            }
            // Small matrices are not worth a thread hop.
            if count < 256 {
                (0..<count).forEach(work)
                return
            }
            let chunks = min(count, 64)
            DispatchQueue.concurrentPerform(iterations: chunks) { chunk in
                for index in stride(from: chunk, to: count, by: chunks) { work(index) }
            }
        }
        return Matrix(vms: vms.map(\.name), destinations: destinations.map(\.name), cells: cells)
    }

    private func cell(_ vm: ExpandedVM, _ destination: Destination) -> Matrix.Cell {
        var rules = CheckRules()
        for (_, device) in vm.devices {
            rules.formUnion(refusal(device, on: destination))
        }
        return Matrix.Cell(verdict: rules.isEmpty ? .compatible : .incompatible, rules: rules.sortedIDs)
    }
}
