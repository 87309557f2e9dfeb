public import DeviceModelRegistry
import ConfigExpansion
import MigrationCheck

/// `probe --verify`: what the registry claims for an implementation, against its binary (SPEC 10.4).
public struct ProbeVerification: Sendable {
    /// Each difference, located at the claim in the registry.
    public var findings: [Diagnostic]
    /// What could not be checked (a device QEMU would not create on a machine), for the user to know.
    public var notes: [String]
    /// How many device × machine pairs had their values checked.
    public var checkedPairs: Int

    /// Compares an implementation's claims with the probe of its binary; with `values`, also
    /// creates a device of each claimed model on every machine the binary provides that the
    /// registry defines, and compares each claimed parameter's value with the machine's version.
    public static func verify(
        _ implementation: Implementation, probe: QEMUProbe, registry: Registry, values: Bool = true, timeout: Double = 20
    ) throws(InputError) -> ProbeVerification {
        var findings: [Diagnostic] = []
        let types = Set(probe.machineTypes)
        for (machine, location) in zip(implementation.machines, implementation.machineLocations) {
            let type = machine.hasPrefix(QEMUDeviceMapping.machinePrefix) ? String(machine.dropFirst(QEMUDeviceMapping.machinePrefix.count)) : machine
            if !types.contains(type) {
                findings.append(Diagnostic(
                    .probeMachineAbsent,
                    "'\(implementation.id)' claims machine '\(machine)', but \(probe.binary) (QEMU \(probe.version)) has no machine type '\(type)'",
                    at: location))
            }
        }
        var checkable: [(model: DeviceModel, driver: String, parameters: [Parameter])] = []
        for support in implementation.models {
            guard let model = registry.model(support.model) else { continue }
            let driver = support.model.hasPrefix(QEMUDeviceMapping.modelPrefix)
                ? String(support.model.dropFirst(QEMUDeviceMapping.modelPrefix.count)) : support.model
            guard probe.deviceTypes.contains(driver), let properties = probe.properties[driver] else {
                findings.append(Diagnostic(
                    .probeModelAbsent,
                    "'\(implementation.id)' claims model '\(model.id)', but \(probe.binary) (QEMU \(probe.version)) has no device type '\(driver)'",
                    at: support.location, model: model.id))
                continue
            }
            let present = Set(properties.map(\.name))
            var claimed: [Parameter] = []
            for parameter in support.parameters {
                if present.contains(parameter.name) {
                    if let definition = model.parameter(named: parameter.name) { claimed.append(definition) }
                } else {
                    findings.append(Diagnostic(
                        .probeParameterAbsent,
                        "'\(implementation.id)' claims parameter '\(parameter.name)' of '\(model.id)', but '\(driver)' of QEMU \(probe.version) has no such property",
                        at: parameter.location, model: model.id, parameter: parameter.name))
                }
            }
            for parameter in model.parameters where present.contains(parameter.name) && support.parameter(named: parameter.name) == nil {
                findings.append(Diagnostic(
                    .probeParameterUnclaimed,
                    "'\(driver)' of QEMU \(probe.version) has '\(parameter.name)', a parameter of '\(model.id)' that '\(implementation.id)' does not list",
                    at: support.location, model: model.id, parameter: parameter.name))
            }
            checkable.append((model, driver, claimed))
        }
        var notes: [String] = []
        var pairs = 0
        // Devices QEMU would not create on a machine type, by family (pc-q35, pc-i440fx).
        var failing: [String: [Int: String]] = [:]
        if values && !checkable.isEmpty {
            for machine in probe.providedMachines(of: registry) {
                let type = String(machine.dropFirst(QEMUDeviceMapping.machinePrefix.count))
                let family = String(type.prefix { !$0.isNumber })
                var known = failing[family] ?? [:]
                let observed = try DeviceProbe.values(
                    of: checkable.map { ($0.driver, $0.parameters.filter { !$0.decidedAtStart }.map(\.name)) },
                    machineType: type, probe: probe, failing: &known, timeout: timeout)
                failing[family] = known
                notes += observed.notes
                for (index, entry) in checkable.enumerated() {
                    guard let values = observed.values[index] else { continue }
                    pairs += 1
                    let version = registry.version(of: entry.model.id, on: machine)
                    guard let expanded = try? Expander.expand(entry.model, version: version) else { continue }
                    let recipe = DeviceProbe.recipeProperties(entry.driver, probe: probe)
                    for parameter in entry.parameters where !parameter.decidedAtStart && !recipe.contains(parameter.name) {
                        guard let raw = values[parameter.name], let expected = expanded.value(of: parameter.name) else { continue }
                        let text = QEMUDeviceMapping.canonical(raw, for: parameter)
                        let actual = parameter.parse(text)
                        guard actual != expected else { continue }
                        let support = implementation.support(for: entry.model.id)
                        findings.append(Diagnostic(
                            .probeValueDiffers,
                            "on machine '\(machine)', '\(entry.driver)' of QEMU \(probe.version) has '\(parameter.name)' = "
                                + "\(actual?.quoted ?? "'\(text)'"), but version \(version.map { "'\($0)'" } ?? "(none)") of "
                                + "'\(entry.model.id)', which the machine maps it to, expands it to \(expected.quoted)",
                            at: support?.parameter(named: parameter.name)?.location ?? support?.location ?? implementation.location,
                            model: entry.model.id, version: version, parameter: parameter.name))
                    }
                }
            }
        }
        return ProbeVerification(findings: findings, notes: notes, checkedPairs: pairs)
    }
}

/// Creates devices on a machine type and reads their property values.
enum DeviceProbe {
    /// - Parameters:
    ///   - devices: (driver, properties to read).
    ///   - failing: by device index, why QEMU would not create it on an earlier machine type of the
    ///     same family: tried alone, not with the others.
    /// - Returns: per device, the values read, or nil when QEMU would not create it (with a note).
    static func values(
        of devices: [(driver: String, properties: [String])], machineType: String, probe: QEMUProbe, failing: inout [Int: String],
        timeout: Double
    ) throws(InputError) -> (values: [[String: QEMUValue]?], notes: [String]) {
        let hopeful = devices.indices.filter { failing[$0] == nil }
        var values: [[String: QEMUValue]?] = Array(repeating: nil, count: devices.count)
        var alone = Array(devices.indices.filter { failing[$0] != nil })
        if let all = try? run(hopeful, devices, machineType: machineType, probe: probe, timeout: timeout) {
            for index in hopeful { values[index] = all[index] }
        } else {
            alone = Array(devices.indices)
        }
        // One QEMU a device, so that one device QEMU refuses does not hide the others.
        var notes: [String] = []
        for index in alone {
            do {
                values[index] = try run([index], devices, machineType: machineType, probe: probe, timeout: timeout)[index]
                failing[index] = nil
            } catch {
                failing[index] = error.message
                notes.append("'\(devices[index].driver)' could not be created on machine type '\(machineType)', its values were not checked: \(error.message)")
            }
        }
        return (values, notes)
    }

    private static func run(
        _ indices: [Int], _ devices: [(driver: String, properties: [String])], machineType: String, probe: QEMUProbe,
        timeout: Double
    ) throws(InputError) -> [[String: QEMUValue]?] {
        var arguments = ["-machine", machineType, "-nodefaults", "-S", "-display", "none", "-m", "64"]
        var controllers: Set<String> = []
        for index in indices {
            arguments += recipe(devices[index].driver, id: "probe\(index)", probe: probe, controllers: &controllers)
        }
        let process = try QEMUProcess(binary: probe.binary, arguments: arguments, timeout: timeout)
        defer { process.finish() }
        var result: [[String: QEMUValue]?] = Array(repeating: nil, count: devices.count)
        for index in indices {
            let names = devices[index].properties
            let answers = try process.qmp.executeAll(names.map { name in
                ("qom-get", .object([("path", .string("/machine/peripheral/probe\(index)")), ("property", .string(name))]))
            })
            var values: [String: QEMUValue] = [:]
            for (name, answer) in zip(names, answers) {
                if case .success(let node) = answer, let value = JSONText.scalar(node) { values[name] = value }
            }
            result[index] = values
        }
        return result.enumerated().map { indices.contains($0.offset) ? $0.element : nil }
    }

    /// The properties a recipe sets, whose values say nothing of the machine type.
    static func recipeProperties(_ driver: String, probe: QEMUProbe) -> Set<String> {
        var controllers: Set<String> = []
        let options = recipe(driver, id: "x", probe: probe, controllers: &controllers)
        guard let device = options.last else { return [] }
        return Set(QEMUOptionString.parse(device, impliedKey: "driver").map(\.key)).subtracting(["driver", "id"])
    }

    /// The options that create a device with what it needs: a backend for `drive` and `chardev`,
    /// a controller for USB, SCSI, virtio-serial and HDA devices.
    static func recipe(_ driver: String, id: String, probe: QEMUProbe, controllers: inout Set<String>) -> [String] {
        var options: [String] = []
        var device = "\(driver),id=\(id)"
        // Properties some devices need a value for.
        let required: [String: String] = ["pci-bridge": "chassis_nr=1", "nvme": "serial=probe", "vhost-vsock-pci": "guest-cid=3"]
        if let extra = required[driver] { device += "," + extra }
        let properties = Set((probe.properties[driver] ?? []).map(\.name))
        let buses: [(ancestor: String, controller: String, bus: String)] = [
            ("usb-device", "qemu-xhci", "probe-usb.0"), ("scsi-device", "virtio-scsi-pci", "probe-scsi.0"),
            ("virtio-serial-port", "virtio-serial-pci", "probe-serial.0"), ("hda-codec", "intel-hda", "probe-hda.0"),
        ]
        for (ancestor, controller, bus) in buses where probe.type(driver, implements: ancestor) {
            let controllerID = String(bus.dropLast(2))
            if !controllers.contains(controllerID) {
                controllers.insert(controllerID)
                options += ["-device", "\(controller),id=\(controllerID)"]
            }
            device += ",bus=\(bus)"
        }
        if properties.contains("drive") {
            options += ["-blockdev", "null-co,node-name=\(id)-drive"]
            device += ",drive=\(id)-drive"
        }
        if properties.contains("chardev") {
            options += ["-chardev", "null,id=\(id)-chardev"]
            device += ",chardev=\(id)-chardev"
        }
        return options + ["-device", device]
    }
}
