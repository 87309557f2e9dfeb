public import DeviceModelRegistry
import ConfigExpansion

/// What `show MODEL` prints: parameters, versions and their expansions, and
/// which implementation supports what.
public struct ModelReport: Sendable {
    public var model: DeviceModel
    /// The implementations of the model, by release number (`4.2 … 9.2, 10.2`).
    public var implementations: [Implementation]

    public init(model: DeviceModel, registry: Registry) {
        self.model = model
        implementations = registry.implementations.filter { $0.support(for: model.id) != nil }
            .sorted { $0.id.compare(naturally: $1.id) }
    }

    /// Each version's expansion (a registry that validates expands every version).
    private var expansions: [(version: ModelVersion, device: ExpandedDevice?)] {
        model.versions.map { ($0, try? Expander.expand(model, version: $0.name)) }
    }

    public func json() -> JSONValue {
        .document([
            ("status", .string(ReportStatus.ok.rawValue)),
            ("model", .string(model.id)),
            ("description", .optional(model.description)),
            ("file", .string(model.location.file)),
            ("line", .int(Int64(model.location.line))),
            ("column", .int(Int64(model.location.column))),
            ("parameters", .array(model.parameters.map(Self.json))),
            ("versions", .array(expansions.map { version, device in
                .object([
                    ("version", .string(version.name)),
                    ("extends", .optional(version.extends)),
                    ("description", .optional(version.description)),
                    ("parameters", device.map { .parameters($0.parameters) }),
                ])
            })),
            ("implementations", .array(implementations.map { implementation in
                let support = implementation.support(for: model.id)!
                return .object([
                    ("implementation", .string(implementation.id)),
                    ("parameters", .object(support.parameters.map { parameter in
                        JSONValue.Member(parameter.name, .object([("allowed", Self.json(parameter.allowed))]))
                    })),
                ])
            })),
        ])
    }

    static func json(_ parameter: Parameter) -> JSONValue {
        .object([
            ("name", .string(parameter.name)),
            ("type", .string(parameter.type.rawValue)),
            ("default", parameter.defaultValue.map(JSONValue.init)),
            ("values", parameter.type == .enum ? .array(parameter.enumValues.map(JSONValue.string)) : nil),
            ("allowed", json(parameter.allowed)),
            ("description", .optional(parameter.description)),
        ])
    }

    /// An `allowed` list as written: values and `{min, max}`; nil when unrestricted.
    static func json(_ domain: Domain) -> JSONValue? {
        domain.items.map { items in
            .array(items.map { item in
                switch item {
                case .value(let value): JSONValue(value)
                case .range(let range): .object([("min", .int(range.lowerBound)), ("max", .int(range.upperBound))])
                }
            })
        }
    }

    public func text(style: TextStyle = .plain) -> String {
        var output = style.bold(model.id.escapingControls()) + (model.description.map { " — \($0)".escapingControls() } ?? "") + "\n"
        output += "defined at \(model.location)\n\nparameters:\n"
        output += Table.render(model.parameters.map { parameter in
            ["  " + parameter.name, parameter.type.rawValue,
             parameter.defaultValue.map { "default \($0.shown(limit: 32))" } ?? "no default", parameter.domainDescription,
             parameter.description ?? ""].map { $0.escapingControls() }
        })
        output += "\nversions (oldest first; what each changes against the version it extends):\n"
        if model.versions.isEmpty { output += "  none\n" }
        let expanded = expansions
        let positions = Dictionary(model.versions.enumerated().map { ($1.name, $0) }, uniquingKeysWith: { first, _ in first })
        output += Table.render(expanded.map { version, device in
            let extends = version.extends.map { "extends \($0)" } ?? ""
            var change = "(does not expand)"
            if let device {
                // Against the parent's expansion, or against the defaults for a root version.
                let parent = version.extends.flatMap { positions[$0] }.flatMap { expanded[$0].device }
                let before: [ParameterValue?] = parent.map { $0.parameters.map { Optional($0.value) } }
                    ?? device.parameters.map { $0.provenance == .default ? $0.value : nil }
                let changed = zip(device.parameters, before).filter { $0.0.value != $0.1 }.map { "\($0.0.name)=\($0.0.value.quoted)" }
                change = changed.isEmpty ? (version.extends.map { "no change: the same device as \($0)" } ?? "all defaults")
                    : "sets " + changed.joined(separator: " ")
            }
            if let description = version.description { change += " — " + description }
            return ["  " + version.name, extends, change].map { $0.escapingControls() }
        })
        output += "\nimplementations (parameters recognised, with their allowed values where narrowed):\n"
        if implementations.isEmpty { output += "  none\n" }
        for implementation in implementations {
            let support = implementation.support(for: model.id)!
            let parameters = support.parameters.map { parameter in
                parameter.allowed.items == nil ? parameter.name : "\(parameter.name) \(parameter.allowed)"
            }
            output += ("  \(implementation.id): " + (parameters.isEmpty ? "none" : parameters.joined(separator: ", "))).escapingControls() + "\n"
        }
        return output
    }
}
