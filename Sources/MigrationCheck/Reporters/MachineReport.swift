public import DeviceModelRegistry

/// `migcheck show MACHINE`: what a machine maps each model to, and who provides it (SPEC 10.1).
public struct MachineReport {
    public var machine: Machine
    /// Model id → (version, the machine whose map says so), by model id.
    public var versions: [(model: String, version: String, from: String)]
    /// The implementations that provide the machine, in registry order.
    public var providers: [String]

    public init(machine: Machine, registry: Registry) {
        self.machine = machine
        let chain = registry.machineChain(of: machine)
        var map: [String: (String, String)] = [:]
        for link in chain.reversed() {
            for entry in link.entries { map[entry.model] = (entry.version, link.id) }
        }
        versions = map.keys.sorted().map { (model: $0, version: map[$0]!.0, from: map[$0]!.1) }
        providers = registry.implementations.filter { $0.provides(machine: machine.id) }.map(\.id)
    }

    public func json() -> JSONValue {
        .document([
            ("status", .string(ReportStatus.ok.rawValue)),
            ("machine", .string(machine.id)),
            ("description", .optional(machine.description)),
            ("extends", .optional(machine.extends)),
            ("versions", .array(versions.map { entry in
                .object([
                    ("model", .string(entry.model)), ("version", .string(entry.version)),
                    ("from", .string(entry.from)),
                ])
            })),
            ("implementations", .array(providers.map(JSONValue.string))),
        ])
    }

    public func text(style: TextStyle = .plain) -> String {
        var output = style.bold("machine \(machine.id)") + "\n"
        if let description = machine.description { output += "  \(description)\n" }
        if let parent = machine.extends { output += "  extends \(parent)\n" }
        output += style.bold("versions:") + "\n"
        if versions.isEmpty {
            output += "  (none)\n"
        } else {
            output += Table.render(versions.map { entry in
                ["  " + entry.model, entry.version, entry.from == machine.id ? "" : "from \(entry.from)"]
            })
        }
        output += style.bold("provided by:") + "\n"
        output += providers.isEmpty ? "  (no implementation)\n" : providers.map { "  \($0)\n" }.joined()
        return output
    }
}
