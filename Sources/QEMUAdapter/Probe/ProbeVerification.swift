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
        if values && !checkable.isEmpty {
            // One family of machine types (pc-q35, pc-i440fx) a core: each keeps what QEMU would not create.
            let machines = probe.providedMachines(of: registry)
            let families = Dictionary(grouping: machines) { machine in
                String(machine.dropFirst(QEMUDeviceMapping.machinePrefix.count).prefix { !$0.isNumber })
            }.sorted { $0.key < $1.key }.map(\.value)
            let requests = checkable.map { ($0.driver, $0.parameters.filter { !$0.decidedAtStart }.map(\.name)) }
            typealias Observed = (machine: String, values: [[String: QEMUValue]?], notes: [String])
            let observed = concurrentMap(families) { family -> Result<[Observed], InputError> in
                Result { () throws(InputError) in
                    var failing: [Int: String] = [:]
                    var results: [Observed] = []
                    for machine in family {
                        let type = String(machine.dropFirst(QEMUDeviceMapping.machinePrefix.count))
                        let read = try DeviceProbe.values(
                            of: requests, machineType: type, probe: probe, failing: &failing, timeout: timeout)
                        results.append((machine, read.values, read.notes))
                    }
                    return results
                }
            }
            var all: [Observed] = []
            for result in observed { all += try result.get() }
            for result in all.sorted(by: { machines.firstIndex(of: $0.machine)! < machines.firstIndex(of: $1.machine)! }) {
                let machine = result.machine
                notes += result.notes
                for (index, entry) in checkable.enumerated() {
                    guard let values = result.values[index] else { continue }
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
        return ProbeVerification(findings: Diagnostic.sorted(findings, fileOrder: [:]), notes: notes, checkedPairs: pairs)
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
        var values: [[String: QEMUValue]?] = Array(repeating: nil, count: devices.count)
        var notes: [String] = []
        // Devices twenty at a time (a PCI bus has 32 slots). A device QEMU refuses (its error names its
        // id) is left out and QEMU started again; when QEMU names none, the devices are split in halves
        // until it does. A device left out is tried once more alone: it may only clash with another.
        var alone: [Int] = []
        func attempt(_ group: [Int]) {
            var group = group
            while !group.isEmpty {
                do {
                    let all = try run(group, devices, machineType: machineType, probe: probe, timeout: timeout)
                    for index in group { values[index] = all[index] }
                    return
                } catch {
                    if group.count == 1 {
                        failing[group[0]] = error.message
                        notes.append(note(devices[group[0]].driver, machineType, error.message))
                        return
                    }
                    if let culprit = culprit(in: error.message), group.contains(culprit) {
                        alone.append(culprit)
                        group.removeAll { $0 == culprit }
                    } else {
                        attempt(Array(group[..<(group.count / 2)]))
                        attempt(Array(group[(group.count / 2)...]))
                        return
                    }
                }
            }
        }
        let hopeful = devices.indices.filter { failing[$0] == nil }
        for start in stride(from: 0, to: hopeful.count, by: 20) {
            attempt(Array(hopeful[start..<min(start + 20, hopeful.count)]))
        }
        for index in alone { attempt([index]) }
        return (values, notes)
    }

    private static func note(_ driver: String, _ machineType: String, _ message: String) -> String {
        "'\(driver)' could not be created on machine type '\(machineType)' (nor on later ones of its family), its values were not checked: \(message)"
    }

    /// N of the first `probeN` an error names.
    private static func culprit(in message: String) -> Int? {
        guard let range = message.firstRange(of: "probe") else { return nil }
        let digits = message[range.upperBound...].prefix { $0.isASCII && $0.isNumber }
        return Int(digits)
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
        // A QEMU that does not greet within seconds is stuck on a device (one waiting for a backend): given up.
        let process = try QEMUProcess(binary: probe.binary, arguments: arguments, timeout: min(timeout, 5))
        defer { process.finish() }
        // One read-only `info qtree` gives every device's properties: one command a machine type, not one a property.
        let answer = try process.qmp.execute("human-monitor-command", .object([("command-line", .string("info qtree"))]))
        guard case .success(let text) = answer else {
            throw InputError("'\(probe.binary)' on machine type '\(machineType)': 'info qtree' failed")
        }
        let tree = QTree.properties(text.text)
        var result: [[String: QEMUValue]?] = Array(repeating: nil, count: devices.count)
        for index in indices {
            let all = tree["probe\(index)"] ?? [:]
            var values = all.filter { devices[index].properties.contains($0.key) }
            // What `info qtree` does not show (QOM properties of the device's class) is asked one by one.
            let missing = devices[index].properties.filter { all[$0] == nil }
            let answers = try process.qmp.executeAll(missing.map { name in
                ("qom-get", .object([("path", .string("/machine/peripheral/probe\(index)")), ("property", .string(name))]))
            })
            for (name, answer) in zip(missing, answers) {
                if case .success(let node) = answer, let value = JSONText.scalar(node) { values[name] = value }
            }
            result[index] = values
        }
        return result
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
        if properties.contains("audiodev") {
            options += ["-audiodev", "none,id=\(id)-audio"]
            device += ",audiodev=\(id)-audio"
        }
        if properties.contains("chardev") {
            options += ["-chardev", "null,id=\(id)-chardev"]
            device += ",chardev=\(id)-chardev"
        }
        return options + ["-device", device]
    }
}

/// The properties of the devices with an id in the text of HMP's `info qtree`: `dev: TYPE, id "ID"`
/// lines, and `name = value` lines below them; a device without an id (a virtio backend) lends
/// its properties to the device it sits under.
enum QTree {
    static func properties(_ text: String) -> [String: [String: QEMUValue]] {
        var result: [String: [String: QEMUValue]] = [:]
        // (indent, owner id) of the `dev:` lines enclosing the current line.
        var stack: [(indent: Int, owner: String?)] = []
        for line in text.split(separator: "\n") {
            let indent = line.prefix { $0 == " " }.count
            let body = line.dropFirst(indent)
            while let last = stack.last, last.indent >= indent { stack.removeLast() }
            if body.hasPrefix("dev: ") {
                var owner = stack.last?.owner
                if let start = body.firstRange(of: ", id \""), body.hasSuffix("\"") {
                    let id = String(body[start.upperBound..<body.index(before: body.endIndex)])
                    if !id.isEmpty { owner = id }
                }
                stack.append((indent, owner))
                continue
            }
            guard let owner = stack.last?.owner, let equals = body.firstRange(of: " = ") else { continue }
            let name = String(body[..<equals.lowerBound])
            let raw = body[equals.upperBound...]
            let value: QEMUValue
            if raw.hasPrefix("\""), raw.hasSuffix("\""), raw.count >= 2 {
                value = .text(String(raw.dropFirst().dropLast()))
            } else if raw == "true" || raw == "false" {
                value = .bool(raw == "true")
            } else if let number = raw.split(separator: " ").first, Int64(number) != nil || UInt64(number) != nil {
                value = .number(String(number))
            } else {
                value = .text(String(raw))
            }
            if result[owner]?[name] == nil { result[owner, default: [:]][name] = value }
        }
        return result
    }
}
