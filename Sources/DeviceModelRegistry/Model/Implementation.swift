/// A released piece of software that can instantiate some models (SPEC 2.6).
public struct Implementation: Sendable {
    /// What an implementation does with one model.
    ///
    /// A class: the check looks one up for every device and destination, and a
    /// reference is cheaper to hand around than the tables it holds.
    public final class ModelSupport: Sendable {
        /// A parameter the implementation recognises, and the values it supports.
        public struct ParameterSupport: Sendable, Hashable {
            public var name: String
            /// The implementation's `allowed`, narrowing the model's domain; unrestricted when absent.
            public var allowed: Domain
            /// Where the parameter's name is written.
            public var location: SourceLocation

            /// (An entry's `description` is validated and not kept: the registry holds
            /// hundreds of thousands of these, and nothing reads it.)
            public init(name: String, allowed: Domain = .unrestricted, location: SourceLocation) {
                self.name = name
                self.allowed = allowed
                self.location = location
            }
        }

        public let model: String
        /// In the order written.
        public let parameters: [ParameterSupport]
        /// Where the model id is written.
        public let location: SourceLocation
        /// Parameter name → a position in `names`' order (the model's, when built against it).
        private let names: [String: Int]
        /// For each position of `names`, the index in `parameters`, or -1: a small array
        /// instead of a dictionary per model an implementation supports.
        private let slots: [Int32]
        /// Whether `slots` follow the model's parameter order (built by ``init(of:parameters:positions:location:)``).
        private let alignedWithModel: Bool
        /// By the model's parameter position, the allowed values of a recognised parameter (when aligned).
        private let domains: [Domain?]

        public init(model: String, parameters: [ParameterSupport], location: SourceLocation) {
            self.model = model
            self.parameters = parameters
            self.location = location
            names = Dictionary(parameters.enumerated().map { ($1.name, $0) }, uniquingKeysWith: { first, _ in first })
            slots = parameters.indices.map { Int32($0) }
            alignedWithModel = false
            domains = []
        }

        /// Support for a model, sharing the model's own name index.
        ///
        /// - Parameter positions: each parameter's position in the model.
        init(of model: DeviceModel, parameters: [ParameterSupport], positions: [Int], location: SourceLocation) {
            self.model = model.id
            self.parameters = parameters
            self.location = location
            names = model.parameterIndex
            var slots = [Int32](repeating: -1, count: model.parameters.count)
            for (index, position) in positions.enumerated() where slots[position] < 0 {
                slots[position] = Int32(index)
            }
            self.slots = slots
            alignedWithModel = true
            domains = slots.map { $0 < 0 ? nil : parameters[Int($0)].allowed }
        }

        /// Whether the parameter at `position` of `model` is recognised, and `value` among its allowed values.
        ///
        /// - Returns: nil when the parameter is not recognised. The fast path of the check:
        ///   no copy, no hashing when this support was built against `model`.
        public func allows(_ value: ParameterValue, at position: Int, of model: DeviceModel) -> Bool? {
            if alignedWithModel && domains.count == model.parameters.count {
                return domains[position]?.contains(value)
            }
            guard let named = names[model.parameters[position].name] else { return nil }
            let slot = slots[named]
            return slot < 0 ? nil : parameters[Int(slot)].allowed.contains(value)
        }

        /// The parameter's support, or nil when the implementation does not recognise it.
        public func parameter(named name: String) -> ParameterSupport? {
            guard let position = names[name] else { return nil }
            let slot = slots[position]
            return slot < 0 ? nil : parameters[Int(slot)]
        }
    }

    public var id: String
    public var description: String?
    /// In the order written.
    public let models: [ModelSupport]
    /// Where the implementation id is written.
    public var location: SourceLocation
    private let index: [String: Int]

    public init(id: String, description: String? = nil, models: [ModelSupport], location: SourceLocation) {
        self.id = id
        self.description = description
        self.models = models
        self.location = location
        index = Dictionary(models.enumerated().map { ($1.model, $0) }, uniquingKeysWith: { first, _ in first })
    }

    /// What the implementation does with `model`, or nil when it does not implement it.
    public func support(for model: String) -> ModelSupport? {
        index[model].map { models[$0] }
    }
}
