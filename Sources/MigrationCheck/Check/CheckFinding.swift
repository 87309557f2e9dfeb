public import ConfigExpansion
public import DeviceModelRegistry

/// Why a destination refuses a device, and what would fix it (SPEC 5).
public struct CheckFinding: Sendable, Hashable {
    public var rule: String
    public var severity: Severity
    /// The implementation that refuses; nil for `model-not-implemented`, which speaks for the whole destination.
    public var implementation: String?
    public var parameter: String?
    /// The device's value, canonical.
    public var value: ParameterValue?
    /// Where the device's value came from.
    public var provenance: Provenance?
    /// What the implementation (or the narrowing host) supports.
    public var supported: Supported?
    public var message: String
    /// The smallest change that would make the device compatible, when asked for.
    public var fix: Fix?
    /// The host whose inventory narrowing refuses the value (SPEC 3.2), when that is the cause.
    public var narrowedBy: String?
    /// A `--waive` accepts it: it does not count towards the verdict.
    public var waived = false

    public init(
        _ rule: Rule, implementation: String?, parameter: String? = nil, value: ParameterValue? = nil,
        provenance: Provenance? = nil, supported: Supported? = nil, message: String, fix: Fix? = nil, narrowedBy: String? = nil
    ) {
        self.narrowedBy = narrowedBy
        self.rule = rule.id
        self.severity = rule.severity
        self.implementation = implementation
        self.parameter = parameter
        self.value = value
        self.provenance = provenance
        self.supported = supported
        self.message = message
        self.fix = fix
    }
}

/// What a destination takes for a parameter (SPEC 8 `supported`).
public enum Supported: Sendable, Hashable, CustomStringConvertible {
    /// The values of an `allowed` list, or the whole domain when it has none.
    case domain(Domain)
    /// The implementation does not recognise the parameter, so runs it at this default.
    case onlyDefault(ParameterValue)
    /// The implementation does not recognise the parameter, which has no default.
    case nothing

    /// `[0, 16]`, `any`, `only its default false`, `nothing`.
    public var description: String {
        switch self {
        case .domain(let domain): domain.description
        case .onlyDefault(let value): "only its default \(value.quoted)"
        case .nothing: "nothing"
        }
    }
}

/// What would make a refused device compatible.
public struct Fix: Sendable, Hashable {
    /// The parameter to change on the source device, and the values the refusing implementation takes.
    public var parameter: String?
    public var values: Supported?
    /// The newest version of the model whose expansion the destination accepts.
    public var version: String?
    /// Implementations of the registry that accept the device as configured, in registry order.
    public var implementations: [String]
    /// The fix in words.
    public var description: String

    public init(parameter: String?, values: Supported?, version: String?, implementations: [String], description: String) {
        self.parameter = parameter
        self.values = values
        self.version = version
        self.implementations = implementations
        self.description = description
    }
}

/// Whether a device, a VM, can be instantiated on a destination.
public enum Verdict: String, Sendable, Hashable {
    case compatible
    case incompatible
    /// The registry cannot judge (SPEC 10.2): never taken for compatible.
    case unknown

    /// Incompatible outranks unknown, which outranks compatible.
    static func combining(_ verdicts: some Sequence<Verdict>) -> Verdict {
        var result = Verdict.compatible
        for verdict in verdicts {
            if verdict == .incompatible { return .incompatible }
            if verdict == .unknown { result = .unknown }
        }
        return result
    }
}

/// The check of one device against one destination.
public struct DeviceResult: Sendable {
    public var id: String
    public var model: String
    public var version: String?
    public var verdict: Verdict
    /// The first implementation of the destination that is compatible.
    public var implementation: String?
    /// Empty when compatible.
    public var findings: [CheckFinding]
    /// Whether the device or the VM's machine named the version.
    public var versionFrom: VersionSource?
    public var placement: VMConfiguration.Placement?
    /// The whole change that makes the refused device compatible, when asked for.
    public var fix: Fix?

    public init(
        id: String, model: String, version: String?, verdict: Verdict, implementation: String?, findings: [CheckFinding],
        versionFrom: VersionSource? = nil, placement: VMConfiguration.Placement? = nil
    ) {
        self.id = id
        self.model = model
        self.version = version
        self.verdict = verdict
        self.implementation = implementation
        self.findings = findings
        self.versionFrom = versionFrom
        self.placement = placement
    }
}

/// The check of one VM against one destination.
public struct CheckResult: Sendable {
    public var vm: String
    public var destination: String
    public var verdict: Verdict
    public var devices: [DeviceResult]
    /// VM-level findings: `machine-not-supported`, `machine-unknown`.
    public var findings: [CheckFinding]

    public init(vm: String, destination: String, devices: [DeviceResult], findings: [CheckFinding] = []) {
        self.vm = vm
        self.destination = destination
        self.devices = devices
        self.findings = findings
        let vmLevel: [Verdict] = findings.filter { !$0.waived }.map { $0.rule == Rule.machineUnknown.id ? .unknown : .incompatible }
        verdict = Verdict.combining(devices.map(\.verdict) + vmLevel)
    }
}
