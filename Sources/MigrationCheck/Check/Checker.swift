public import ConfigExpansion
public import DeviceModelRegistry
import Synchronization

/// Decides whether expanded devices can be instantiated by implementations and destinations (SPEC 5).
public struct Checker: Sendable {
    public let registry: Registry
    /// The findings an operator accepts (SPEC 5): marked waived, not counted.
    public let waivers: Waivers
    /// The newest version each model support accepts, kept for the fixes of later checks (batch, matrix).
    let newestVersions = NewestVersions()
    /// The implementations that accept a version as it is, kept for the fixes of later checks (batch).
    let acceptingVersions = AcceptingImplementations()

    public init(registry: Registry, waivers: Waivers = Waivers()) {
        self.registry = registry
        self.waivers = waivers
    }

    /// The finding, marked waived when a waiver matches it.
    func marked(_ finding: CheckFinding, model: String?) -> CheckFinding {
        guard !waivers.isEmpty else { return finding }
        var finding = finding
        finding.waived = waivers.matches(rule: finding.rule, model: model, parameter: finding.parameter)
        return finding
    }

    /// Whether `implementation` can instantiate the device: the fast path, without findings.
    public func accepts(_ device: ExpandedDevice, on implementation: Implementation) -> Bool {
        guard let support = implementation.support(for: device.model.id) else { return false }
        return accepts(device, on: support)
    }

    /// Whether a model support can instantiate the device (the implementation implements the model).
    func accepts(_ device: ExpandedDevice, on support: Implementation.ModelSupport) -> Bool {
        device.parameters.indices.allSatisfy { rule(breaking: device, at: $0, on: support) == nil }
    }

    /// The rule the parameter at `position` of the device breaks on a support of its model
    /// (SPEC 5's table), or nil when the support takes its value.
    func rule(breaking device: ExpandedDevice, at position: Int, on support: Implementation.ModelSupport) -> CheckRules? {
        // Read in place: a copy of the expanded parameter would retain each of its fields.
        // An undetermined value is not judged (SPEC 10.2).
        if device.parameters[position].undetermined { return nil }
        switch support.allows(device.parameters[position].value, at: position, of: device.model) {
        case true?: return nil
        case false?: return .valueNotSupported
        case nil: return device.model.parameters[position].defaultValue == device.parameters[position].value ? nil : .parameterNotSupported
        }
    }

    /// Why `implementation` cannot instantiate the device, parameter by parameter in the model's order.
    ///
    /// - Returns: no finding when it can; fixes are not filled in.
    public func findings(_ device: ExpandedDevice, on implementation: Implementation) -> [CheckFinding] {
        guard let support = implementation.support(for: device.model.id) else {
            return [CheckFinding(
                .modelNotImplemented, implementation: implementation.id,
                message: "'\(implementation.id)' does not implement model '\(device.model.id)'")]
        }
        return findings(device, on: Registry.Implementer(implementation: implementation, support: support))
    }

    func findings(_ device: ExpandedDevice, on implementer: Registry.Implementer) -> [CheckFinding] {
        let model = device.model
        var findings: [CheckFinding] = []
        // By position: most parameters pass, and are never copied (a parameter's fields would each be
        // retained); the messages are written only for those that do not.
        for position in device.parameters.indices where !device.parameters[position].undetermined {
            guard rule(breaking: device, at: position, on: implementer.support) != nil else { continue }
            let expanded = device.parameters[position]
            findings.append(finding(model.parameters[position], expanded.value, expanded.provenance, on: implementer))
        }
        return findings
    }

    /// The finding for a parameter whose value an implementation refuses (SPEC 5's table).
    func finding(
        _ parameter: Parameter, _ value: ParameterValue, _ provenance: Provenance, on implementer: Registry.Implementer
    ) -> CheckFinding {
        let (implementation, support) = (implementer.implementation, implementer.support)
        let source = "'\(parameter.name)' is \(value.quoted) (\(provenance))"
        if let recognised = support.parameter(named: parameter.name) {
            return CheckFinding(
                .valueNotSupported, implementation: implementation.id, parameter: parameter.name, value: value,
                provenance: provenance, supported: .domain(recognised.allowed),
                message: "\(source), but '\(implementation.id)' supports only \(recognised.allowed)")
        } else if let defaultValue = parameter.defaultValue {
            return CheckFinding(
                .parameterNotSupported, implementation: implementation.id, parameter: parameter.name, value: value,
                provenance: provenance, supported: .onlyDefault(defaultValue),
                message: "\(source), but '\(implementation.id)' does not recognise '\(parameter.name)' "
                    + "and so runs it at its default \(defaultValue.quoted)")
        } else {
            return CheckFinding(
                .parameterNotSupported, implementation: implementation.id, parameter: parameter.name, value: value,
                provenance: provenance, supported: .nothing,
                message: "\(source), but '\(implementation.id)' does not recognise '\(parameter.name)', which has no default")
        }
    }

    /// One device against a destination: compatible when one of the implementations
    /// that implement the model is; that first one is named.
    ///
    /// - Parameter explain: fill in each finding's fix (it costs a search of the registry).
    public func check(
        _ device: ExpandedDevice, id: String, on destination: Destination, explain: Bool = true
    ) -> DeviceResult {
        check(DeviceMemo(device), id: id, on: destination, explain: explain)
    }

    /// ``check(_:id:on:explain:)`` with what the device's earlier checks worked out: each
    /// implementation's findings and the fixes' search of the registry are made once per device,
    /// however many destinations list the implementation.
    func check(_ memo: DeviceMemo, id: String, on destination: Destination, explain: Bool = true) -> DeviceResult {
        let device = memo.device
        func result(_ verdict: Verdict, _ implementation: String?, _ findings: [CheckFinding]) -> DeviceResult {
            var result = DeviceResult(
                id: id, model: device.model.id, version: device.version, verdict: verdict,
                implementation: implementation, findings: findings, versionFrom: device.versionFrom,
                placement: device.placement)
            if explain && verdict == .incompatible { result.fix = FixAdvisor.whole(findings, destination: destination.name, current: device.version) }
            return result
        }
        // A model the registry lacks: nothing else can be said (SPEC 10.2).
        if device.isModelUnknown { return result(.unknown, nil, Self.unjudgedFindings(device)) }
        let unjudged = Self.unjudgedFindings(device)
        let narrowed = narrowingFindings(device, on: destination).map { marked($0, model: device.model.id) }
        let implementing = destination.implementers(of: device.model)
        if !waivers.isEmpty {
            // Waivers apply before an implementation is chosen: the first left with no unwaived finding.
            let narrowingWaived = narrowed.allSatisfy(\.waived)
            var all: [CheckFinding] = []
            for implementer in implementing {
                let own = memo.findings(on: implementer, by: self)
                if narrowingWaived && own.allSatisfy(\.waived) {
                    if !unjudged.isEmpty { return result(.unknown, nil, own + narrowed + unjudged) }
                    return result(.compatible, implementer.implementation.id, own + narrowed)
                }
                all += own
            }
            if implementing.isEmpty {
                let missing = marked(notImplemented(device, on: destination), model: device.model.id)
                if missing.waived && narrowingWaived {
                    return unjudged.isEmpty ? result(.compatible, nil, [missing] + narrowed) : result(.unknown, nil, [missing] + narrowed + unjudged)
                }
                all = [missing]
            }
            if explain { all = explained(all, memo, on: destination, implementing: implementing) }
            return result(.incompatible, nil, all + narrowed + unjudged)
        }
        if let compatible = implementing.first(where: { memo.findings(on: $0, by: self).isEmpty }) {
            if !narrowed.isEmpty { return result(.incompatible, nil, narrowed + unjudged) }
            return unjudged.isEmpty ? result(.compatible, compatible.implementation.id, []) : result(.unknown, nil, unjudged)
        }
        var findings = implementing.isEmpty
            ? [notImplemented(device, on: destination)] : implementing.flatMap { memo.findings(on: $0, by: self) }
        if explain { findings = explained(findings, memo, on: destination, implementing: implementing) }
        // A definite refusal outranks unknown; both are reported.
        return result(.incompatible, nil, findings + narrowed + unjudged)
    }

    /// `model-not-implemented`: no implementation of the destination implements the device's model.
    private func notImplemented(_ device: ExpandedDevice, on destination: Destination) -> CheckFinding {
        notImplemented(device.model, on: destination)
    }

    /// `model-not-implemented`: no implementation of the destination implements the model.
    func notImplemented(_ model: DeviceModel, on destination: Destination) -> CheckFinding {
        CheckFinding(
            .modelNotImplemented, implementation: nil,
            message: "no implementation of '\(destination.name)' implements model '\(model.id)'")
    }

    /// The findings with the fix of each one not waived filled in.
    private func explained(
        _ findings: [CheckFinding], _ memo: DeviceMemo, on destination: Destination, implementing: [Registry.Implementer]
    ) -> [CheckFinding] {
        let advisor = FixAdvisor(
            device: memo.device, destination: destination, version: newestAcceptedVersion(of: memo.device.model, onAnyOf: implementing),
            implementations: memo.accepting(by: self))
        return findings.map { finding in
            var finding = finding
            if !finding.waived { finding.fix = advisor.fix(for: finding) }
            return finding
        }
    }

    /// The newest version of `model` whose expansion (without overrides) one of these supports of it
    /// accepts: the newest that each accepts, worked out once per support and kept, then the newest of those.
    func newestAcceptedVersion(of model: DeviceModel, onAnyOf implementing: [Registry.Implementer]) -> String? {
        var newest = -1
        for implementer in implementing {
            newest = max(newest, newestVersions.newestAccepted(of: model, by: implementer.support))
        }
        return newest < 0 ? nil : model.versions[newest].name
    }

    /// `value-not-supported` for each value the destination's inventory narrows away (SPEC 3.2).
    func narrowingFindings(_ device: ExpandedDevice, on destination: Destination) -> [CheckFinding] {
        guard let narrowing = destination.narrowing[device.model.id] else { return [] }
        var findings: [CheckFinding] = []
        for expanded in device.parameters where !expanded.undetermined {
            guard let domain = narrowing[expanded.name], !domain.contains(expanded.value) else { continue }
            findings.append(narrowingFinding(expanded.name, expanded.value, expanded.provenance, outside: domain, on: destination))
        }
        return findings
    }

    /// `value-not-supported` for a value outside the domain the destination's inventory narrows a parameter to.
    func narrowingFinding(
        _ name: String, _ value: ParameterValue, _ provenance: Provenance, outside domain: Domain, on destination: Destination
    ) -> CheckFinding {
        let host = destination.name
        return CheckFinding(
            .valueNotSupported, implementation: nil, parameter: name, value: value,
            provenance: provenance, supported: .domain(domain),
            message: "'\(name)' is \(value.quoted) (\(provenance)), but host '\(host)' supports only "
                + "\(domain): narrowed by the inventory, though its releases support it",
            fix: Fix(
                parameter: name, values: .domain(domain), version: nil, implementations: [],
                description: "run '\(name)' at a value host '\(host)' supports, \(domain) — a guest-visible change: "
                    + "restart the VM or re-plug the device; or migrate to a host that does not narrow it"),
            narrowedBy: host)
    }

    /// Whether the destination's inventory narrowing lets every value of the device through.
    func narrowingAccepts(_ device: ExpandedDevice, on destination: Destination) -> Bool {
        guard let narrowing = destination.narrowing[device.model.id] else { return true }
        return device.parameters.allSatisfy { expanded in
            expanded.undetermined || narrowing[expanded.name].map { $0.contains(expanded.value) } ?? true
        }
    }

    /// `model-unknown` or `parameter-unknown` findings for what the registry cannot judge in a device.
    static func unjudgedFindings(_ device: ExpandedDevice) -> [CheckFinding] {
        device.unjudged.map { item in
            switch item {
            case .model(let id):
                CheckFinding(
                    .modelUnknown, implementation: nil,
                    message: "the registry has no model '\(id)': add it to judge this device")
            case .property(let name, let value, let reason):
                CheckFinding(
                    .parameterUnknown, implementation: nil, parameter: name, value: .string(value),
                    message: "\(reason): add it to the model (a parameter, or host-side) to judge this device")
            }
        }
    }

    /// A VM against a destination: compatible when every device is, and some implementation
    /// of the destination provides the VM's machine.
    public func check(_ vm: ExpandedVM, on destination: Destination, explain: Bool = true) -> CheckResult {
        VMCheck(self, vm).check(on: destination, explain: explain)
    }

    /// A VM against each destination, in order.
    ///
    /// What does not depend on the destination is worked out once for all of them: each
    /// implementation's findings for each device, and the search of the registry behind the fixes.
    public func check(_ vm: ExpandedVM, on destinations: [Destination], explain: Bool = true) -> [CheckResult] {
        let run = VMCheck(self, vm)
        return destinations.map { run.check(on: $0, explain: explain) }
    }

    /// `machine-unknown`, or `machine-not-supported` when no implementation of the destination provides the machine.
    func machineFindings(_ vm: ExpandedVM, on destination: Destination) -> [CheckFinding] {
        guard let machine = vm.machine else { return [] }
        if vm.machineUnknown {
            return [CheckFinding(
                .machineUnknown, implementation: nil,
                message: "the registry has no machine '\(machine)': add it to judge this VM")]
        }
        guard !destination.implementations.contains(where: { $0.provides(machine: machine) }) else { return [] }
        let providers = registry.implementations.filter { $0.provides(machine: machine) }.map(\.id).sorted { $0.compare(naturally: $1) }
        let fix = Fix(
            parameter: nil, values: nil, version: nil, implementations: providers,
            description: providers.isEmpty
                ? "no implementation in the registry provides machine '\(machine)'"
                : "migrate to a destination with " + FixAdvisor.list(providers))
        return [marked(CheckFinding(
            .machineNotSupported, implementation: nil,
            message: "no implementation of '\(destination.name)' provides machine '\(machine)'", fix: fix), model: nil)]
    }

    /// Whether some implementation of the destination can instantiate the device.
    public func accepts(_ device: ExpandedDevice, on destination: Destination) -> Bool {
        narrowingAccepts(device, on: destination) && destination.implementations.contains { accepts(device, on: $0) }
    }

    /// Whether one of these supports of a model can instantiate the device.
    func accepts(_ device: ExpandedDevice, onAnyOf implementing: [Registry.Implementer]) -> Bool {
        implementing.contains { accepts(device, on: $0.support) }
    }

    /// The rules of a refusal, without findings or messages: the matrix's fast path.
    ///
    /// - Returns: empty when the destination accepts the device.
    public func refusalRules(_ device: ExpandedDevice, on destination: Destination) -> Set<String> {
        refusal(device, on: destination).ids
    }

    /// ``refusalRules(_:on:)`` as a set of the three check rules.
    func refusal(_ device: ExpandedDevice, on destination: Destination) -> CheckRules {
        var rules = Self.refusal(combining: destination.implementations.lazy.map { self.answer(device, on: $0) })
        if !narrowingAccepts(device, on: destination) { rules.insert(.valueNotSupported) }
        return rules
    }

    /// One implementation's answer for a device, as the matrix keeps it.
    enum Answer: Equatable {
        case notImplemented
        /// Empty when the implementation accepts the device.
        case refused(CheckRules)
    }

    func answer(_ device: ExpandedDevice, on implementation: Implementation) -> Answer {
        let model = device.model
        guard let support = implementation.support(for: model.id) else { return .notImplemented }
        var rules = CheckRules()
        for position in device.parameters.indices {
            if let broken = rule(breaking: device, at: position, on: support) { rules.formUnion(broken) }
        }
        return .refused(rules)
    }

    /// A destination's refusal from the answers of its implementations, in its order:
    /// none when one accepts; else the rules of those that implement the model, or model-not-implemented.
    static func refusal(combining answers: some Sequence<Answer>) -> CheckRules {
        var implementing = false
        var rules = CheckRules()
        for answer in answers {
            guard case .refused(let refusal) = answer else { continue }
            if refusal.isEmpty { return CheckRules() }
            implementing = true
            rules.formUnion(refusal)
        }
        return implementing ? rules : [.modelNotImplemented]
    }
}

extension Checker {
    /// `check`: a VM configuration's devices expanded, then checked against each destination in order.
    ///
    /// - Throws: ``InputError`` when a device cannot be expanded: no verdict is given then.
    public func check(
        _ configuration: VMConfiguration, on destinations: [Destination], requireAny: Bool = false
    ) throws(InputError) -> CheckReport {
        let vm = try Expander.expand(configuration, in: registry)
        return CheckReport(results: check(vm, on: destinations), requireAny: requireAny)
    }
}

/// The checks of one VM against destinations one after another, sharing what each device's
/// checks have in common (``DeviceMemo``): a host that lists a hundred implementations costs
/// their findings once, not once per host.
public struct VMCheck {
    let checker: Checker
    let vm: ExpandedVM
    private let memos: [DeviceMemo]

    public init(_ checker: Checker, _ vm: ExpandedVM) {
        self.checker = checker
        self.vm = vm
        memos = vm.devices.map { DeviceMemo($0.device) }
    }

    /// The VM against one destination.
    public func check(on destination: Destination, explain: Bool = true) -> CheckResult {
        CheckResult(
            vm: vm.name, destination: destination.name,
            devices: zip(vm.devices, memos).map { checker.check($1, id: $0.id, on: destination, explain: explain) },
            findings: checker.machineFindings(vm, on: destination))
    }
}

/// What the checks of one device against many destinations share, made on first need and kept:
/// each implementation's findings (waivers marked, fixes not filled in) and the registry's
/// implementations that accept the device as configured. Used by one thread at a time.
final class DeviceMemo {
    let device: ExpandedDevice
    /// By model support (kept alive with its findings): empty when it accepts the device.
    private var findings: [ObjectIdentifier: (support: Implementation.ModelSupport, findings: [CheckFinding])] = [:]
    private var accepting: [String]?

    init(_ device: ExpandedDevice) {
        self.device = device
    }

    func findings(on implementer: Registry.Implementer, by checker: Checker) -> [CheckFinding] {
        let key = ObjectIdentifier(implementer.support)
        if let known = findings[key] { return known.findings }
        var own = checker.findings(device, on: implementer)
        if !checker.waivers.isEmpty { own = own.map { checker.marked($0, model: device.model.id) } }
        findings[key] = (implementer.support, own)
        return own
    }

    /// Implementations of the registry accepting the device as configured, in natural order (9.2
    /// before 10.2). A device that is a version as it is (no override, nothing read from a running VM) is
    /// answered once per checker, for every check of that version (a batch asks again and again).
    func accepting(by checker: Checker) -> [String] {
        if let accepting { return accepting }
        let plain = device.parameters.allSatisfy { $0.provenance != .override && $0.provenance != .observed && !$0.undetermined }
            && device.unjudged.isEmpty
        let key = plain ? device.model.id + "\u{0}" + (device.version ?? "") : nil
        let found = key.flatMap(checker.acceptingVersions.known) ?? {
            let implementers = checker.registry.implementers(of: device.model.id)
            let ranks = checker.acceptingVersions.naturalRanks(in: checker.registry)
            var ranked: [(rank: Int, id: String)] = []
            for index in implementers.indices where checker.accepts(device, on: implementers[index].support) {
                let implementation = implementers[index].implementation
                ranked.append((ranks[ObjectIdentifier(implementation)] ?? Int.max, implementation.id))
            }
            let found = ranked.sorted { $0.rank < $1.rank }.map(\.id)
            if let key { checker.acceptingVersions.keep(found, for: key) }
            return found
        }()
        accepting = found
        return found
    }
}

/// A set of the check's rules, as bits: the matrix gathers them for every pair.
struct CheckRules: OptionSet, Hashable, Sendable {
    let rawValue: UInt8

    init(rawValue: UInt8) {
        self.rawValue = rawValue
    }

    static let modelNotImplemented = CheckRules(rawValue: 1)
    static let valueNotSupported = CheckRules(rawValue: 2)
    static let parameterNotSupported = CheckRules(rawValue: 4)
    static let machineNotSupported = CheckRules(rawValue: 8)
    static let modelUnknown = CheckRules(rawValue: 16)
    static let parameterUnknown = CheckRules(rawValue: 32)
    static let machineUnknown = CheckRules(rawValue: 64)

    /// The rules that refuse; the others make a verdict unknown.
    static let refusing: CheckRules = [.modelNotImplemented, .valueNotSupported, .parameterNotSupported, .machineNotSupported]

    /// Incompatible when a rule refuses, else unknown when some rule is there.
    var verdict: Verdict {
        if !intersection(Self.refusing).isEmpty { return .incompatible }
        return isEmpty ? .compatible : .unknown
    }

    /// The rule ids, sorted, from a table of all sets.
    var sortedIDs: [String] { Self.sorted[Int(rawValue)] }

    private static let sorted: [[String]] = (0..<128).map { CheckRules(rawValue: UInt8($0)).ids.sorted() }

    private static let names: [(CheckRules, Rule)] = [
        (.modelNotImplemented, .modelNotImplemented), (.valueNotSupported, .valueNotSupported),
        (.parameterNotSupported, .parameterNotSupported), (.machineNotSupported, .machineNotSupported),
        (.modelUnknown, .modelUnknown), (.parameterUnknown, .parameterUnknown), (.machineUnknown, .machineUnknown),
    ]

    /// The check rules among these ids; others are dropped.
    init(ids: some Sequence<String>) {
        self.init()
        for id in ids {
            if let (rules, _) = Self.names.first(where: { $0.1.id == id }) { insert(rules) }
        }
    }

    /// The rule ids.
    var ids: Set<String> {
        Set(Self.names.filter { contains($0.0) }.map(\.1.id))
    }
}

/// By model and version, the implementations that accept that version as it is.
final class AcceptingImplementations: Sendable {
    private let known = Mutex<[String: [String]]>([:])
    /// Each implementation's place in the natural order of ids, worked out once, on first use.
    private let ranks = Mutex<[ObjectIdentifier: Int]?>(nil)

    /// Places in the natural order of ids (9.2 before 10.2), by implementation: fixes list implementations
    /// in that order, and sorting a few places is cheaper than comparing their ids each time.
    func naturalRanks(in registry: Registry) -> [ObjectIdentifier: Int] {
        ranks.withLock { ranks in
            if let ranks { return ranks }
            let implementations = registry.implementations
            let order = implementations.indices.sorted { implementations[$0].id.compare(naturally: implementations[$1].id) }
            var made: [ObjectIdentifier: Int] = [:]
            for (rank, index) in order.enumerated() { made[ObjectIdentifier(implementations[index])] = rank }
            ranks = made
            return made
        }
    }

    func known(_ key: String) -> [String]? {
        known.withLock { $0[key] }
    }

    func keep(_ implementations: [String], for key: String) {
        known.withLock { $0[key] = implementations }
    }
}

/// The newest version of a model each model support accepts, found once and shared by all checks
/// of one checker: working out a fix asks it for every refused device. No version is expanded
/// (``VersionAcceptance``).
final class NewestVersions: Sendable {
    /// By model support (kept alive with its answer, so that its identifier names no other): the
    /// position of the newest version it accepts, or -1.
    private let newest = Mutex<[ObjectIdentifier: (support: Implementation.ModelSupport, position: Int)]>([:])

    /// The position of the newest version of `model` that `support` accepts, or -1.
    func newestAccepted(of model: DeviceModel, by support: Implementation.ModelSupport) -> Int {
        let key = ObjectIdentifier(support)
        if let known = newest.withLock({ $0[key] }) { return known.position }
        var versions = VersionAcceptance(model)
        let accepted = versions.accepted(by: support)
        let found = versions.candidates.first { accepted[$0] } ?? -1
        newest.withLock { $0[key] = (support, found) }
        return found
    }
}
