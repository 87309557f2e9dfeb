/// An implementation document as written: its `allowed` lists stay untyped
/// until the models they narrow are known.
///
/// Kept small: a draft holds an entry for every parameter of every model an
/// implementation supports until the models are known. Entries are 16 bytes,
/// parameter names are stored once per draft, and `allowed` lists are kept as
/// ``RawAllowedItem``s, the few that cannot be read that way in a small tree.
struct ImplementationDraft {
    struct ModelEntry {
        var model: String
        var location: SourceLocation
        /// The model's entries in ``ImplementationDraft/parameters``.
        var parameters: Range<Int>
    }

    struct ParameterEntry {
        /// Index in ``ImplementationDraft/names``.
        var name: UInt32
        var line: UInt32
        var column: UInt32
        /// Index in ``ImplementationDraft/allowedLists``, or -1.
        var allowed: Int32
    }

    struct AllowedList {
        var line: UInt32
        var column: UInt32
        /// The items in ``ImplementationDraft/allowedItems``; when `count` is -1, the list
        /// could not be read before its type is known and `first` is its node in `unread`.
        var first: Int32
        var count: Int32
    }

    var id: String
    var description: String?
    var location: SourceLocation
    /// The machine ids of `machines`, with where each is written.
    var machines: [(id: String, location: SourceLocation)]
    var models: [ModelEntry]
    var parameters: [ParameterEntry]
    var names: [String]
    var allowedLists: [AllowedList]
    var allowedItems: [RawAllowedItem]
    /// The `allowed` lists and items kept as nodes.
    var unread: YAMLTree

    func name(of entry: ParameterEntry) -> String { names[Int(entry.name)] }

    func location(of entry: ParameterEntry) -> SourceLocation { location.moved(line: entry.line, column: entry.column) }
}

/// Builds a draft's tables as its document is read.
private struct DraftTables {
    var parameters: [ImplementationDraft.ParameterEntry] = []
    var names: [String] = []
    var nameIndex: [String: UInt32] = [:]
    var allowedLists: [ImplementationDraft.AllowedList] = []
    var allowedItems: [RawAllowedItem] = []
    var unread: YAMLSubtrees

    init(of document: YAMLNode) {
        unread = YAMLSubtrees(of: document)
    }

    mutating func add(_ name: String, at key: YAMLNode, allowed: YAMLNode?) {
        let nameID: UInt32
        if let known = nameIndex[name] {
            nameID = known
        } else {
            nameID = UInt32(names.count)
            names.append(name)
            nameIndex[name] = nameID
        }
        let location = key.location
        var list: Int32 = -1
        if let allowed { list = add(allowed: allowed) }
        parameters.append(ImplementationDraft.ParameterEntry(
            name: nameID, line: UInt32(location.line), column: UInt32(location.column), allowed: list))
    }

    private mutating func add(allowed node: YAMLNode) -> Int32 {
        let location = node.location
        var list = ImplementationDraft.AllowedList(
            line: UInt32(location.line), column: UInt32(location.column), first: Int32(allowedItems.count), count: -1)
        if node.kind == .sequence && !node.items.isEmpty {
            for item in node.items {
                var raw = RawAllowedItem(item)
                if case .node = raw { raw = .node(unread.copy(item)) }
                allowedItems.append(raw)
            }
            list.count = Int32(node.count)
        } else {
            list.first = unread.copy(node)
        }
        allowedLists.append(list)
        return Int32(allowedLists.count - 1)
    }
}

/// Reads an implementation document (SPEC 2.6), reporting every problem of its shape.
enum ImplementationDecoder {
    static let keys = ["implementation", "description", "models", "machines"]
    static let modelKeys = ["parameters"]
    static let parameterKeys = ["allowed", "description"]

    static func decode(_ fields: SchemaReader.Fields, reader: inout SchemaReader) -> ImplementationDraft? {
        guard let idNode = fields["implementation"]?.value,
            let id = reader.id(idNode, for: "implementation id")
        else { return nil }
        let what = { "implementation '\(id)'" }
        let description = fields["description"].flatMap { reader.text($0.value, for: "'description' of \(what())") }
        var machines: [(id: String, location: SourceLocation)] = []
        var seenMachines: [String: SourceLocation] = [:]
        let machineItems = fields["machines"].flatMap { reader.sequence($0.value, for: "'machines' of \(what())") }
        for item in machineItems.map(Array.init) ?? [] {
            guard let machine = reader.id(item, for: "machine id") else { continue }
            if let first = seenMachines[machine] {
                reader.report(Diagnostic(
                    .duplicateKey, "\(what()) lists machine '\(machine)' twice", at: item.location,
                    notes: [Note("first listed here", at: first)]))
                continue
            }
            seenMachines[machine] = item.location
            machines.append((machine, item.location))
        }
        var models: [ImplementationDraft.ModelEntry] = []
        var tables = DraftTables(of: fields.node)
        if fields["models"] == nil {
            reader.report(Diagnostic(.missingKey, "missing key 'models' in \(what())", at: fields.node.location))
        }
        for (model, pair) in fields["models"].flatMap({ reader.mapping($0.value, for: "'models' of \(what())") }) ?? [] {
            reader.model = model
            defer { reader.model = nil }
            reader.checkID(model, at: pair.key.location, for: "model id")
            guard let entry = reader.fields(pair.value, of: "model '\(model)' of \(what())", known: modelKeys) else { continue }
            let first = tables.parameters.count
            let parametersWhat = { "'parameters' of model '\(model)' of \(what())" }
            for (name, parameterPair) in entry["parameters"].flatMap({ reader.mapping($0.value, for: parametersWhat()) }) ?? [] {
                reader.parameter = name
                defer { reader.parameter = nil }
                guard let parameterFields = reader.fields(
                    parameterPair.value, of: "parameter '\(name.truncatedForMessage)' of \(what())", known: parameterKeys)
                else { continue }
                if let description = parameterFields["description"] {
                    _ = reader.text(description.value, for: "'description' of parameter '\(name)'")
                }
                tables.add(name, at: parameterPair.key, allowed: parameterFields["allowed"]?.value)
            }
            models.append(ImplementationDraft.ModelEntry(
                model: model, location: pair.key.location, parameters: first..<tables.parameters.count))
        }
        // Copied to their exact size: drafts wait, all of them, for every file to be read.
        return ImplementationDraft(
            id: id, description: description, location: idNode.location, machines: machines, models: models,
            parameters: tables.parameters.trimmed(), names: tables.names,
            allowedLists: tables.allowedLists.trimmed(), allowedItems: tables.allowedItems.trimmed(),
            unread: tables.unread.tree())
    }
}

extension Array {
    /// A copy without the spare capacity that appending leaves.
    func trimmed() -> [Element] {
        guard capacity > count else { return self }
        return [Element](unsafeUninitializedCapacity: count) { buffer, initialized in
            initialized = buffer.initialize(fromContentsOf: self)
        }
    }
}
