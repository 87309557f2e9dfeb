/// Types an implementation's `allowed` lists against the models they narrow,
/// and applies the rules that relate an implementation to the registry's models.
enum ImplementationLinker {
    /// - Parameters:
    ///   - brokenParameters: by model id, parameters whose definition had
    ///     errors: an implementation that omits one is not told again.
    ///   - passingOverUnknownModels: the registry was read in part: an entry of a model not read is left out.
    ///   - keepingSupports: false for findings alone: the entries are checked and the implementation
    ///     returned supports no model, its tables never built.
    static func link(
        _ draft: ImplementationDraft, models: Registry, brokenParameters: [String: Set<String>],
        passingOverUnknownModels: Bool = false, keepingSupports: Bool = true, reader: inout SchemaReader
    ) -> Implementation {
        var linker = Linker(draft: draft, brokenParameters: brokenParameters, keepsTables: keepingSupports)
        var supports: [Linker.Support] = []
        for entry in draft.models {
            reader.model = entry.model
            defer { reader.model = nil }
            guard let model = models.model(entry.model) else {
                if passingOverUnknownModels { continue }
                reader.report(Diagnostic(
                    .unknownModel,
                    "implementation '\(draft.id)' names model '\(entry.model.truncatedForMessage)', which the registry lacks"
                        + reader.hint(for: entry.model, among: models.models.map(\.id)),
                    at: entry.location))
                continue
            }
            let support = linker.support(entry, of: model, reader: &reader)
            if keepingSupports { supports.append(support) }
        }
        // The tables are built only for supports kept: linking for findings alone leaves scratch behind.
        var models: [Implementation.ModelSupport] = []
        if !supports.isEmpty {
            let tables = Implementation.ModelSupport.Tables(
                entries: linker.entries, slots: linker.slots.trimmed(), slotDomains: linker.slotDomains.trimmed(),
                domains: linker.domainTable)
            models = supports.map { support in
                Implementation.ModelSupport(
                    of: support.model, tables: tables, entries: support.entries, firstSlot: support.firstSlot,
                    location: support.location)
            }
        }
        return Implementation(
            id: draft.id, description: draft.description, models: models, machines: draft.machines.map(\.id),
            machineLocations: draft.machines.map(\.location), location: draft.location)
    }
}

/// Links the entries of one draft, model by model.
private struct Linker {
    /// A model's support, as its place in the tables the implementation's supports will share.
    struct Support {
        var model: DeviceModel
        var entries: Range<Int>
        var firstSlot: Int
        var location: SourceLocation
    }

    let draft: ImplementationDraft
    let brokenParameters: [String: Set<String>]
    /// false: the entries are checked, and each support's slots are scratch, reused by the next;
    /// no entry or domain is stored.
    let keepsTables: Bool
    /// The tables of ``Implementation/ModelSupport/Tables``, as they are filled.
    private(set) var entries: [Implementation.ModelSupport.Entry] = []
    private(set) var slots: [Int32] = []
    private(set) var slotDomains: [Int32] = []
    private(set) var domainTable: [Domain] = []
    /// Where each domain of the draft's `allowed` lists is in ``domainTable``: most lists repeat, and each domain is stored once.
    private var domains: [Domain: Int32] = [:]
    /// The same, for lists of one range, by the range.
    private var ranges: [ClosedRange<Int64>: Int32] = [:]

    init(draft: ImplementationDraft, brokenParameters: [String: Set<String>], keepsTables: Bool) {
        self.draft = draft
        self.brokenParameters = brokenParameters
        self.keepsTables = keepsTables
        if keepsTables { entries.reserveCapacity(draft.parameters.count) }
    }

    mutating func support(
        _ entry: ImplementationDraft.ModelEntry, of model: DeviceModel, reader: inout SchemaReader
    ) -> Support {
        let first = entries.count
        // Not hashed when there is none, the usual case.
        let broken = brokenParameters.isEmpty ? nil : brokenParameters[model.id]
        // The support's slots, one a parameter position, filled as its entries are read.
        if !keepsTables { slots.removeAll(keepingCapacity: true) }
        let firstSlot = slots.count
        slots.append(contentsOf: repeatElement(-1, count: model.parameters.count))
        if keepsTables {
            slotDomains.append(contentsOf: repeatElement(Implementation.ModelSupport.Tables.unrecognised, count: model.parameters.count))
        }
        // Entries are usually written in the model's order: the next position is tried before the index.
        var guess = 0
        // Recognised, but with an `allowed` list none of whose items could be used (reported there):
        // marked -2 in its slot until the required parameters are checked.
        var unusable: [Int] = []
        for parameterEntry in draft.parameters[entry.parameters] {
            let name = draft.name(of: parameterEntry)
            let position: Int
            if guess < model.parameters.count && model.parameters[guess].name == name {
                position = guess
            } else if guess + 1 < model.parameters.count && model.parameters[guess + 1].name == name {
                position = guess + 1  // an implementation that predates the parameter at `guess`
            } else if let found = model.parameterPosition(named: name) {
                position = found
            } else {
                // A parameter whose own definition could not be read was reported there.
                if broken?.contains(name) != true {
                    reader.parameter = name
                    reader.report(Diagnostic(
                        .unknownParameter,
                        "implementation '\(draft.id)' names parameter '\(name.truncatedForMessage)', which model '\(model.id)' does not have"
                            + reader.hint(for: name, among: model.parameters.map(\.name)),
                        at: draft.location(of: parameterEntry)))
                    reader.parameter = nil
                }
                continue
            }
            guess = position + 1
            var domain = Implementation.ModelSupport.Tables.wholeDomain
            if parameterEntry.allowed >= 0 {
                reader.parameter = name
                defer { reader.parameter = nil }
                let list = draft.allowedLists[Int(parameterEntry.allowed)]
                guard let allowed = rangeDomain(list, of: model, at: position, reader: &reader)
                    ?? self.allowed(list, of: model, at: position, reader: &reader)
                else {
                    unusable.append(position)
                    slots[firstSlot + position] = -2
                    continue
                }
                domain = allowed
            }
            slots[firstSlot + position] = Int32(entries.count)
            guard keepsTables else { continue }
            slotDomains[firstSlot + position] = domain
            entries.append(Implementation.ModelSupport.Entry(
                position: Int32(position), line: parameterEntry.line, column: parameterEntry.column))
        }
        // A parameter is copied (each of its fields retained) only when it is reported.
        for position in model.requiredPositions where slots[firstSlot + position] == -1 {
            let parameter = model.parameters[position]
            guard broken?.contains(parameter.name) != true else { continue }
            reader.report(Diagnostic(
                .missingRequiredParameter,
                "implementation '\(draft.id)' omits '\(parameter.name)' of model '\(model.id)', which has no default",
                at: entry.location, parameter: parameter.name))
        }
        for position in unusable { slots[firstSlot + position] = -1 }
        return Support(model: model, entries: first..<entries.count, firstSlot: firstSlot, location: entry.location)
    }

    /// The domain of a list of one range inside the parameter's domain, the usual list, as its index in
    /// ``domainTable`` (``Implementation/ModelSupport/Tables/wholeDomain`` when no table is kept); nil for
    /// another list. Typed without a detour through items, and the parameter read in place.
    private mutating func rangeDomain(
        _ list: ImplementationDraft.AllowedList, of model: DeviceModel, at position: Int, reader: inout SchemaReader
    ) -> Int32? {
        guard list.count == 1, model.parameters[position].type == .int,
            case .range(let range, _) = draft.allowedItems[Int(list.first)], model.parameters[position].allowed.covers(range)
        else { return nil }
        Self.checkDefault(
            of: model, at: position, allowedBy: { if case .int(let value) = $0 { range.contains(value) } else { false } },
            implementation: draft.id, at: draft.location.moved(line: list.line, column: list.column), reader: &reader)
        guard keepsTables else { return Implementation.ModelSupport.Tables.wholeDomain }
        if let known = ranges[range] { return known }
        let domain = stored(Domain([.range(range)]))
        ranges[range] = domain
        return domain
    }

    /// The domain an `allowed` list gives a parameter, as its index in ``domainTable``, or nil when none of
    /// its items can be used.
    private mutating func allowed(
        _ list: ImplementationDraft.AllowedList, of model: DeviceModel, at position: Int, reader: inout SchemaReader
    ) -> Int32? {
        let parameter = model.parameters[position]
        let implementation = draft.id
        let what = { "parameter '\(parameter.name)' in implementation '\(implementation)'" }
        let items: [SchemaReader.AllowedItem]?
        if list.count < 0 {
            items = reader.allowedItems(YAMLNode(draft.unread, Int(list.first)), type: parameter.type, for: what())
        } else {
            let raw = draft.allowedItems[Int(list.first)..<Int(list.first + list.count)]
            items = reader.allowedItems(raw, in: draft.unread, type: parameter.type, for: what())
        }
        var kept: [DomainItem] = []
        for item in items ?? [] {
            let inside: Bool
            switch item.item {
            case .value(let value): inside = parameter.accepts(value)
            case .range(let range): inside = parameter.allowed.covers(range)
            }
            if inside {
                kept.append(item.item)
            } else {
                reader.report(Diagnostic(
                    .allowedOutsideDomain,
                    "implementation '\(implementation)' allows \(item.item) for '\(parameter.name)', outside the model's domain \(parameter.domainDescription)",
                    at: item.location))
            }
        }
        guard !kept.isEmpty else { return nil }
        let domain = Domain(kept)
        Self.checkDefault(
            of: model, at: position, allowedBy: domain.contains, implementation: draft.id,
            at: draft.location.moved(line: list.line, column: list.column), reader: &reader)
        return keepsTables ? stored(domain) : Implementation.ModelSupport.Tables.wholeDomain
    }

    /// Reports an implementation's domain (its list, at `location`) that leaves out the parameter's default.
    /// (Static: a method of `self` called from a mutating one copies the whole linker.)
    private static func checkDefault(
        of model: DeviceModel, at position: Int, allowedBy allows: (ParameterValue) -> Bool, implementation: String,
        at location: SourceLocation, reader: inout SchemaReader
    ) {
        if let defaultValue = model.parameters[position].defaultValue, !allows(defaultValue) {
            reader.report(Diagnostic(
                .defaultUnsupported,
                "implementation '\(implementation)' does not allow '\(model.parameters[position].name)' at its default \(defaultValue.quoted), "
                    + "so it cannot take devices from releases that predate the parameter",
                at: location))
        }
    }

    /// Where `domain` is in ``domainTable``, stored there when new.
    private mutating func stored(_ domain: Domain) -> Int32 {
        if let known = domains[domain] { return known }
        let index = Int32(domainTable.count)
        domainTable.append(domain)
        domains[domain] = index
        return index
    }
}
