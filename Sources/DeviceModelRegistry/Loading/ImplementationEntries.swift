internal import CLibYAML

/// The `models` of an implementation document, as its draft keeps them: each model's
/// entry, every recognised parameter (16 bytes each), the parameter names once each,
/// and the `allowed` lists as ``RawAllowedItem``s.
///
/// Most of a registry's bytes are these entries. ``Reader`` types them straight from
/// libyaml's events, with no tree; ``ImplementationDecoder`` builds the same tables
/// from nodes when the reader gave up on them.
struct ImplementationEntries: Sendable {
    var models: [ImplementationDraft.ModelEntry] = []
    var parameters: [ImplementationDraft.ParameterEntry] = []
    var names: [String] = []
    var allowedLists: [ImplementationDraft.AllowedList] = []
    var allowedItems: [RawAllowedItem] = []
    private var nameIndex = NameIndex()

    /// The index in ``names`` of the name written as `bytes`, added when new.
    mutating func nameID(_ bytes: UnsafeRawBufferPointer) -> UInt32 {
        let (id, isNew) = nameIndex.id(bytes)
        if isNew { names.append(String(decoding: bytes, as: UTF8.self)) }
        return id
    }
}

/// Names by their UTF-8 bytes: open addressing over ids, the bytes kept in one buffer,
/// so a name read again costs a hash and a compare, and no `String`.
private struct NameIndex: Sendable {
    private var slots = [Int32](repeating: -1, count: 64)
    private var bounds: [Range<UInt32>] = []
    private var bytes: [UInt8] = []

    private let seed = ScalarBytes.hashSeed

    /// The first slot to try for `name`.
    private func firstSlot(of name: UnsafeRawBufferPointer, mask: Int) -> Int {
        ScalarBytes.hash(name, seed: seed) & mask
    }

    mutating func id(_ name: UnsafeRawBufferPointer) -> (id: UInt32, isNew: Bool) {
        let mask = slots.count - 1
        var slot = firstSlot(of: name, mask: mask)
        while slots[slot] >= 0 {
            let range = bounds[Int(slots[slot])]
            let same = range.count == name.count && bytes.withUnsafeBytes { stored in
                ScalarBytes.equal(UnsafeRawBufferPointer(rebasing: stored[Int(range.lowerBound)..<Int(range.upperBound)]), name)
            }
            if same { return (UInt32(slots[slot]), false) }
            slot = (slot + 1) & mask
        }
        let id = UInt32(bounds.count)
        let start = UInt32(bytes.count)
        bytes.append(contentsOf: name)
        bounds.append(start..<UInt32(bytes.count))
        slots[slot] = Int32(id)
        if bounds.count * 2 > slots.count { grow() }
        return (id, true)
    }

    private mutating func grow() {
        slots = [Int32](repeating: -1, count: slots.count * 2)
        let mask = slots.count - 1
        bytes.withUnsafeBytes { stored in
            for (id, range) in bounds.enumerated() {
                var slot = firstSlot(of: UnsafeRawBufferPointer(rebasing: stored[Int(range.lowerBound)..<Int(range.upperBound)]), mask: mask)
                while slots[slot] >= 0 { slot = (slot + 1) & mask }
                slots[slot] = Int32(id)
            }
        }
    }
}

extension ImplementationEntries {
    /// Types an implementation's `models` mapping from libyaml's events, as they come.
    ///
    /// It takes only what is well formed: mappings of model ids (valid, each once) to
    /// `{parameters: {name: {allowed: [...], description: text}}}`, every key once, no
    /// null key or value, no merge key, anchor, tag or alias, and `allowed` lists of non-null scalars
    /// and `{min: A, max: B}` ranges with `A <= B`. On anything else it gives up
    /// (``Step/refused``) and the file is read again as a tree, whose readers say what
    /// is wrong: what this reader takes, they would have taken without a word.
    struct Reader {
        enum Step {
            case more, done, refused
        }

        private enum State {
            case modelKey, entryStart, entryKey, parametersStart, parameterKey, fieldsStart, fieldKey
            case description, allowedStart, allowedItem, rangeKey, rangeValue
        }

        private var entries = ImplementationEntries()
        /// Where the `models` mapping starts.
        let line: UInt32
        let column: UInt32
        private let fileID: UInt32
        private var state = State.modelKey
        /// The model ids read so far, by their bytes: a model named twice is refused.
        private var modelIDs = NameIndex()
        private var model = ""
        private var modelLine: UInt32 = 0
        private var modelColumn: UInt32 = 0
        private var hasParameters = false
        /// For each name, the last model entry that listed it: a name listed twice in one entry is refused.
        private var listedIn: [Int32] = []
        private var parameter = ImplementationDraft.ParameterEntry(name: 0, line: 0, column: 0, allowed: -1)
        private var hasAllowed = false
        private var hasDescription = false
        private var list = ImplementationDraft.AllowedList(line: 0, column: 0, first: 0, count: 0)
        private var range: (min: Int64?, max: Int64?, isMin: Bool, line: UInt32, column: UInt32) = (nil, nil, false, 0, 0)

        init(fileID: UInt32, line: UInt32, column: UInt32) {
            self.fileID = fileID
            self.line = line
            self.column = column
        }

        /// The entries read, once ``handle(_:line:column:)`` said ``Step/done``.
        mutating func take() -> ImplementationEntries {
            defer { entries = ImplementationEntries() }
            return entries
        }

        /// Takes the next event after the `models` mapping's start; `line` and `column` are where it starts in the file.
        /// Inlined into the entries' loop (``TreeBuilder``), which calls it for most of a registry's
        /// events: about 1.5 % of `validate`'s CPU time.
        @inline(__always)
        mutating func handle(_ event: UnsafePointer<yaml_event_t>, line: UInt32, column: UInt32) -> Step {
            switch event.pointee.type {
            case YAML_SCALAR_EVENT:
                let data = event.pointee.data.scalar
                guard data.anchor == nil, data.tag == nil else { return .refused }
                let text = UnsafeRawBufferPointer(start: data.value, count: data.length)
                // No value (a null), nor a merge key: the tree reader reports either.
                guard data.style != YAML_PLAIN_SCALAR_STYLE || !(ScalarBytes.isNull(text) || ScalarBytes.equal(text, "<<")) else {
                    return .refused
                }
                return scalar(text, line: line, column: column) ? .more : .refused
            case YAML_MAPPING_START_EVENT:
                let data = event.pointee.data.mapping_start
                guard data.anchor == nil, data.tag == nil else { return .refused }
                return mappingStart(line: line, column: column) ? .more : .refused
            case YAML_MAPPING_END_EVENT:
                return mappingEnd()
            case YAML_SEQUENCE_START_EVENT:
                let data = event.pointee.data.sequence_start
                guard state == .allowedStart, data.anchor == nil, data.tag == nil else { return .refused }
                list = ImplementationDraft.AllowedList(
                    line: line, column: column, first: Int32(entries.allowedItems.count), count: 0)
                state = .allowedItem
                return .more
            case YAML_SEQUENCE_END_EVENT:
                guard state == .allowedItem, list.count > 0 else { return .refused }
                entries.allowedLists.append(list)
                parameter.allowed = Int32(entries.allowedLists.count - 1)
                state = .fieldKey
                return .more
            default:
                return .refused
            }
        }

        private mutating func scalar(_ text: UnsafeRawBufferPointer, line: UInt32, column: UInt32) -> Bool {
            switch state {
            case .modelKey:
                guard Identifier.isValidID(text), modelIDs.id(text).isNew else { return false }
                model = String(decoding: text, as: UTF8.self)
                (modelLine, modelColumn) = (line, column)
                state = .entryStart
            case .entryKey:
                guard !hasParameters, ScalarBytes.equal(text, "parameters") else { return false }
                hasParameters = true
                state = .parametersStart
            case .parameterKey:
                let name = entries.nameID(text)
                if Int(name) == listedIn.count { listedIn.append(-1) }
                let entry = Int32(entries.models.count)
                guard listedIn[Int(name)] != entry else { return false }
                listedIn[Int(name)] = entry
                parameter = ImplementationDraft.ParameterEntry(name: name, line: line, column: column, allowed: -1)
                state = .fieldsStart
            case .fieldKey:
                if !hasAllowed && ScalarBytes.equal(text, "allowed") {
                    hasAllowed = true
                    state = .allowedStart
                } else if !hasDescription && ScalarBytes.equal(text, "description") {
                    hasDescription = true
                    state = .description
                } else {
                    return false
                }
            case .description:
                state = .fieldKey
            case .allowedItem:
                let location = SourceLocation(fileID: fileID, line: Int(line), column: Int(column))
                entries.allowedItems.append(.scalar(String(decoding: text, as: UTF8.self), location))
                list.count += 1
            case .rangeKey:
                if range.min == nil && ScalarBytes.equal(text, "min") {
                    range.isMin = true
                } else if range.max == nil && ScalarBytes.equal(text, "max") {
                    range.isMin = false
                } else {
                    return false
                }
                state = .rangeValue
            case .rangeValue:
                guard let bound = IntegerSyntax.parse(text) else { return false }
                if range.isMin { range.min = bound } else { range.max = bound }
                state = .rangeKey
            case .entryStart, .parametersStart, .fieldsStart, .allowedStart:
                return false
            }
            return true
        }

        private mutating func mappingStart(line: UInt32, column: UInt32) -> Bool {
            switch state {
            case .entryStart:
                hasParameters = false
                state = .entryKey
            case .parametersStart:
                state = .parameterKey
            case .fieldsStart:
                (hasAllowed, hasDescription) = (false, false)
                state = .fieldKey
            case .allowedItem:
                range = (nil, nil, false, line, column)
                state = .rangeKey
            default:
                return false
            }
            return true
        }

        private mutating func mappingEnd() -> Step {
            switch state {
            case .modelKey:
                return .done
            case .entryKey:
                let first = entries.models.last?.parameters.upperBound ?? 0
                entries.models.append(ImplementationDraft.ModelEntry(
                    model: model, location: SourceLocation(fileID: fileID, line: Int(modelLine), column: Int(modelColumn)),
                    parameters: first..<entries.parameters.count))
                state = .modelKey
            case .parameterKey:
                state = .entryKey
            case .fieldKey:
                entries.parameters.append(parameter)
                state = .parameterKey
            case .rangeKey:
                guard let min = range.min, let max = range.max, min <= max else { return .refused }
                let location = SourceLocation(fileID: fileID, line: Int(range.line), column: Int(range.column))
                entries.allowedItems.append(.range(min...max, location))
                list.count += 1
                state = .allowedItem
            default:
                return .refused
            }
            return .more
        }
    }
}
