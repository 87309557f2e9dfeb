public import ConfigExpansion
public import DeviceModelRegistry

extension JSONValue {
    /// A parameter value as SPEC 8 writes it: a JSON bool, an integer number, or a string.
    public init(_ value: ParameterValue) {
        switch value {
        case .bool(let bool): self = .bool(bool)
        case .int(let int): self = .int(int)
        case .string(let string): self = .string(string)
        }
    }

    /// `{name: {value, from}}`, in the model's order.
    public static func parameters(_ parameters: [ExpandedParameter]) -> JSONValue {
        .object(parameters.map { parameter in
            Member(parameter.name, .object([
                ("value", JSONValue(parameter.value)),
                ("from", .string(parameter.provenance.description)),
            ]))
        })
    }
}
