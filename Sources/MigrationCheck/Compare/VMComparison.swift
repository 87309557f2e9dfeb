public import ConfigExpansion
public import DeviceModelRegistry

/// One difference, or one thing compare cannot judge, between two instances of a guest (SPEC 10.3).
public struct CompareFinding: Sendable, Hashable {
    public var rule: String
    public var severity: Severity
    public var device: String?
    /// The device's model, for waivers (`RULE:MODEL:PARAMETER`).
    public var model: String?
    public var parameter: String?
    /// The typed values on each side, when the finding is about a value.
    public var source: ParameterValue?
    public var destination: ParameterValue?
    public var message: String
    /// A `--waive` accepts it: it does not count towards the verdict.
    public var waived = false

    public init(
        _ rule: Rule, device: String? = nil, parameter: String? = nil, source: ParameterValue? = nil,
        destination: ParameterValue? = nil, message: String
    ) {
        self.rule = rule.id
        self.severity = rule.severity
        self.device = device
        self.parameter = parameter
        self.source = source
        self.destination = destination
        self.message = message
    }
}

/// `same`, `different` or `unknown`.
public enum CompareVerdict: String, Sendable {
    case same, different, unknown
}

/// The answer of `compare`: every finding, in order (the VM, then devices in the source's order,
/// then those only the destination has).
public struct VMComparison: Sendable {
    public var findings: [CompareFinding]
    /// The waivers that matched no finding.
    public var unusedWaivers: [UnusedWaiver] = []
    /// `--strict`: an unused waiver fails the command.
    public var strict = false

    /// A difference outranks unknown; warnings and waived findings alone leave the guests the same.
    public var verdict: CompareVerdict {
        let unknown: Set<String> = [Rule.modelUnknown.id, Rule.parameterUnknown.id, Rule.machineUnknown.id]
        let errors = findings.filter { $0.severity == .error && !$0.waived }
        if errors.contains(where: { !unknown.contains($0.rule) }) { return .different }
        return errors.isEmpty ? .same : .unknown
    }

    public var status: ReportStatus { verdict == .same && !(strict && !unusedWaivers.isEmpty) ? .ok : .fail }

    /// Compares, then marks what the waivers accept and notes the waivers that matched nothing.
    public static func compare(_ source: ExpandedVM, _ destination: ExpandedVM, waivers: Waivers, strict: Bool = false) -> VMComparison {
        var comparison = compare(source, destination)
        let models = Dictionary(
            (source.devices + destination.devices).map { ($0.id, $0.device.model.id) }, uniquingKeysWith: { first, _ in first })
        for index in comparison.findings.indices {
            let finding = comparison.findings[index]
            let model = finding.device.flatMap { models[$0] }
            comparison.findings[index].model = model
            comparison.findings[index].waived = waivers.matches(rule: finding.rule, model: model, parameter: finding.parameter)
        }
        comparison.unusedWaivers = waivers.unused(among: comparison.findings.map { ($0.rule, $0.model, $0.parameter) })
        comparison.strict = strict
        return comparison
    }

    /// Compares the guest as it runs on the source with the guest as the destination will start it.
    public static func compare(_ source: ExpandedVM, _ destination: ExpandedVM) -> VMComparison {
        var findings: [CompareFinding] = []
        findings += machine(source, destination)
        findings += size(source.configuration, destination.configuration)
        let destinationDevices = Dictionary(
            destination.devices.map { ($0.id, $0.device) }, uniquingKeysWith: { first, _ in first })
        let sourceIDs = Set(source.devices.map(\.id))
        for (id, device) in source.devices {
            guard let other = destinationDevices[id] else {
                findings.append(CompareFinding(
                    .deviceMissing, device: id,
                    message: "device '\(id)' (\(device.model.id)) is on the source, not on the destination"))
                continue
            }
            findings += compare(device: id, device, other)
        }
        for (id, device) in destination.devices where !sourceIDs.contains(id) {
            findings.append(CompareFinding(
                .deviceMissing, device: id, message: "device '\(id)' (\(device.model.id)) is on the destination, not on the source"))
        }
        return VMComparison(findings: findings)
    }

    private static func machine(_ source: ExpandedVM, _ destination: ExpandedVM) -> [CompareFinding] {
        var findings: [CompareFinding] = []
        for (side, vm) in [("source", source), ("destination", destination)] where vm.machineUnknown {
            findings.append(CompareFinding(
                .machineUnknown, message: "the registry has no machine '\(vm.machine ?? "")' (the \(side)'s): add it to judge this VM"))
        }
        if source.machine != destination.machine {
            findings.append(CompareFinding(
                .machineDiffers,
                message: "the source runs on machine \(describe(source.machine)), the destination on \(describe(destination.machine))"))
        }
        return findings
    }

    private static func describe(_ machine: String?) -> String {
        machine.map { "'\($0)'" } ?? "none named"
    }

    /// memory, cpus and cpu where both sides state them; globals on both sides.
    private static func size(_ source: VMConfiguration?, _ destination: VMConfiguration?) -> [CompareFinding] {
        guard let source, let destination else { return [] }
        var findings: [CompareFinding] = []
        func differs(_ name: String, _ a: ParameterValue?, _ b: ParameterValue?) {
            guard let a, let b, a != b else { return }
            findings.append(CompareFinding(
                .vmDiffers, parameter: name, source: a, destination: b,
                message: "the VM's \(name) is \(a.quoted) on the source, \(b.quoted) on the destination"))
        }
        differs("memory", source.memory.map(ParameterValue.int), destination.memory.map(ParameterValue.int))
        differs("cpus", source.cpus.map(ParameterValue.int), destination.cpus.map(ParameterValue.int))
        differs("cpu", source.cpu.map(ParameterValue.string), destination.cpu.map(ParameterValue.string))
        // A running VM shows no -global: globals are compared when both sides could state them.
        guard source.origin != .qmp && destination.origin != .qmp else { return findings }
        var destinationGlobals: [String: String] = [:]
        for global in destination.globals { destinationGlobals[global.key] = global.value }
        var sourceGlobals: [String: String] = [:]
        for global in source.globals { sourceGlobals[global.key] = global.value }
        for key in Set(sourceGlobals.keys).union(destinationGlobals.keys).sorted() where sourceGlobals[key] != destinationGlobals[key] {
            let a = sourceGlobals[key].map(ParameterValue.string)
            let b = destinationGlobals[key].map(ParameterValue.string)
            findings.append(CompareFinding(
                .vmDiffers, parameter: key, source: a, destination: b,
                message: "global '\(key)' is \(a?.quoted ?? "not set") on the source, \(b?.quoted ?? "not set") on the destination"))
        }
        return findings
    }

    private static func compare(device id: String, _ source: ExpandedDevice, _ destination: ExpandedDevice) -> [CompareFinding] {
        guard source.model.id == destination.model.id else {
            return [CompareFinding(
                .modelDiffers, device: id,
                message: "device '\(id)' is '\(source.model.id)' on the source, '\(destination.model.id)' on the destination")]
        }
        var findings: [CompareFinding] = []
        if let placement = placement(id, source.placement, destination.placement) { findings.append(placement) }
        if source.isModelUnknown || destination.isModelUnknown {
            findings.append(CompareFinding(
                .modelUnknown, device: id, message: "the registry has no model '\(source.model.id)': add it to judge device '\(id)'"))
            return findings
        }
        var unknown: Set<String> = []
        for (side, device) in [("source", source), ("destination", destination)] {
            for case .property(let name, let value, let reason) in device.unjudged where !unknown.contains(name) {
                unknown.insert(name)
                findings.append(CompareFinding(
                    .parameterUnknown, device: id, parameter: name,
                    message: "device '\(id)' on the \(side): \(reason) (value '\(value)'): add it to the model to judge it"))
            }
        }
        for (a, b) in zip(source.parameters, destination.parameters) {
            if a.undetermined || b.undetermined {
                let sides = [a.undetermined ? "the source" : nil, b.undetermined ? "the destination" : nil].compactMap { $0 }
                findings.append(CompareFinding(
                    .valueUndetermined, device: id, parameter: a.name,
                    source: a.undetermined ? nil : a.value, destination: b.undetermined ? nil : b.value,
                    message: "'\(a.name)' of device '\(id)' is left to QEMU at start-up on \(sides.joined(separator: " and ")): "
                        + "set it on both command lines to compare it"))
                continue
            }
            guard a.value != b.value else { continue }
            findings.append(CompareFinding(
                .valueDiffers, device: id, parameter: a.name, source: a.value, destination: b.value,
                message: "'\(a.name)' of device '\(id)' is \(a.value.quoted) (\(a.provenance)) on the source, "
                    + "\(b.value.quoted) (\(b.provenance)) on the destination"))
        }
        return findings
    }

    /// A difference of bus or address, compared only between the same forms.
    private static func placement(
        _ id: String, _ source: VMConfiguration.Placement?, _ destination: VMConfiguration.Placement?
    ) -> CompareFinding? {
        guard let source, let destination else { return nil }
        let sameBusForm = (source.bus == "default") == (destination.bus == "default")
        let busDiffers = sameBusForm && source.bus != destination.bus
        // `auto:k` counts the address-less devices of one bus: it means something only against the same bus.
        let comparable = source.isAutomatic == destination.isAutomatic && (!source.isAutomatic || source.bus == destination.bus)
        let addressDiffers = comparable && source.address != destination.address
        guard busDiffers || addressDiffers else { return nil }
        return CompareFinding(
            .placementDiffers, device: id, source: .string("\(source.bus) \(source.address)"),
            destination: .string("\(destination.bus) \(destination.address)"),
            message: "device '\(id)' sits at bus '\(source.bus)' address '\(source.address)' on the source, "
                + "bus '\(destination.bus)' address '\(destination.address)' on the destination")
    }
}
