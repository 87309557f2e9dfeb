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

/// Builds a draft's tables from the nodes of its `models`, when the reader did not
/// type them as it read them (``ImplementationEntries/Reader``).
private struct DraftTables {
    var entries = ImplementationEntries()
    var unread: YAMLSubtrees

    init(of document: YAMLNode) {
        unread = YAMLSubtrees(of: document)
    }

    mutating func add(_ name: String, at key: YAMLNode, allowed: YAMLNode?) {
        var name = name
        let nameID = name.withUTF8 { entries.nameID(UnsafeRawBufferPointer($0)) }
        let location = key.location
        var list: Int32 = -1
        if let allowed { list = add(allowed: allowed) }
        entries.parameters.append(ImplementationDraft.ParameterEntry(
            name: nameID, line: UInt32(location.line), column: UInt32(location.column), allowed: list))
    }

    private mutating func add(allowed node: YAMLNode) -> Int32 {
        let location = node.location
        var list = ImplementationDraft.AllowedList(
            line: UInt32(location.line), column: UInt32(location.column), first: Int32(entries.allowedItems.count), count: -1)
        if node.kind == .sequence && !node.items.isEmpty {
            for item in node.items {
                var raw = RawAllowedItem(item)
                if case .node = raw { raw = .node(unread.copy(item)) }
                entries.allowedItems.append(raw)
            }
            list.count = Int32(node.count)
        } else {
            list.first = unread.copy(node)
        }
        entries.allowedLists.append(list)
        return Int32(entries.allowedLists.count - 1)
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
        if fields["models"] == nil {
            reader.report(Diagnostic(.missingKey, "missing key 'models' in \(what())", at: fields.node.location))
        }
        var tables = DraftTables(of: fields.node)
        if let entries = fields["models"]?.value.capturedEntries {
            tables.entries = entries
        } else if let pairs = fields["models"].flatMap({ reader.mapping($0.value, for: "'models' of \(what())") }) {
            decode(pairs, into: &tables, of: what(), reader: &reader)
        }
        let entries = tables.entries
        // Copied to their exact size: drafts wait, all of them, for every file to be read.
        return ImplementationDraft(
            id: id, description: description, location: idNode.location, machines: machines, models: entries.models.trimmed(),
            parameters: entries.parameters.trimmed(), names: entries.names,
            allowedLists: entries.allowedLists.trimmed(), allowedItems: entries.allowedItems.trimmed(),
            unread: tables.unread.tree())
    }

    /// Reads the entries of `models` from their nodes, reporting every problem of their shape.
    private static func decode(
        _ pairs: [(key: String, pair: YAMLPair)], into tables: inout DraftTables, of implementation: String,
        reader: inout SchemaReader
    ) {
        let what = { implementation }
        for (model, pair) in pairs {
            reader.model = model
            defer { reader.model = nil }
            reader.checkID(model, at: pair.key.location, for: "model id")
            guard let entry = reader.fields(pair.value, of: "model '\(model)' of \(what())", known: modelKeys) else { continue }
            let first = tables.entries.parameters.count
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
            tables.entries.models.append(ImplementationDraft.ModelEntry(
                model: model, location: pair.key.location, parameters: first..<tables.entries.parameters.count))
        }
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
