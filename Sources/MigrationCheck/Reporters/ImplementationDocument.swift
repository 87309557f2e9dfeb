/// An implementation document to print (SPEC 2.6, 10.4), in YAML or JSON.
public struct ImplementationDocument: Sendable {
    public struct Model: Sendable {
        public var id: String
        /// Each recognised parameter, with the values it allows when the binary restricts them.
        public var parameters: [(name: String, allowed: [String]?)]

        public init(id: String, parameters: [(name: String, allowed: [String]?)]) {
            self.id = id
            self.parameters = parameters
        }
    }

    public var id: String
    public var description: String
    public var machines: [String]
    public var models: [Model]

    public init(id: String, description: String, machines: [String], models: [Model]) {
        self.id = id
        self.description = description
        self.machines = machines
        self.models = models
    }

    public func yaml() -> String {
        var output = "implementation: \(VMConfigurationReporter.quoted(id))\n"
        output += "description: \(VMConfigurationReporter.quoted(description))\n"
        if !machines.isEmpty {
            output += "machines:\n" + machines.map { "  - \(VMConfigurationReporter.quoted($0))\n" }.joined()
        }
        output += models.isEmpty ? "models: {}\n" : "models:\n"
        for model in models {
            output += "  \(VMConfigurationReporter.quoted(model.id)):\n"
            if model.parameters.isEmpty { output += "    parameters: {}\n"; continue }
            output += "    parameters:\n"
            for (name, allowed) in model.parameters {
                let entry = allowed.map { "{allowed: [" + $0.map(VMConfigurationReporter.quoted).joined(separator: ", ") + "]}" } ?? "{}"
                output += "      \(VMConfigurationReporter.key(name)): \(entry)\n"
            }
        }
        return output
    }

    public func json() -> JSONValue {
        .object([
            ("implementation", .string(id)),
            ("description", .string(description)),
            ("machines", machines.isEmpty ? nil : .array(machines.map(JSONValue.string))),
            ("models", .object(models.map { model in
                (model.id, .object([("parameters", .object(model.parameters.map { name, allowed in
                    (name, .object([("allowed", allowed.map { .array($0.map(JSONValue.string)) })]))
                }))]))
            })),
        ])
    }
}
