/// An implementation document as written: its `allowed` lists stay YAML until
/// the models they narrow are known.
///
/// Kept small: a draft holds an entry for every parameter of every model an
/// implementation supports until the models are known, and most entries are
/// a bare `name: {}`. The `allowed` lists that only some have are copied out
/// of the file's tree into one small tree of the draft's own.
struct ImplementationDraft {
    struct ModelEntry {
        var model: String
        var location: SourceLocation
        var parameters: [ParameterEntry]
    }

    struct ParameterEntry {
        var name: String
        var location: SourceLocation
        /// Where the entry's `allowed` is in ``ImplementationDraft/allowedLists``, or -1.
        var allowed: Int32
    }

    var id: String
    var description: String?
    var location: SourceLocation
    var models: [ModelEntry]
    let allowedLists: YAMLTree

    func allowed(of entry: ParameterEntry) -> YAMLNode? {
        entry.allowed < 0 ? nil : YAMLNode(allowedLists, Int(entry.allowed))
    }
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
        var allowedLists = YAMLSubtrees(of: fields.node)
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
            let pairs = entry["parameters"].flatMap({ reader.mapping($0.value, for: parametersWhat()) }) ?? []
            parameters.reserveCapacity(pairs.count)
            for (name, parameterPair) in pairs {
                reader.parameter = name
                defer { reader.parameter = nil }
                guard let parameterFields = reader.fields(
                    parameterPair.value, of: "parameter '\(name.truncatedForMessage)' of \(what())", known: parameterKeys)
                else { continue }
                let allowed = parameterFields["allowed"].map { allowedLists.copy($0.value) } ?? -1
                if let description = parameterFields["description"] {
                    _ = reader.text(description.value, for: "'description' of parameter '\(name)'")
                }
                parameters.append(ImplementationDraft.ParameterEntry(name: name, location: parameterPair.key.location, allowed: allowed))
            }
            models.append(ImplementationDraft.ModelEntry(model: model, location: pair.key.location, parameters: parameters))
        }
        return ImplementationDraft(
            id: id, description: description, location: idNode.location, models: models, allowedLists: allowedLists.tree())
    }
}
