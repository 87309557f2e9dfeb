internal import CLibYAML

/// Reads a model document (SPEC 2.5) straight from libyaml's events, with no tree: models
/// are most of a registry's documents, and the tree and the schema's reading of it cost
/// more than parsing them.
///
/// It reads only what ``ModelDecoder`` would read without a finding. At the first thing the
/// tree's reading would report (a key it does not know, a value of the wrong type, a
/// duplicate, an anchor, a value outside its domain, a syntax error ...) it gives up and
/// returns nil; the file is then read again into the tree, which finds and reports it. A
/// model read here is therefore the one ``ModelDecoder`` gives, and tests hold the two to
/// the same models.
///
/// Values are gathered as written and checked when their mapping ends, in ``ModelDecoder``'s
/// order: a parameter's `default` may come before its `type`, a model's `versions` before
/// its `parameters`.
struct ModelEventReader {
    private let parser: UnsafeMutablePointer<yaml_parser_t>
    private let event: UnsafeMutablePointer<yaml_event_t>
    private let fileID: UInt32
    private let lines: LineMap?
    private let keepingDescriptions: Bool

    /// - Parameters:
    ///   - event: holds the root mapping's `model` key; the reader goes on from the next event
    ///     and stops at the root mapping's end, which it leaves in `event`.
    init(
        parser: UnsafeMutablePointer<yaml_parser_t>, event: UnsafeMutablePointer<yaml_event_t>, fileID: UInt32,
        lines: LineMap?, keepingDescriptions: Bool
    ) {
        self.parser = parser
        self.event = event
        self.fileID = fileID
        self.lines = lines
        self.keepingDescriptions = keepingDescriptions
    }

    /// A scalar as written.
    private struct Scalar {
        var text: String
        var location: SourceLocation
    }

    /// A parameter's entries, as written (a description only when descriptions are kept).
    private struct RawParameter {
        var name: String
        var location: SourceLocation
        var type: ParameterType?
        var defaultValue: String?
        var values: [String]?
        var allowed: [RawItem]?
        var description: String?
        var decidedAtStart: String?
    }

    private enum RawItem {
        case scalar(String)
        case range(ClosedRange<Int64>)
    }

    /// A version's entries, as written.
    private struct RawVersion {
        var name: Scalar?
        var extends: String?
        var settings: [(name: String, value: Scalar)]?
        var description: String?
    }

    /// The model, or nil where the tree's reading is needed (it would report something).
    mutating func read() -> DecodedModel? {
        guard let id = nextValue(), Identifier.isValidID(id.text) else { return nil }
        var description: String?
        var parameters: [RawParameter] = []
        var versions: [RawVersion] = []
        var hostSide: [Scalar] = []
        // `model` again is a duplicate key; `implementation` or `machine` makes the document none of the three.
        let complete = readFields(among: Self.modelKeys, seen: 1) { key in
            switch key {
            case 1:
                guard let text = nextDescription() else { return false }
                description = text
            case 2:
                guard let read = readParameters() else { return false }
                parameters = read
            case 3:
                guard let read = readVersions() else { return false }
                versions = read
            default:
                guard let read = readScalars() else { return false }
                hostSide = read
            }
            return true
        }
        return complete ? model(id: id, description: description, parameters, versions, hostSide) : nil
    }

    /// ``ModelDecoder/keys``, matched as bytes.
    private static let modelKeys: [StaticString] = ["model", "description", "parameters", "versions", "host-side"]

    // MARK: - Events

    /// The next event; false when libyaml found an error (the tree's reading reports it).
    private func next() -> Bool {
        yaml_event_delete(event)
        return yaml_parser_parse(parser, event) == 1
    }

    private var type: yaml_event_type_t { event.pointee.type }
    private var isMappingEnd: Bool { type == YAML_MAPPING_END_EVENT }
    private var isSequenceEnd: Bool { type == YAML_SEQUENCE_END_EVENT }

    /// The event starts a mapping with neither anchor nor tag.
    private var isPlainMappingStart: Bool {
        type == YAML_MAPPING_START_EVENT && event.pointee.data.mapping_start.anchor == nil
            && event.pointee.data.mapping_start.tag == nil
    }

    private var isPlainSequenceStart: Bool {
        type == YAML_SEQUENCE_START_EVENT && event.pointee.data.sequence_start.anchor == nil
            && event.pointee.data.sequence_start.tag == nil
    }

    private var location: SourceLocation {
        let mark = event.pointee.start_mark
        return SourceLocation(fileID: fileID, line: mark.fileLine(lines), column: mark.fileColumn)
    }

    /// The bytes of the event's scalar, when it is one without anchor or tag and not null
    /// (``YAMLNode/isNull``: a plain empty, `~`, `null`, `Null` or `NULL`).
    private var scalarBytes: UnsafeRawBufferPointer? {
        guard type == YAML_SCALAR_EVENT else { return nil }
        let scalar = event.pointee.data.scalar
        guard scalar.anchor == nil, scalar.tag == nil else { return nil }
        let bytes = UnsafeRawBufferPointer(start: scalar.value, count: scalar.value == nil ? 0 : scalar.length)
        return scalar.style == YAML_PLAIN_SCALAR_STYLE && ScalarBytes.isNull(bytes) ? nil : bytes
    }

    private var scalar: Scalar? {
        scalarBytes.map { Scalar(text: String(decoding: $0, as: UTF8.self), location: location) }
    }

    /// The next event, a scalar that is not null.
    private func nextValue() -> Scalar? {
        next() ? scalar : nil
    }

    /// The event's text, when it is a scalar that is not null (where it is written is not asked).
    private var text: String? {
        scalarBytes.map { String(decoding: $0, as: UTF8.self) }
    }

    /// The next event's ``text``.
    private func nextText() -> String? {
        next() ? text : nil
    }

    /// The next event, a description: text that is not null, kept as a string only when descriptions are
    /// (`.some(nil)` when not); nil when it is no text.
    private func nextDescription() -> String?? {
        guard next(), scalarBytes != nil else { return nil }
        return .some(keepingDescriptions ? text : nil)
    }

    /// Whether no two of `items` are equal: compared pair by pair when there are few, hashed when
    /// there are many, so that a list of thousands costs what it holds.
    private static func allDistinct<Item: Hashable>(_ items: [Item]) -> Bool {
        allDistinct(items) { $0 }
    }

    /// Whether no two of `items` have the same `key`, with no array of the keys made.
    private static func allDistinct<Item, Key: Hashable>(_ items: [Item], by key: (Item) -> Key) -> Bool {
        guard items.count > 32 else {
            for later in items.indices {
                for earlier in 0..<later where key(items[earlier]) == key(items[later]) { return false }
            }
            return true
        }
        var seen = Set<Key>(minimumCapacity: items.count)
        return items.allSatisfy { seen.insert(key($0)).inserted }
    }

    /// Which of `keys` the event's scalar is, by position.
    private func keyPosition(among keys: [StaticString]) -> Int? {
        guard let bytes = scalarBytes else { return nil }
        return keys.firstIndex { ScalarBytes.equal(bytes, $0) }
    }

    /// Reads a mapping of fields to its end: each key one of `keys` (by position), each once, those
    /// in `seen` (a bit a position) already read; `field` reads a key's value.
    ///
    /// - Returns: false at any other key, or when `field` is false.
    private func readFields(among keys: [StaticString], seen: UInt8 = 0, _ field: (Int) -> Bool) -> Bool {
        var seen = seen
        while next() {
            if isMappingEnd { return true }
            guard let position = keyPosition(among: keys), seen & 1 << position == 0 else { return false }
            seen |= 1 << position
            guard field(position) else { return false }
        }
        return false
    }

    /// A sequence of scalars that are not null, each with where it is written.
    private func readScalars() -> [Scalar]? {
        readSequence { scalar }
    }

    /// A sequence of scalars that are not null, as text (where each is written is not asked).
    private func readTexts() -> [String]? {
        readSequence { text }
    }

    /// A sequence of items, each read by `item` from its first event; nil when one is nil.
    ///
    /// - Parameter capacity: room made at once: lists are short, and a list grown item by item makes
    ///   a new buffer at one, two, four and eight items.
    private func readSequence<Item>(capacity: Int = 8, _ item: () -> Item?) -> [Item]? {
        guard next(), isPlainSequenceStart else { return nil }
        var items: [Item] = []
        items.reserveCapacity(capacity)
        while next() {
            if isSequenceEnd { return items }
            guard let read = item() else { return nil }
            items.append(read)
        }
        return nil
    }

    // MARK: - Parameters

    private static let parameterKeys: [StaticString] = ["type", "default", "allowed", "values", "description", "decided-at-start"]
    /// The parameter types, and their names matched as bytes.
    private static let types: [ParameterType] = [.bool, .int, .enum, .string]
    private static let typeNames: [StaticString] = ["bool", "int", "enum", "string"]

    private func readParameters() -> [RawParameter]? {
        guard next(), isPlainMappingStart else { return nil }
        var parameters: [RawParameter] = []
        parameters.reserveCapacity(16)
        while next() {
            // A parameter named twice (the tree reader's duplicate key) is found by the model's table of names.
            if isMappingEnd { return parameters }
            // The name is checked as the bytes libyaml gives.
            guard let name = scalarBytes, Identifier.isValidParameterName(name), let key = scalar,
                let parameter = readParameter(key)
            else { return nil }
            parameters.append(parameter)
        }
        return nil
    }

    private func readParameter(_ key: Scalar) -> RawParameter? {
        guard next(), isPlainMappingStart else { return nil }
        var parameter = RawParameter(name: key.text, location: key.location)
        let complete = readFields(among: Self.parameterKeys) { field in
            switch field {
            case 2:
                guard let items = readAllowed() else { return false }
                parameter.allowed = items
            case 3:
                guard let values = readTexts() else { return false }
                parameter.values = values
            case 4:
                guard let text = nextDescription() else { return false }
                parameter.description = text
            case 0:
                // Matched as bytes: a type the tree's reading would not know is its to report.
                guard next(), let type = keyPosition(among: Self.typeNames) else { return false }
                parameter.type = Self.types[type]
            default:
                guard let text = nextText() else { return false }
                if field == 1 { parameter.defaultValue = text } else { parameter.decidedAtStart = text }
            }
            return true
        }
        return complete ? parameter : nil
    }

    private static let rangeKeys: [StaticString] = ["min", "max"]

    /// An `allowed` list of scalars and `{min, max}` ranges of two integers, the smaller first.
    private func readAllowed() -> [RawItem]? {
        readSequence {
            if let text { return .scalar(text) }
            return readRange().map(RawItem.range)
        }
    }

    /// A `{min, max}` range from its mapping's start: two integers, the smaller first.
    private func readRange() -> ClosedRange<Int64>? {
        guard isPlainMappingStart else { return nil }
        var bounds: [Int64?] = [nil, nil]
        while next(), !isMappingEnd {
            guard let bound = keyPosition(among: Self.rangeKeys), bounds[bound] == nil,
                let text = nextText(), let value = IntegerSyntax.parse(text)
            else { return nil }
            bounds[bound] = value
        }
        guard isMappingEnd, let min = bounds[0], let max = bounds[1], min <= max else { return nil }
        return min...max
    }

    // MARK: - Versions

    private static let versionKeys: [StaticString] = ["version", "extends", "set", "description"]

    private func readVersions() -> [RawVersion]? {
        readSequence(capacity: 16) { isPlainMappingStart ? readVersion() : nil }
    }

    private func readVersion() -> RawVersion? {
        var version = RawVersion()
        let complete = readFields(among: Self.versionKeys) { field in
            switch field {
            case 0:
                guard let name = nextValue() else { return false }
                version.name = name
            case 1:
                guard let parent = nextValue() else { return false }
                version.extends = parent.text
            case 2:
                guard let settings = readSettings() else { return false }
                version.settings = settings
            default:
                guard let text = nextDescription() else { return false }
                version.description = text
            }
            return true
        }
        return complete ? version : nil
    }

    /// A version's `set`: parameter names, each once, and values as written.
    private func readSettings() -> [(name: String, value: Scalar)]? {
        guard next(), isPlainMappingStart else { return nil }
        var settings: [(name: String, value: Scalar)] = []
        settings.reserveCapacity(4)
        while next(), !isMappingEnd {
            guard let name = text, let value = nextValue() else { return nil }
            settings.append((name, value))
        }
        return isMappingEnd && Self.allDistinct(settings, by: \.name) ? settings : nil
    }

    // MARK: - The model

    /// The model of the entries read, as ``ModelDecoder`` makes it; nil where it would report something.
    private func model(
        id: Scalar, description: String?, _ rawParameters: [RawParameter], _ rawVersions: [RawVersion], _ rawHostSide: [Scalar]
    ) -> DecodedModel? {
        var shared = ModelDecoder.Shared()
        var parameters: [Parameter] = []
        parameters.reserveCapacity(rawParameters.count)
        for raw in rawParameters {
            guard let parameter = parameter(raw, sharing: &shared) else { return nil }
            parameters.append(parameter)
        }
        let hostSide = rawHostSide.map(\.text)
        guard hostSide.isEmpty
            || hostSide.allSatisfy(Identifier.isValidParameterName) && Self.allDistinct(hostSide + parameters.map(\.name))
        else { return nil }
        // A parameter named twice is the tree reader's duplicate key.
        let parameterIndex = NameTable(parameters.map(\.name))
        guard !parameterIndex.hasRepeats else { return nil }
        var versions: [ModelVersion] = []
        versions.reserveCapacity(rawVersions.count)
        // Each setting's parameter, found once: the model is given them, not to look for them again.
        var settingPositions: [Int] = []
        for raw in rawVersions {
            guard let name = raw.name, Identifier.isValidName(name.text) else { return nil }
            var settings: [ModelVersion.Setting]?
            if let rawSettings = raw.settings {
                var made: [ModelVersion.Setting] = []
                made.reserveCapacity(rawSettings.count)
                for (parameterName, value) in rawSettings {
                    guard let position = parameterIndex.position(of: parameterName, isAt: { parameters[$0].name == parameterName })
                    else { return nil }
                    let parameter = parameters[position]
                    guard let typed = parameter.parse(value.text), parameter.accepts(typed) else { return nil }
                    settingPositions.append(position)
                    made.append(ModelVersion.Setting(parameter: parameterName, value: typed, location: value.location))
                }
                settings = made
            }
            versions.append(ModelVersion(
                name: name.text, extends: raw.extends, settings: settings,
                description: raw.description, location: name.location))
        }
        // A version named twice, or one that extends no earlier version, is the model's table of
        // versions' to find: it leaves such a version out of the walk.
        let model = DeviceModel(
            id: id.text, description: description, parameters: parameters, parameterIndex: parameterIndex,
            versions: versions, hostSide: hostSide, location: id.location, settingPositions: settingPositions)
        guard !model.versionLinks.contains(DeviceModel.notWalked) else { return nil }
        return DecodedModel(model: model, brokenVersions: [], brokenParameters: [])
    }

    /// The parameter of the entries read, made once its values are typed (against its parts, with
    /// ``Parameter/isOf(_:enumValues:enumIndex:_:)``): calls on a parameter already made copied it,
    /// each field retained.
    private func parameter(_ raw: RawParameter, sharing shared: inout ModelDecoder.Shared) -> Parameter? {
        // The name was checked as it was read (readParameters).
        guard let type = raw.type else { return nil }
        var enumValues: [String] = []
        if let values = raw.values {
            guard type == .enum, !values.isEmpty else { return nil }
            // A list met before in the model was checked then: enums of a model often share theirs.
            if let known = shared.knownValues(values) {
                enumValues = known
            } else {
                guard values.allSatisfy(Identifier.isValidName), Self.allDistinct(values) else { return nil }
                enumValues = shared.values(values)
            }
        } else if type == .enum {
            return nil
        }
        let enumIndex = Parameter.index(enumValues)
        func isOfType(_ value: ParameterValue) -> Bool {
            Parameter.isOf(type, enumValues: enumValues, enumIndex: enumIndex, value)
        }
        var allowed = Domain.unrestricted
        if let rawItems = raw.allowed {
            guard !rawItems.isEmpty else { return nil }
            var kept: [DomainItem] = []
            kept.reserveCapacity(rawItems.count)
            for raw in rawItems {
                let item: DomainItem
                switch raw {
                case .scalar(let text):
                    guard let value = type.parse(text), isOfType(value) else { return nil }
                    item = .value(value)
                case .range(let range):
                    guard type == .int else { return nil }
                    item = .range(range)
                }
                kept.append(item)
            }
            guard Self.allDistinct(kept) else { return nil }
            allowed = shared.domain(Domain(kept))
        }
        var defaultValue: ParameterValue?
        if let text = raw.defaultValue {
            guard let value = type.parse(text) else { return nil }
            defaultValue = value
        }
        var decidedAtStart = false
        if let text = raw.decidedAtStart {
            guard case .bool(let flag)? = ParameterType.bool.parse(text) else { return nil }
            decidedAtStart = flag
        }
        // Parameter.accepts, before the parameter is made.
        if let defaultValue, !(isOfType(defaultValue) && allowed.contains(defaultValue)) { return nil }
        return Parameter(
            name: raw.name, type: type, defaultValue: defaultValue, enumValues: enumValues, allowed: allowed,
            description: raw.description, decidedAtStart: decidedAtStart, location: raw.location)
    }
}
