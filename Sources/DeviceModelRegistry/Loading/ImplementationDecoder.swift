/// An implementation document as written: its `allowed` lists stay YAML until
/// the models they narrow are known.
struct ImplementationDraft {
    struct ModelEntry {
        var model: String
        var location: SourceLocation
        var parameters: [ParameterEntry]
    }

    struct ParameterEntry {
        var name: String
        var location: SourceLocation
        var allowed: YAMLNode?
        var description: String?
    }

    var id: String
    var description: String?
    var location: SourceLocation
    var models: [ModelEntry]
}

/// Reads an implementation document (SPEC 2.6), reporting every problem of its shape.
enum ImplementationDecoder {
    static let keys = ["implementation", "description", "models"]
    static let modelKeys = ["parameters"]
    static let parameterKeys = ["allowed", "description"]

    static func decode(_ fields: SchemaReader.Fields, reader: inout SchemaReader) -> ImplementationDraft? {
        guard let idNode = fields["implementation"]?.value,
            let id = reader.id(idNode, for: "implementation id")
        else { return nil }
        let what = { "implementation '\(id)'" }
        let description = fields["description"].flatMap { reader.text($0.value, for: "'description' of \(what())") }
        var models: [ImplementationDraft.ModelEntry] = []
        if fields["models"] == nil {
            reader.report(Diagnostic(.missingKey, "missing key 'models' in \(what())", at: fields.node.location))
        }
        for (model, pair) in fields["models"].flatMap({ reader.mapping($0.value, for: "'models' of \(what())") }) ?? [] {
            reader.model = model
            defer { reader.model = nil }
            reader.checkID(model, at: pair.key.location, for: "model id")
            guard let entry = reader.fields(pair.value, of: "model '\(model)' of \(what())", known: modelKeys) else { continue }
            var parameters: [ImplementationDraft.ParameterEntry] = []
            let parametersWhat = { "'parameters' of model '\(model)' of \(what())" }
            for (name, parameterPair) in entry["parameters"].flatMap({ reader.mapping($0.value, for: parametersWhat()) }) ?? [] {
                reader.parameter = name
                defer { reader.parameter = nil }
                guard let parameterFields = reader.fields(
                    parameterPair.value, of: "parameter '\(name.truncatedForMessage)' of \(what())", known: parameterKeys)
                else { continue }
                parameters.append(ImplementationDraft.ParameterEntry(
                    name: name, location: parameterPair.key.location, allowed: parameterFields["allowed"]?.value,
                    description: parameterFields["description"].flatMap {
                        reader.text($0.value, for: "'description' of parameter '\(name)'")
                    }))
            }
            models.append(ImplementationDraft.ModelEntry(model: model, location: pair.key.location, parameters: parameters))
        }
        return ImplementationDraft(id: id, description: description, location: idNode.location, models: models)
    }
}
