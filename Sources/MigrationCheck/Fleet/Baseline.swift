public import ConfigExpansion
public import DeviceModelRegistry

/// The newest version of a model that every destination can instantiate (SPEC 6).
public struct BaselineEntry: Sendable {
    /// A destination that cannot instantiate a version, and why.
    public struct Refusal: Sendable {
        /// nil for a model without versions.
        public var version: String?
        public var destination: String
        public var findings: [CheckFinding]
    }

    /// The device's id, when the entry is for a device of a VM configuration.
    public var device: String?
    public var model: String
    /// The newest version every destination accepts, expanded (with the device's
    /// overrides on top); nil when no version fits.
    public var chosen: ExpandedDevice?
    /// Every version newer than the chosen one (all of them when none fits),
    /// newest first, with each destination that rules it out.
    public var refused: [Refusal]
}

/// What `baseline` answers: one entry per model or device.
public struct BaselineReport: Sendable {
    public var entries: [BaselineEntry]
    /// When the registry has machines: those every destination provides, in natural order (SPEC 8 `machines[]`).
    public var machines: [String]?

    public init(entries: [BaselineEntry], machines: [String]? = nil) {
        self.entries = entries
        self.machines = machines
    }

    /// `fail` when some entry has no version that fits everywhere.
    public var status: ReportStatus {
        entries.allSatisfy { $0.chosen != nil } ? .ok : .fail
    }
}

extension Checker {
    /// The baseline of one model (or one device, keeping its overrides) over `destinations`.
    ///
    /// Which versions each destination accepts is worked out without expanding them
    /// (``VersionAcceptance``); only the versions in the answer are expanded, the chosen one
    /// and each refused one, to say why.
    /// - Throws: ``InputError`` when an override is not a value of its parameter.
    public func baseline(
        _ model: DeviceModel, overrides: [Override] = [], device: String? = nil, destinations: [Destination]
    ) throws(InputError) -> BaselineEntry {
        var versions = try VersionAcceptance(model, overrides: overrides)
        var refused: [BaselineEntry.Refusal] = []
        func refusals(_ candidate: ExpandedDevice, by refusing: [Destination]) {
            for destination in refusing {
                let findings = check(candidate, id: device ?? model.id, on: destination, explain: false).findings
                refused.append(.init(version: candidate.version, destination: destination.name, findings: findings))
            }
        }
        guard !versions.candidates.isEmpty else {
            let candidate = try Expander.expand(model, version: nil, overrides: overrides)
            let refusing = destinations.filter { !accepts(candidate, on: $0) }
            refusals(candidate, by: refusing)
            return BaselineEntry(device: device, model: model.id, chosen: refusing.isEmpty ? candidate : nil, refused: refused)
        }
        let accepted = destinations.map { versions.accepted(on: $0) }
        for position in versions.candidates {
            let candidate = try Expander.expand(model, version: model.versions[position].name, overrides: overrides)
            let refusing = zip(destinations, accepted).filter { !$1[position] }.map(\.0)
            if refusing.isEmpty {
                return BaselineEntry(device: device, model: model.id, chosen: candidate, refused: refused)
            }
            refusals(candidate, by: refusing)
        }
        return BaselineEntry(device: device, model: model.id, chosen: nil, refused: refused)
    }

    /// The baseline of every device of a VM configuration; the devices' own versions are not used.
    public func baseline(_ vm: VMConfiguration, destinations: [Destination]) throws(InputError) -> BaselineReport {
        var entries: [BaselineEntry] = []
        for device in vm.devices {
            do {
                let model = try registry.requireModel(device.model)
                entries.append(try baseline(model, overrides: device.overrides, device: device.id, destinations: destinations))
            } catch {
                throw InputError("device '\(device.id)': \(error.message)", at: error.location ?? device.location)
            }
        }
        return BaselineReport(entries: entries, machines: commonMachines(destinations))
    }

    /// The registry's machines that every destination provides (some implementation of each does),
    /// in natural order; nil when the registry has no machines.
    public func commonMachines(_ destinations: [Destination]) -> [String]? {
        guard !registry.machines.isEmpty else { return nil }
        return registry.machines.map(\.id).filter { machine in
            destinations.allSatisfy { $0.implementations.contains { $0.provides(machine: machine) } }
        }.sorted { $0.compare(naturally: $1) }
    }
}
