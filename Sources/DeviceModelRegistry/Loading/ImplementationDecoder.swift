/// An implementation document as written: its `allowed` lists stay YAML until
/// the models they narrow are known.
///
/// Kept small: a draft holds an entry for every parameter of every model an
/// implementation supports until the models are known, and most entries are
/// a bare `name: {}`, so the `allowed` lists that only some have live beside them.
struct ImplementationDraft {
    struct ModelEntry {
        var model: String
        var location: SourceLocation
        var parameters: [ParameterEntry]
        /// The `allowed` of the entries that have one.
        var details: [Detail]

        func detail(of entry: ParameterEntry) -> Detail? {
            entry.detail < 0 ? nil : details[Int(entry.detail)]
        }
    }

    struct ParameterEntry {
        var name: String
        var location: SourceLocation
        /// Index in `details`, or -1.
        var detail: Int32
    }

    struct Detail {
        var allowed: YAMLNode
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
            var details: [ImplementationDraft.Detail] = []
            let parametersWhat = { "'parameters' of model '\(model)' of \(what())" }
            let pairs = entry["parameters"].flatMap({ reader.mapping($0.value, for: parametersWhat()) }) ?? []
            parameters.reserveCapacity(pairs.count)
            for (name, parameterPair) in pairs {
                reader.parameter = name
                defer { reader.parameter = nil }
                guard let parameterFields = reader.fields(
                    parameterPair.value, of: "parameter '\(name.truncatedForMessage)' of \(what())", known: parameterKeys)
                else { continue }
                var detail: Int32 = -1
                if let allowed = parameterFields["allowed"]?.value {
                    detail = Int32(details.count)
                    details.append(ImplementationDraft.Detail(allowed: allowed))
                }
                if let description = parameterFields["description"] {
                    _ = reader.text(description.value, for: "'description' of parameter '\(name)'")
                }
                parameters.append(ImplementationDraft.ParameterEntry(name: name, location: parameterPair.key.location, detail: detail))
            }
            models.append(ImplementationDraft.ModelEntry(
                model: model, location: pair.key.location, parameters: parameters, details: details))
        }
        return ImplementationDraft(id: id, description: description, location: idNode.location, models: models)
    }
}
