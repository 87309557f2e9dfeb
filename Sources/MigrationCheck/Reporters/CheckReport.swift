/// The results of `check`: a VM against each destination, in the order given.
public struct CheckReport: Sendable {
    public var results: [CheckResult]
    /// `any`: fail only when every destination refuses.
    public var requireAny: Bool
    /// The waivers that matched no finding (`waiver-unused`).
    public var unusedWaivers: [UnusedWaiver]
    /// `--strict`: an unused waiver fails the command.
    public var strict: Bool

    public init(results: [CheckResult], requireAny: Bool = false, waivers: Waivers = Waivers(), strict: Bool = false) {
        self.results = results
        self.requireAny = requireAny
        self.strict = strict
        var tally = CheckTally(waivers: waivers)
        results.forEach { tally.add($0) }
        unusedWaivers = tally.unusedWaivers
    }

    /// `fail` when a destination refuses (with `requireAny`, when all do), or a waiver is unused under `--strict`.
    public var status: ReportStatus {
        CheckTally.status(verdicts: results.map(\.verdict), requireAny: requireAny, unusedWaivers: unusedWaivers, strict: strict)
    }
}

/// What a `check` document's status and `waiver-unused` findings depend on, gathered one result at a
/// time and without keeping the results: so that a long answer can be written as it is made, its status first.
public struct CheckTally: Sendable {
    public private(set) var verdicts: [Verdict] = []
    private let waivers: Waivers
    /// For each waiver, whether some finding so far matched it.
    private var used: [Bool]

    public init(waivers: Waivers = Waivers()) {
        self.waivers = waivers
        used = Array(repeating: false, count: waivers.list.count)
    }

    public mutating func add(_ result: CheckResult) {
        verdicts.append(result.verdict)
        guard used.contains(false) else { return }
        for finding in result.findings { use(finding.rule, nil, finding.parameter) }
        for device in result.devices {
            for finding in device.findings { use(finding.rule, device.model, finding.parameter) }
        }
    }

    private mutating func use(_ rule: String, _ model: String?, _ parameter: String?) {
        for (index, waiver) in waivers.list.enumerated() where !used[index] && waiver.matches(rule: rule, model: model, parameter: parameter) {
            used[index] = true
        }
    }

    /// The waivers that matched no finding of the results added.
    public var unusedWaivers: [UnusedWaiver] {
        zip(waivers.list, used).filter { !$1 }.map { UnusedWaiver(waiver: $0.0) }
    }

    public func status(requireAny: Bool, strict: Bool) -> ReportStatus {
        Self.status(verdicts: verdicts, requireAny: requireAny, unusedWaivers: unusedWaivers, strict: strict)
    }

    static func status(verdicts: [Verdict], requireAny: Bool, unusedWaivers: [UnusedWaiver], strict: Bool) -> ReportStatus {
        // Unknown counts as a refusal (SPEC 8).
        let refusals = verdicts.filter { $0 != .compatible }.count
        let fails = requireAny ? refusals == verdicts.count && !verdicts.isEmpty : refusals > 0
        return fails || (strict && !unusedWaivers.isEmpty) ? .fail : .ok
    }
}
