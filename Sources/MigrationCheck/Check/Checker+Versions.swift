import ConfigExpansion
public import DeviceModelRegistry

/// Which versions of one model destinations accept, each version judged without being expanded.
///
/// A version's expansion differs from the defaults only where its `extends` chain sets something,
/// so the versions are walked along `extends` with one row of values
/// (``DeviceModel/walkVersions(from:skipping:change:visit:)``), keeping a count of the parameters
/// a support (or a host's narrowing) refuses; a version is accepted when the count is zero on
/// entering it. One walk costs O(parameters + versions + settings), once per model support:
/// a model of ten thousand parameters and ten thousand versions costs one row, never a
/// hundred million values. Only the versions given as answers are expanded.
struct VersionAcceptance {
    let model: DeviceModel
    /// The overrides' values by parameter position: they stay on top of every version.
    private let pinned: [ParameterValue?]
    /// The versions that can be expanded by name (every version of a valid registry), newest first.
    let candidates: [Int]
    /// By model support: whether it accepts each version.
    private var bySupport: [ObjectIdentifier: [Bool]] = [:]

    /// The versions as written, without overrides.
    init(_ model: DeviceModel) {
        self.init(model, pinned: [ParameterValue?](repeating: nil, count: model.parameters.count))
    }

    /// - Throws: ``InputError`` for an override that is not a value of its parameter.
    init(_ model: DeviceModel, overrides: [Override]) throws(InputError) {
        var pinned = [ParameterValue?](repeating: nil, count: model.parameters.count)
        for override in overrides {
            let value = try Expander.value(of: override, in: model)
            pinned[model.parameterPosition(named: override.parameter)!] = value
        }
        self.init(model, pinned: pinned)
    }

    private init(_ model: DeviceModel, pinned: [ParameterValue?]) {
        self.model = model
        self.pinned = pinned
        candidates = model.expandableVersions().reversed()
    }

    /// Whether some implementation of the destination accepts each version (by position in the
    /// model's versions), and the destination's narrowing lets its values through.
    mutating func accepted(on destination: Destination) -> [Bool] {
        var accepted = [Bool](repeating: false, count: model.versions.count)
        for implementer in destination.implementers(of: model) {
            let own = self.accepted(by: implementer.support)
            for position in accepted.indices where own[position] { accepted[position] = true }
        }
        if let domains = narrowedDomains(on: destination) {
            let narrowed = walk { position, value in Self.narrowing(domains, refuses: value, at: position) }
            for position in accepted.indices where !narrowed[position] { accepted[position] = false }
        }
        return accepted
    }

    /// The domains the destination's inventory narrows the model's parameters to, by position; nil when it narrows none.
    func narrowedDomains(on destination: Destination) -> [Domain?]? {
        guard let narrowing = destination.narrowing[model.id], !narrowing.isEmpty else { return nil }
        var domains = [Domain?](repeating: nil, count: model.parameters.count)
        for (name, domain) in narrowing {
            if let position = model.parameterPosition(named: name) { domains[position] = domain }
        }
        return domains
    }

    /// Whether a narrowing refuses a value at a parameter position.
    static func narrowing(_ domains: [Domain?], refuses value: ParameterValue?, at position: Int) -> Bool {
        guard let value, let domain = domains[position] else { return false }
        return !domain.contains(value)
    }

    /// Whether a support of the model accepts each version: SPEC 5's table, for every parameter.
    mutating func accepted(by support: Implementation.ModelSupport) -> [Bool] {
        let key = ObjectIdentifier(support)
        if let known = bySupport[key] { return known }
        let model = model
        let accepted = walk { position, value in Checker.refuses(value, at: position, of: model, on: support) }
        bySupport[key] = accepted
        return accepted
    }

    /// A value of a version's expansion that something refuses, and where it came from.
    struct RefusedValue {
        let position: Int
        let value: ParameterValue
        let provenance: Provenance
    }

    /// For each of `versions` (positions in the model's versions), the values of its expansion (the
    /// overrides on top) that `refuses`, in the model's order: what the findings of a refusal need,
    /// without expanding the version. Costs one walk, and the values found.
    func refusedValues(at versions: Set<Int>, refusing refuses: (Int, ParameterValue?) -> Bool) -> [Int: [RefusedValue]] {
        var row = model.parameters.map(\.defaultValue)
        for (position, value) in pinned.enumerated() where value != nil { row[position] = value }
        var setBy = [Int?](repeating: nil, count: row.count)
        var refused = Set(row.indices.filter { refuses($0, row[$0]) })
        var found: [Int: [RefusedValue]] = [:]
        model.walkVersions(from: row) { position, _, to, setter in
            guard pinned[position] == nil else { return }
            row[position] = to
            setBy[position] = setter
            if refuses(position, to) { refused.insert(position) } else { refused.remove(position) }
        } visit: { version in
            guard versions.contains(version) else { return }
            found[version] = refused.sorted().compactMap { position in
                row[position].map { value in
                    let provenance: Provenance = pinned[position] != nil
                        ? .override : setBy[position].map { .version(model.versions[$0].name) } ?? .default
                    return RefusedValue(position: position, value: value, provenance: provenance)
                }
            }
        }
        return found
    }

    /// For each version, whether no parameter of its expansion (the overrides on top) is refused.
    private func walk(refusing refuses: (Int, ParameterValue?) -> Bool) -> [Bool] {
        var row = model.parameters.map(\.defaultValue)
        for (position, value) in pinned.enumerated() where value != nil { row[position] = value }
        var refused = 0
        for (position, value) in row.enumerated() where refuses(position, value) { refused += 1 }
        var accepted = [Bool](repeating: false, count: model.versions.count)
        model.walkVersions(from: row) { position, from, to, _ in
            guard pinned[position] == nil else { return }
            refused += (refuses(position, to) ? 1 : 0) - (refuses(position, from) ? 1 : 0)
        } visit: { version in
            accepted[version] = refused == 0
        }
        return accepted
    }
}

extension Checker {
    /// Whether a support refuses a value at a parameter position of its model: no value, or SPEC 5's table.
    static func refuses(
        _ value: ParameterValue?, at position: Int, of model: DeviceModel, on support: Implementation.ModelSupport
    ) -> Bool {
        guard let value else { return true }
        switch support.allows(value, at: position, of: model) {
        case true?: return false
        case false?: return true
        case nil: return model.parameters[position].defaultValue != value
        }
    }

    /// `expand --for IMPL`: the newest version `implementation` can instantiate, or,
    /// when none can, the newest version with the findings that refuse it.
    ///
    /// Only the version answered is expanded (see ``VersionAcceptance``).
    /// - Throws: ``InputError`` for an unknown model or implementation, or a bad override.
    public func expansion(
        model id: String, overrides: [Override], for implementation: String
    ) throws(InputError) -> ExpansionReport {
        let target = try Destination.resolve(argument: implementation, in: registry)
        let model = try registry.requireModel(id)
        var versions = try VersionAcceptance(model, overrides: overrides)
        guard let newest = versions.candidates.first else {
            let device = try Expander.expand(model, version: nil, overrides: overrides)
            let refusal = accepts(device, on: target) ? [] : check(device, id: model.id, on: target).findings
            return ExpansionReport(device: device, implementation: implementation, refusal: refusal)
        }
        let accepted = versions.accepted(on: target)
        if let fitting = versions.candidates.first(where: { accepted[$0] }) {
            let device = try Expander.expand(model, version: model.versions[fitting].name, overrides: overrides)
            return ExpansionReport(device: device, implementation: implementation, refusal: [])
        }
        let device = try Expander.expand(model, version: model.versions[newest].name, overrides: overrides)
        let findings = check(device, id: model.id, on: target).findings
        return ExpansionReport(device: device, implementation: implementation, refusal: findings)
    }
}
