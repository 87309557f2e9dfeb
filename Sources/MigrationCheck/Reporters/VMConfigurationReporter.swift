public import DeviceModelRegistry

/// A VM configuration written back as a file of SPEC 3.1 (`migcheck vm`): read again, it gives
/// the same verdicts. Every value is a quoted string, which the schema types by its place.
public enum VMConfigurationReporter {
    public static func yaml(_ vm: VMConfiguration) -> String {
        var output = "vm: \(quoted(vm.name))\n"
        if let origin = vm.origin { output += "origin: \(origin.rawValue)\n" }
        if let machine = vm.machine { output += "machine: \(quoted(machine))\n" }
        if let memory = vm.memory { output += "memory: \(memory)\n" }
        if let cpus = vm.cpus { output += "cpus: \(cpus)\n" }
        if let cpu = vm.cpu { output += "cpu: \(quoted(cpu))\n" }
        if !vm.globals.isEmpty {
            output += "globals:\n"
            for global in vm.globals { output += "  \(key(global.key)): \(quoted(global.value))\n" }
        }
        output += vm.devices.isEmpty ? "devices: []\n" : "devices:\n"
        for device in vm.devices {
            output += "  - id: \(quoted(device.id))\n"
            output += "    model: \(quoted(device.model))\n"
            if let version = device.version { output += "    version: \(quoted(version))\n" }
            if let placement = device.placement {
                output += "    placement: {bus: \(quoted(placement.bus)), address: \(quoted(placement.address))}\n"
            }
            if !device.overrides.isEmpty {
                output += "    set:\n"
                for override in device.overrides {
                    output += "      \(key(override.parameter)): \(quoted(override.text))\n"
                }
            }
        }
        return output
    }

    public static func json(_ vm: VMConfiguration) -> JSONValue {
        .object([
            ("vm", .string(vm.name)),
            ("origin", .optional(vm.origin?.rawValue)),
            ("machine", .optional(vm.machine)),
            ("memory", vm.memory.map(JSONValue.int)),
            ("cpus", vm.cpus.map(JSONValue.int)),
            ("cpu", .optional(vm.cpu)),
            ("globals", vm.globals.isEmpty ? nil : .object(vm.globals.map { ($0.key, .string($0.value)) })),
            ("devices", .array(vm.devices.map { device in
                .object([
                    ("id", .string(device.id)),
                    ("model", .string(device.model)),
                    ("version", .optional(device.version)),
                    ("placement", device.placement.map(CheckJSONReporter.json)),
                    ("set", device.overrides.isEmpty ? nil : .object(device.overrides.map { ($0.parameter, .string($0.text)) })),
                ])
            })),
        ])
    }

    /// A YAML double-quoted scalar: JSON's escapes are YAML's.
    public static func quoted(_ text: String) -> String {
        JSONValue.string(text).serialized(pretty: false)
    }

    /// A mapping key: plain when it is a name that YAML reads as it is written, else quoted.
    public static func key(_ text: String) -> String {
        let plain = !text.isEmpty && text.utf8.allSatisfy { byte in
            (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A)
                || byte == 0x5F || byte == 0x2D || byte == 0x2E
        } && !text.hasPrefix("-") && !text.hasPrefix(".")
        return plain ? text : quoted(text)
    }
}
