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
        // The versions newer than the one chosen, each with the destinations (indices) that rule it out.
        var ruledOut: [(version: Int, refusing: [Int])] = []
        var chosen: ExpandedDevice?
        for position in versions.candidates {
            let refusing = destinations.indices.filter { !accepted[$0][position] }
            if refusing.isEmpty {
                chosen = try Expander.expand(model, version: model.versions[position].name, overrides: overrides)
                break
            }
            ruledOut.append((position, refusing))
        }
        if waivers.isEmpty {
            refused = refusalsWithoutExpanding(ruledOut, of: &versions, on: destinations)
        } else {
            // Waived findings can make a check compatible: the refusals are checked in full.
            for (position, refusing) in ruledOut {
                let candidate = try Expander.expand(model, version: model.versions[position].name, overrides: overrides)
                refusals(candidate, by: refusing.map { destinations[$0] })
            }
        }
        return BaselineEntry(device: device, model: model.id, chosen: chosen, refused: refused)
    }

    /// The findings of each version ruled out by each destination, as ``check(_:id:on:explain:)`` gives
    /// them (without waivers, without fixes), made from the refused values alone: a model of ten
    /// thousand versions, each ruled out, costs a walk per model support and the findings, not ten
    /// thousand expansions.
    private func refusalsWithoutExpanding(
        _ ruledOut: [(version: Int, refusing: [Int])], of versions: inout VersionAcceptance, on destinations: [Destination]
    ) -> [BaselineEntry.Refusal] {
        let model = versions.model
        let implementing = destinations.map { $0.implementers(of: model) }
        // A destination with an implementation that accepts the version refuses it for its narrowing alone.
        func someAccepts(_ destination: Int, _ version: Int) -> Bool {
            implementing[destination].contains { versions.accepted(by: $0.support)[version] }
        }
        // Which versions each model support, and each destination's narrowing, must explain.
        var bySupport: [ObjectIdentifier: (support: Implementation.ModelSupport, versions: Set<Int>)] = [:]
        var byNarrowing: [Int: Set<Int>] = [:]
        for (version, refusing) in ruledOut {
            for destination in refusing {
                if !someAccepts(destination, version) {
                    for implementer in implementing[destination] {
                        bySupport[ObjectIdentifier(implementer.support), default: (implementer.support, [])].versions.insert(version)
                    }
                }
                byNarrowing[destination, default: []].insert(version)
            }
        }
        var supportValues: [ObjectIdentifier: [Int: [VersionAcceptance.RefusedValue]]] = [:]
        for (key, (support, wanted)) in bySupport {
            supportValues[key] = versions.refusedValues(at: wanted) { position, value in
                Checker.refuses(value, at: position, of: model, on: support)
            }
        }
        var narrowingValues: [Int: [Int: [VersionAcceptance.RefusedValue]]] = [:]
        for (destination, wanted) in byNarrowing {
            guard let domains = versions.narrowedDomains(on: destinations[destination]) else { continue }
            narrowingValues[destination] = versions.refusedValues(at: wanted) { position, value in
                VersionAcceptance.narrowing(domains, refuses: value, at: position)
            }
        }
        var refused: [BaselineEntry.Refusal] = []
        for (version, refusing) in ruledOut {
            for index in refusing {
                let destination = destinations[index]
                var findings: [CheckFinding] = []
                if implementing[index].isEmpty {
                    findings.append(notImplemented(model, on: destination))
                } else if !someAccepts(index, version) {
                    for implementer in implementing[index] {
                        for refusal in supportValues[ObjectIdentifier(implementer.support)]?[version] ?? [] {
                            findings.append(finding(model.parameters[refusal.position], refusal.value, refusal.provenance, on: implementer))
                        }
                    }
                }
                for refusal in narrowingValues[index]?[version] ?? [] {
                    guard let domain = destination.narrowed(model.id, model.parameters[refusal.position].name) else { continue }
                    findings.append(narrowingFinding(
                        model.parameters[refusal.position].name, refusal.value, refusal.provenance, outside: domain, on: destination))
                }
                refused.append(.init(version: model.versions[version].name, destination: destination.name, findings: findings))
            }
        }
        return refused
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
