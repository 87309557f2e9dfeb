public import DeviceModelRegistry

/// Compares two registries and reports every change that can break a
/// migration or a configuration that worked before (SPEC 7).
///
/// Breaking changes to models are errors, changes to implementations that
/// take something away are warnings, and additions are `info`. Values are
/// compared in canonical form (`on` = `true`, `0x20` = `32`), versions by
/// their expansions, and domains as sets of values, however they are spelled.
public enum RegistryDiff {
    /// Every difference between `old` and `new` that SPEC 7's rules report.
    ///
    /// Each finding names the model, version and parameter it is about. A
    /// finding about something that is gone (`model-removed`, `version-removed`,
    /// `parameter-removed`, `implementation-removed`, and an implementation
    /// that no longer claims a model or a parameter) is located where that
    /// thing was written in `old`; every other finding is located at the
    /// changed thing in `new` (a model id, a parameter's key, a version's name,
    /// an implementation's model or parameter key).
    ///
    /// - Parameters:
    ///   - old: the registry before the change; it should be valid.
    ///   - new: the registry after the change; it should be valid.
    /// - Returns: the findings located in `new`, ordered by file (file paths in
    ///   byte order, which is registry order for a registry read from a
    ///   directory), line and column; then those located in `old`, in the same order.
    public static func compare(old: Registry, new: Registry) -> [Diagnostic] {
        var comparison = Comparison(old: old, new: new)
        comparison.compareModels()
        comparison.compareImplementations()
        comparison.compareMachines()
        return sorted(comparison.inNew) + sorted(comparison.inOld)
    }

    private static func sorted(_ diagnostics: [Diagnostic]) -> [Diagnostic] {
        let files = Set(diagnostics.map(\.location.file)).sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
        return Diagnostic.sorted(diagnostics, fileOrder: Dictionary(uniqueKeysWithValues: files.enumerated().map { ($1, $0) }))
    }
}

/// The state of one comparison: the two registries and the findings so far.
private struct Comparison {
    let old: Registry
    let new: Registry
    /// Findings located in `new`.
    var inNew: [Diagnostic] = []
    /// Findings located in `old`: things that are gone.
    var inOld: [Diagnostic] = []

    // MARK: - Models

    mutating func compareModels() {
        for model in old.models where new.model(model.id) == nil {
            inOld.append(Diagnostic(
                .modelRemoved, "model '\(model.id)' was removed: configurations of it can no longer be expanded or checked",
                at: model.location, model: model.id))
        }
        for model in new.models {
            guard let before = old.model(model.id) else {
                inNew.append(Diagnostic(.modelAdded, "model '\(model.id)' was added", at: model.location, model: model.id))
                continue
            }
            compareParameters(before, model)
            compareVersions(before, model)
        }
    }

    private mutating func compareParameters(_ before: DeviceModel, _ after: DeviceModel) {
        let model = after.id
        for parameter in before.parameters where after.parameter(named: parameter.name) == nil {
            inOld.append(Diagnostic(
                .parameterRemoved,
                "parameter '\(parameter.name)' of model '\(model)' was removed: devices that set it can no longer be expanded",
                at: parameter.location, model: model, parameter: parameter.name))
        }
        for parameter in after.parameters {
            let name = parameter.name
            guard let previous = before.parameter(named: name) else {
                if let defaultValue = parameter.defaultValue {
                    inNew.append(Diagnostic(
                        .parameterAdded, "parameter '\(name)' was added to model '\(model)', with default \(defaultValue.quoted)",
                        at: parameter.location, model: model, parameter: name
                    ).changing(from: .none, to: .value(defaultValue)))
                } else {
                    inNew.append(Diagnostic(
                        .parameterAddedWithoutDefault,
                        "parameter '\(name)' was added to model '\(model)' without a default: "
                            + "configurations that worked before do not set it, and can no longer be expanded",
                        at: parameter.location, model: model, parameter: name))
                }
                continue
            }
            guard previous.type == parameter.type else {
                inNew.append(Diagnostic(
                    .parameterTypeChanged,
                    "parameter '\(name)' of model '\(model)' changed type: \(previous.type.rawValue) → \(parameter.type.rawValue)",
                    at: parameter.location, model: model, parameter: name
                ).changing(from: .text(previous.type.rawValue), to: .text(parameter.type.rawValue)))
                continue  // its default and domain are values of another type: not comparable
            }
            if previous.defaultValue != parameter.defaultValue {
                let change = switch (previous.defaultValue, parameter.defaultValue) {
                case (nil, _): "was added"
                case (_, nil): "was removed"
                default: "changed"
                }
                inNew.append(Diagnostic(
                    .defaultChanged,
                    "default of '\(name)' of model '\(model)' \(change): "
                        + "\(previous.defaultValue?.quoted ?? "none") → \(parameter.defaultValue?.quoted ?? "none")",
                    at: parameter.location, model: model, parameter: name
                ).changing(from: previous.defaultValue.map(FindingValue.value) ?? .none, to: parameter.defaultValue.map(FindingValue.value) ?? .none))
            }
            let was = ValueSet(previous)
            let now = ValueSet(parameter)
            let domains = "(domain \(previous.domainDescription) → \(parameter.domainDescription))"
            let lost = was.subtracting(now)
            if !lost.isEmpty {
                inNew.append(Diagnostic(
                    .domainNarrowed, "'\(name)' of model '\(model)' no longer allows \(lost) \(domains)",
                    at: parameter.location, model: model, parameter: name
                ).changing(from: .domain(previous.effectiveDomain), to: .domain(parameter.effectiveDomain)))
            }
            let gained = now.subtracting(was)
            if !gained.isEmpty {
                inNew.append(Diagnostic(
                    .domainWidened, "'\(name)' of model '\(model)' now also allows \(gained) \(domains)",
                    at: parameter.location, model: model, parameter: name
                ).changing(from: .domain(previous.effectiveDomain), to: .domain(parameter.effectiveDomain)))
            }
        }
    }

    private mutating func compareVersions(_ before: DeviceModel, _ after: DeviceModel) {
        let model = after.id
        for version in before.versions where after.version(named: version.name) == nil {
            inOld.append(Diagnostic(
                .versionRemoved,
                "version '\(version.name)' of model '\(model)' was removed: configurations that name it can no longer be expanded",
                at: version.location, model: model, version: version.name))
        }
        let expansions = VersionExpansions(before, after)
        for version in after.versions {
            guard before.version(named: version.name) != nil else {
                inNew.append(Diagnostic(
                    .versionAdded, "version '\(version.name)' was added to model '\(model)'",
                    at: version.location, model: model, version: version.name))
                continue
            }
            let changes = expansions.changes(of: version.name)
            if !changes.isEmpty {
                inNew.append(Diagnostic(
                    .versionChanged,
                    "version '\(version.name)' of model '\(model)' now expands to different values: "
                        + changes.map(\.text).joined(separator: ", "),
                    at: version.location, model: model, version: version.name
                ).changing(
                    from: .parameters(changes.map { .init($0.name, $0.old) }), to: .parameters(changes.map { .init($0.name, $0.new) })))
            }
        }
        compareVersionOrder(before, after)
    }

    /// One `version-order-changed` per model whose versions, those in both
    /// registries, are no longer in the same order; located at the first
    /// version (in the new order) that is out of its old place.
    private mutating func compareVersionOrder(_ before: DeviceModel, _ after: DeviceModel) {
        let kept = Set(before.versions.map(\.name)).intersection(after.versions.map(\.name))
        let was = before.versions.map(\.name).filter(kept.contains)
        let now = after.versions.map(\.name).filter(kept.contains)
        guard was != now, let first = zip(was, now).first(where: { $0 != $1 }),
            let moved = after.version(named: first.1)
        else { return }
        func list(_ names: [String]) -> String { names.map { "'\($0)'" }.joined(separator: ", ") }
        inNew.append(Diagnostic(
            .versionOrderChanged,
            "versions of model '\(after.id)' were reordered, which changes which is newest: \(list(was)) → \(list(now))",
            at: moved.location, model: after.id, version: moved.name
        ).changing(from: .texts(was), to: .texts(now)))
    }

    // MARK: - Machines

    /// Removed machines, and every model a machine now maps to another version (or maps newly, or no longer).
    mutating func compareMachines() {
        for machine in old.machines where new.machine(machine.id) == nil {
            inOld.append(Diagnostic(
                .machineRemoved, "machine '\(machine.id)' was removed: VMs on it can no longer be expanded or checked",
                at: machine.location))
        }
        for machine in new.machines {
            guard old.machine(machine.id) != nil else {
                inNew.append(Diagnostic(.machineAdded, "machine '\(machine.id)' was added", at: machine.location))
                continue
            }
            let before = old.versionMap(of: machine.id)
            let after = new.versionMap(of: machine.id)
            for model in Set(before.keys).union(after.keys).sorted() where before[model] != after[model] {
                let from = before[model].map { "version '\($0)'" } ?? "no version"
                let to = after[model].map { "version '\($0)'" } ?? "no version"
                let location = machine.entries.first { $0.model == model }?.versionLocation ?? machine.location
                inNew.append(Diagnostic(
                    .machineChanged,
                    "machine '\(machine.id)' now maps model '\(model)' to \(to), not \(from): devices of VMs on it expand differently",
                    at: location, model: model, version: after[model]
                ).changing(from: before[model].map(FindingValue.text) ?? .none, to: after[model].map(FindingValue.text) ?? .none))
            }
        }
    }

    // MARK: - Implementations

    mutating func compareImplementations() {
        for implementation in old.implementations where new.implementation(implementation.id) == nil {
            inOld.append(Diagnostic(
                .implementationRemoved, "implementation '\(implementation.id)' was removed", at: implementation.location))
        }
        for implementation in new.implementations {
            guard let before = old.implementation(implementation.id) else {
                inNew.append(Diagnostic(
                    .implementationAdded, "implementation '\(implementation.id)' was added", at: implementation.location))
                continue
            }
            let id = implementation.id
            for support in before.models {
                // A model that is gone is model-removed's business.
                guard new.model(support.model) != nil else { continue }
                guard let current = implementation.support(for: support.model) else {
                    inOld.append(Diagnostic(
                        .implementationNarrowed, "implementation '\(id)' no longer implements model '\(support.model)'",
                        at: support.location, model: support.model))
                    continue
                }
                compareSupport(of: id, support, current)
            }
            for support in implementation.models where before.support(for: support.model) == nil {
                inNew.append(Diagnostic(
                    .implementationWidened, "implementation '\(id)' now implements model '\(support.model)'",
                    at: support.location, model: support.model))
            }
            // A machine that is gone is machine-removed's business.
            for (machine, location) in zip(before.machines, before.machineLocations)
            where !implementation.provides(machine: machine) && new.machine(machine) != nil {
                inOld.append(Diagnostic(
                    .implementationNarrowed, "implementation '\(id)' no longer provides machine '\(machine)'", at: location))
            }
            for (machine, location) in zip(implementation.machines, implementation.machineLocations)
            where !before.provides(machine: machine) {
                inNew.append(Diagnostic(.implementationWidened, "implementation '\(id)' now provides machine '\(machine)'", at: location))
            }
        }
    }

    /// Compares what one implementation does with one model, before and after.
    ///
    /// A parameter the implementation does not recognise is supported at its
    /// default only. Values that left or joined the model's own domain are
    /// `domain-narrowed`'s and `domain-widened`'s business, so only the values
    /// the implementation lost while the new model still allows them (or
    /// gained while the old model already allowed them) are reported.
    private mutating func compareSupport(
        of implementation: String, _ before: Implementation.ModelSupport, _ after: Implementation.ModelSupport
    ) {
        guard let oldModel = old.model(before.model), let newModel = new.model(after.model) else { return }
        let model = newModel.id
        for newParameter in newModel.parameters {
            let name = newParameter.name
            let was = before.parameter(named: name)
            let now = after.parameter(named: name)
            guard was != nil || now != nil else { continue }
            guard let oldParameter = oldModel.parameter(named: name) else {
                // New in the model: recognising it is new as well.
                if let now {
                    inNew.append(Diagnostic(
                        .implementationWidened, "implementation '\(implementation)' now recognises '\(name)' of model '\(model)'",
                        at: now.location, model: model, parameter: name))
                }
                continue
            }
            // Recognised before and after with the same domain, of a parameter whose domain is the same:
            // nothing lost, nothing gained (the usual case, decided without building value sets).
            if let was, let now, was.allowed == now.allowed, oldParameter.type == newParameter.type,
                oldParameter.allowed == newParameter.allowed, oldParameter.enumValues == newParameter.enumValues
            {
                continue
            }
            var lost: ValueSet?
            var gained: ValueSet?
            if oldParameter.type == newParameter.type {
                let oldDomain = ValueSet(oldParameter)
                let newDomain = ValueSet(newParameter)
                let oldSupport = was.map { oldDomain.restricted(to: $0.allowed) }
                    ?? ValueSet(values: oldParameter.defaultValue.map { [$0] } ?? [])
                let newSupport = now.map { newDomain.restricted(to: $0.allowed) }
                    ?? ValueSet(values: newParameter.defaultValue.map { [$0] } ?? [])
                lost = oldSupport.intersection(newDomain).subtracting(newSupport)
                gained = newSupport.intersection(oldDomain).subtracting(oldSupport)
                if lost?.isEmpty == true { lost = nil }
                if gained?.isEmpty == true { gained = nil }
            }
            switch (was, now) {
            case (let was?, nil):
                let only = newParameter.defaultValue.map { ", so it supports only its default \($0.quoted)" } ?? ""
                inOld.append(Diagnostic(
                    .implementationNarrowed,
                    "implementation '\(implementation)' no longer recognises '\(name)' of model '\(model)'\(only)"
                        + (lost.map { ": it no longer supports \($0)" } ?? ""),
                    at: was.location, model: model, parameter: name))
            case (nil, let now?):
                inNew.append(Diagnostic(
                    .implementationWidened,
                    "implementation '\(implementation)' now recognises '\(name)' of model '\(model)'"
                        + (gained.map { ": it now also supports \($0)" } ?? ""),
                    at: now.location, model: model, parameter: name))
                if let lost {
                    inNew.append(Diagnostic(
                        .implementationNarrowed,
                        "implementation '\(implementation)' now recognises '\(name)' of model '\(model)' "
                            + "but no longer supports \(lost), which it supported by not knowing '\(name)'",
                        at: now.location, model: model, parameter: name))
                }
            case (_, let now?):
                if let lost {
                    inNew.append(Diagnostic(
                        .implementationNarrowed,
                        "implementation '\(implementation)' no longer supports \(lost) for '\(name)' of model '\(model)'",
                        at: now.location, model: model, parameter: name))
                }
                if let gained {
                    inNew.append(Diagnostic(
                        .implementationWidened,
                        "implementation '\(implementation)' now also supports \(gained) for '\(name)' of model '\(model)'",
                        at: now.location, model: model, parameter: name))
                }
            case (nil, nil):
                break
            }
        }
        // Recognised parameters the new model lacks are parameter-removed's business.
    }
}

/// The expansions of every version of a model before and after, as rows of one ``ValueTree``
/// over the new model's parameters: each version costs what its `set` changes, and comparing
/// a version's two expansions costs the differences, never the parameters.
private struct VersionExpansions {
    let before: DeviceModel
    let after: DeviceModel
    private var tree: ValueTree<ParameterValue?>
    /// By version name: the expansion's row, for each version that expands (no parameter without a value).
    private var was: [String: ValueTree<ParameterValue?>.Node] = [:]
    private var now: [String: ValueTree<ParameterValue?>.Node] = [:]

    init(_ before: DeviceModel, _ after: DeviceModel) {
        self.before = before
        self.after = after
        tree = ValueTree(width: after.parameters.count)
        // A parameter the old model lacked counts as at its new default there; one the new model lacks is not compared.
        let moved = before.parameters.map { after.parameterPosition(named: $0.name) }
        var old = after.parameters.map(\.defaultValue)
        for (position, parameter) in before.parameters.enumerated() {
            if let to = moved[position] { old[to] = parameter.defaultValue }
        }
        was = Self.rows(of: before, from: before.parameters.map(\.defaultValue), start: old, at: moved, in: &tree)
        let defaults = after.parameters.map(\.defaultValue)
        now = Self.rows(of: after, from: defaults, start: defaults, at: Array(after.parameters.indices), in: &tree)
    }

    /// The row of each version of `model` that expands, its values placed at `positions` of the tree.
    private static func rows(
        of model: DeviceModel, from defaults: [ParameterValue?], start: [ParameterValue?], at positions: [Int?],
        in tree: inout ValueTree<ParameterValue?>
    ) -> [String: ValueTree<ParameterValue?>.Node] {
        var row = tree.row(start)
        var missing = defaults.count { $0 == nil }
        var rows: [String: ValueTree<ParameterValue?>.Node] = [:]
        model.walkVersions(from: defaults) { position, from, to, _ in
            missing += (to == nil ? 1 : 0) - (from == nil ? 1 : 0)
            if let placed = positions[position] { row = tree.replacing(placed, with: to, in: row) }
        } visit: { version in
            if missing == 0 { rows[model.versions[version].name] = row }
        }
        return rows
    }

    /// `'name' old → new` for each parameter whose value in the version's
    /// expansion changed, in the new model's parameter order.
    ///
    /// A parameter the old model lacked counts as at its default there (an
    /// implementation that predates it behaves so); one the new model lacks,
    /// or one added without a default, is left to `parameter-removed` and
    /// `parameter-added-without-default`.
    func changes(of version: String) -> [(name: String, old: ParameterValue, new: ParameterValue, text: String)] {
        // Both registries are valid, so both expansions exist.
        guard let old = was[version], let new = now[version] else { return [] }
        var changes: [(name: String, old: ParameterValue, new: ParameterValue, text: String)] = []
        for position in tree.differences(old, new) {
            let parameter = after.parameters[position]
            guard let value = tree.value(at: position, in: new) else { continue }
            if before.parameter(named: parameter.name) != nil, let previous = tree.value(at: position, in: old) {
                changes.append((parameter.name, previous, value, "'\(parameter.name)' \(previous.quoted) → \(value.quoted)"))
            } else if before.parameter(named: parameter.name) == nil, let defaultValue = parameter.defaultValue {
                changes.append((parameter.name, defaultValue, value,
                                "'\(parameter.name)' (new, at its default) \(defaultValue.quoted) → \(value.quoted)"))
            }
        }
        return changes
    }
}
