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

    /// SPEC 8 `supported`: `{values: [..], ranges: [{min, max}]}`, `{any: true}` for the whole
    /// domain, or `{only_default: value}`; nothing supported is empty values and ranges.
    public init(_ supported: Supported) {
        switch supported {
        case .domain(let domain):
            guard let items = domain.items else {
                self = .object([("any", .bool(true))])
                return
            }
            var values: [JSONValue] = []
            var ranges: [JSONValue] = []
            for item in items {
                switch item {
                case .value(let value): values.append(JSONValue(value))
                case .range(let range):
                    ranges.append(.object([("min", .int(range.lowerBound)), ("max", .int(range.upperBound))]))
                }
            }
            self = .object([("values", .array(values)), ("ranges", .array(ranges))])
        case .onlyDefault(let value):
            self = .object([("only_default", JSONValue(value))])
        case .nothing:
            self = .object([("values", .array([])), ("ranges", .array([]))])
        }
    }

    /// A finding's `old` or `new`: null, a value, a name, a domain as `supported` writes it,
    /// a list of names, or an object of parameter values.
    public init(_ value: FindingValue) {
        switch value {
        case .none: self = .null
        case .value(let value): self = JSONValue(value)
        case .text(let text): self = .string(text)
        case .domain(let domain): self = JSONValue(Supported.domain(domain))
        case .texts(let texts): self = .array(texts.map(JSONValue.string))
        case .parameters(let named): self = .object(named.map { Member($0.name, JSONValue($0.value)) })
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
