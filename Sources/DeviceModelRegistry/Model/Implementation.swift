/// A released piece of software that can instantiate some models (SPEC 2.6).
///
/// A class: destinations and checks hand implementations around by the million.
public final class Implementation: Sendable {
    /// What an implementation does with one model.
    ///
    /// A class: the check looks one up for every device and destination, and a
    /// reference is cheaper to hand around than the tables it holds.
    public final class ModelSupport: Sendable {
        /// A parameter the implementation recognises, and the values it supports.
        ///
        /// (An entry's `description` is validated and not kept: the registry holds
        /// hundreds of thousands of these, and nothing reads it.)
        public struct ParameterSupport: Sendable, Hashable {
            public var name: String
            /// The implementation's `allowed`, narrowing the model's domain; unrestricted when absent.
            public var allowed: Domain
            /// Where the parameter's name is written.
            public var location: SourceLocation

            public init(name: String, allowed: Domain = .unrestricted, location: SourceLocation) {
                self.name = name
                self.allowed = allowed
                self.location = location
            }
        }

        /// A recognised parameter as stored: the registry holds hundreds of thousands. (Its domain
        /// is kept by position, in ``Tables/slotDomains``.)
        struct Entry {
            /// The parameter's position in the model.
            var position: Int32
            var line: UInt32
            var column: UInt32
        }

        public let model: String
        /// Where the model id is written.
        public let location: SourceLocation
        private let definition: DeviceModel
        /// Where this support's entries, slots and domains are kept, with those of the implementation's other models.
        private let tables: Tables
        /// This support's entries in ``Tables/entries``, in the order written.
        private let entryRange: Range<Int32>
        /// Where this support's slots start in ``Tables/slots``: for each of the model's parameter
        /// positions, the index of its entry in ``Tables/entries``, or -1.
        private let firstSlot: Int32

        /// The storage of one implementation's supports, shared by them: a support is a few numbers,
        /// not three arrays of its own (a registry holds tens of thousands of supports).
        final class Tables: Sendable {
            let entries: [Entry]
            /// For each support, for each of its model's parameter positions, the index of its entry, or -1.
            let slots: [Int32]
            /// For each slot, the domain of its entry: an index in ``domains``, ``wholeDomain``, or
            /// ``unrecognised``. The check reads this alone, a parameter at a time: the answer is
            /// one load from a table of the support's own, not two from tables of the whole implementation.
            let slotDomains: [Int32]
            /// The `allowed` domains of the entries that have one, each stored once.
            let domains: [Domain]

            static let wholeDomain: Int32 = -1
            static let unrecognised = Int32.min

            init(entries: [Entry], slots: [Int32], slotDomains: [Int32], domains: [Domain]) {
                self.entries = entries
                self.slots = slots
                self.slotDomains = slotDomains
                self.domains = domains
            }

            /// The domain at `slot` (one that is recognised), nil for the model's whole domain.
            func domain(at slot: Int) -> Domain? {
                let domain = slotDomains[slot]
                return domain < 0 ? nil : domains[Int(domain)]
            }
        }

        /// - Parameters:
        ///   - entries: the support's entries in `tables`: positions in `model`, each once; their
        ///     locations in the file of `location`.
        ///   - firstSlot: where its slots start in `tables`.
        init(of model: DeviceModel, tables: Tables, entries: Range<Int>, firstSlot: Int, location: SourceLocation) {
            self.model = model.id
            self.location = location
            definition = model
            self.tables = tables
            entryRange = Int32(entries.lowerBound)..<Int32(entries.upperBound)
            self.firstSlot = Int32(firstSlot)
        }

        /// The recognised parameters, in the order written.
        public var parameters: [ParameterSupport] {
            tables.entries[Int(entryRange.lowerBound)..<Int(entryRange.upperBound)].map(support)
        }

        private func support(_ entry: Entry) -> ParameterSupport {
            ParameterSupport(
                name: definition.parameters[Int(entry.position)].name,
                allowed: tables.domain(at: Int(firstSlot + entry.position)) ?? .unrestricted,
                location: location.moved(line: entry.line, column: entry.column))
        }

        /// Whether the parameter at `position` of `model` is recognised, and `value` among its allowed values.
        ///
        /// - Returns: nil when the parameter is not recognised. The fast path of the check:
        ///   no copy, no hashing when `model` is the one this support was built against.
        public func allows(_ value: ParameterValue, at position: Int, of model: DeviceModel) -> Bool? {
            let domain: Int32
            if model === definition {
                domain = tables.slotDomains[Int(firstSlot) + position]
            } else {
                guard let own = definition.parameterPosition(named: model.parameters[position].name) else { return nil }
                domain = tables.slotDomains[Int(firstSlot) + own]
            }
            guard domain != Tables.unrecognised else { return nil }
            // Read in place: a copy of the domain out of the array would retain its storage.
            return domain == Tables.wholeDomain || tables.domains.withUnsafeBufferPointer { $0[Int(domain)].contains(value) }
        }

        /// Whether every value of a domain item is one this support takes for the parameter: of the
        /// parameter's type and domain, and allowed by the implementation (only the default when it does
        /// not recognise the parameter). A range is compared with the domains' intervals, never value by value.
        public func supports(_ item: DomainItem, of parameter: Parameter, in model: DeviceModel) -> Bool {
            let recognised = self.parameter(named: parameter.name)
            switch item {
            case .value(let value):
                guard parameter.accepts(value) else { return false }
                guard let recognised else { return value == parameter.defaultValue }
                return recognised.allowed.contains(value)
            case .range(let range):
                guard parameter.type == .int else { return false }
                guard let recognised else {
                    return range.lowerBound == range.upperBound && parameter.defaultValue == .int(range.lowerBound)
                }
                return parameter.allowed.covers(range) && recognised.allowed.covers(range)
            }
        }

        /// The parameter's support, or nil when the implementation does not recognise it.
        public func parameter(named name: String) -> ParameterSupport? {
            guard let position = definition.parameterPosition(named: name) else { return nil }
            let slot = tables.slots[Int(firstSlot) + position]
            return slot < 0 ? nil : support(tables.entries[Int(slot)])
        }
    }

    public let id: String
    public let description: String?
    /// In the order written.
    public let models: [ModelSupport]
    /// The machines it provides (SPEC 10.1), in the order written: only these, not those they extend.
    public let machines: [String]
    /// Where each of ``machines`` is written.
    public let machineLocations: [SourceLocation]
    /// Where the implementation id is written.
    public let location: SourceLocation
    private let index: [String: Int]

    public init(
        id: String, description: String? = nil, models: [ModelSupport], machines: [String] = [],
        machineLocations: [SourceLocation] = [], location: SourceLocation
    ) {
        self.id = id
        self.description = description
        self.models = models
        self.machines = machines
        self.machineLocations = machineLocations.count == machines.count
            ? machineLocations : machines.map { _ in location }
        self.location = location
        index = Dictionary(models.enumerated().map { ($1.model, $0) }, uniquingKeysWith: { first, _ in first })
    }

    /// Whether the implementation provides the machine.
    public func provides(machine: String) -> Bool {
        machines.contains(machine)
    }

    /// What the implementation does with `model`, or nil when it does not implement it.
    public func support(for model: String) -> ModelSupport? {
        index[model].map { models[$0] }
    }
}
