/// Reads a machine document (SPEC 10.1), reporting every problem of its shape.
///
/// What needs the rest of the registry (the models and versions it names, the
/// machine it extends) is checked once every file is read: ``MachineRules``.
enum MachineDecoder {
    static let keys = ["machine", "description", "extends", "versions"]

    static func decode(_ fields: SchemaReader.Fields, reader: inout SchemaReader) -> Machine? {
        guard let idNode = fields["machine"]?.value, let id = reader.id(idNode, for: "machine id") else { return nil }
        let what = "machine '\(id)'"
        let description = fields["description"].flatMap { reader.text($0.value, for: "'description' of \(what)") }
        let extendsNode = fields["extends"]?.value
        let extends = extendsNode.flatMap { reader.id($0, for: "'extends' of \(what)") }
        var entries: [Machine.Entry] = []
        for (model, pair) in fields["versions"].flatMap({ reader.mapping($0.value, for: "'versions' of \(what)") }) ?? [] {
            reader.checkID(model, at: pair.key.location, for: "model id")
            guard let version = reader.name(pair.value, for: "version of model '\(model)' in \(what)") else { continue }
            entries.append(Machine.Entry(
                model: model, version: version, location: pair.key.location, versionLocation: pair.value.location))
        }
        return Machine(
            id: id, description: description, extends: extends, extendsLocation: extendsNode?.location, entries: entries,
            location: idNode.location)
    }
}
