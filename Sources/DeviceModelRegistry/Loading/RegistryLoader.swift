import Dispatch

/// A registry read from a directory, with every problem found in it (SPEC 2.7).
public struct LoadedRegistry: Sendable {
    /// What could be read. Only trust it for checks when ``isValid``.
    public var registry: Registry
    /// Every finding, in file order, then line and column.
    public var diagnostics: [Diagnostic]
    /// The files read, in the order read.
    public var files: [String]
    /// Read in part, for a question (``RegistryLoader/load(directory:focus:above:)``): only what it
    /// names was read and validated.
    public var isPartial = false
    /// What was kept of what was read (``RegistryLoader/load(directory:retaining:)``).
    public var retention = RegistryLoader.Retention.registry

    /// No error-severity finding.
    public var isValid: Bool {
        !diagnostics.contains { $0.severity == .error }
    }
}

/// Loads and validates registries.
///
/// Each file is read, parsed and decoded on its own — on every core, its YAML
/// tree dropped as soon as its documents are typed — then the files are merged
/// in registry order: duplicates are found, and implementations are linked to
/// the models they name.
public enum RegistryLoader {
    /// What a load keeps of what it reads.
    public enum Retention: Sendable {
        /// The whole registry, to answer questions with.
        case registry
        /// What validation reports: every finding, the files, the models and machines, and of each
        /// implementation its id, description, machines and location — not what it supports of
        /// each model, which is linked and dropped as soon as it is read.
        case findings

        /// Model documents are typed from the events (``ModelEventReader``), their descriptions kept for a registry.
        var modelTyping: YAMLReader.ModelTyping {
            .events(keepingDescriptions: self == .registry)
        }
    }

    /// Reads every registry file below `directory` and validates the whole.
    ///
    /// The files are read on every core, in two rounds. The first reads every file but stops
    /// at an implementation's `models` entries; the second reads the files it stopped in, every
    /// model now known, and links each implementation as soon as it is read, so that their
    /// drafts, the bulk of a large registry, are never all held at once. A file that holds
    /// entries and also defines a model is the exception: then every implementation waits for
    /// every file, as ``load(contents:)`` does, and the other files of the second round are
    /// read again for it.
    ///
    /// - Parameter directory: as the user named it; file names in locations start with it.
    /// - Parameter retention: `.findings` for validation alone.
    /// - Throws: ``InputError`` when the directory does not exist or is not a directory.
    ///   Everything else is a diagnostic.
    public static func load(directory: String, retaining retention: Retention = .registry) throws(InputError) -> LoadedRegistry {
        let listing = try RegistryDirectory(directory)
        let budget = SuggestionBudget()
        var decoded = concurrentMap(listing.files) { file in decodeUnlessEntries(file, budget: budget, retention: retention) }
        let waiting = decoded.indices.filter { decoded[$0] == nil }
        if !waiting.isEmpty {
            let base = LinkBase(decoded.lazy.compactMap { $0 }, retention: retention, budget: budget)
            let second = concurrentMap(waiting) { index in
                let file = listing.files[index]
                var decodedFile = decode(file, read(file), focus: nil, budget: budget, retention: retention)
                let linked = decodedFile.link(against: base)
                return (file: decodedFile, linked: linked)
            }
            // A file that defines a model keeps its drafts for the end; if there is one, `base` lacked
            // its models, and the files linked against `base` are read again, to wait as well.
            let complete = second.allSatisfy { $0.linked }
            var again: [Int] = []
            for (index, result) in zip(waiting, consume second) {
                if complete || !result.linked { decoded[index] = result.file } else { again.append(index) }
            }
            let reread = concurrentMap(again) { index in
                decode(listing.files[index], read(listing.files[index]), focus: nil, budget: budget, retention: retention)
            }
            for (index, file) in zip(again, reread) { decoded[index] = file }
        }
        var loaded = finish(decoded.map { $0! }, of: listing, budget: budget, partial: false, retention: retention)
        loaded.retention = retention
        return loaded
    }

    /// The file decoded, or nil when it holds implementation entries (``YAMLReader/readUnlessEntries(_:file:)``).
    ///
    /// Only the file's first ``firstRoundPrefix`` bytes are read at first: where an
    /// implementation's entries start is near the top, and the rest of its file, the bulk of a
    /// large registry, is read in the second round. When the prefix does not stop at entries, it
    /// proves nothing (it may end mid-token), and the whole file is read.
    private static func decodeUnlessEntries(
        _ file: RegistryDirectory.File, budget: SuggestionBudget, retention: Retention
    ) -> DecodedFile? {
        let prefix = Result { () throws(InputError) in
            try FileReader.read(cPath: file.path, name: file.name, upTo: firstRoundPrefix)
        }
        guard case .success(let (start, isWhole)) = prefix else {
            return decode(file, prefix.map(\.bytes), focus: nil, budget: budget)
        }
        if !isWhole {
            guard YAMLReader.readUnlessEntries(start, file: file.name) != nil else { return nil }
        }
        let content = isWhole ? .success(start) : read(file)
        guard case .success(let bytes) = content else { return decode(file, content, focus: nil, budget: budget) }
        return YAMLReader.readUnlessEntries(bytes, file: file.name, models: retention.modelTyping).map {
            DecodedFile($0, budget: budget, retention: retention)
        }
    }

    /// How much of each file the first round reads before it knows whether the file holds entries.
    static let firstRoundPrefix = 64 << 10

    /// A registry larger than this (its files' bytes) is read in part for a question that names what it needs.
    public static let focusThreshold = 4 << 20

    /// Reads what a question needs of a large registry: the documents that name an id of
    /// the focus, and every machine (``FocusedText``); a registry of at most `threshold`
    /// bytes is read and validated whole, as ``load(directory:)`` does.
    ///
    /// A registry read in part (``LoadedRegistry/isPartial``) is validated as far as it
    /// was read; a reference to a model it did not read is passed over, not reported.
    /// Whatever a question then finds wrong (an unknown id, an error in what was read) is
    /// to be asked again of the whole registry, which alone gives the answer and the
    /// message the user is owed.
    public static func load(
        directory: String, focus: RegistryFocus, above threshold: Int = focusThreshold
    ) throws(InputError) -> LoadedRegistry {
        let listing = try RegistryDirectory(directory)
        // Every file is read first: the registry's size decides whether it is read in part.
        let contents = concurrentMap(listing.files, read)
        let total = contents.reduce(0) { sum, content in sum + ((try? content.get())?.count ?? 0) }
        let partial = total > threshold
        let budget = SuggestionBudget()
        let decoded = concurrentMap(Array(zip(listing.files, contents))) { file, content in
            decode(file, content, focus: partial ? focus : nil, budget: budget)
        }
        return finish(consume decoded, of: listing, budget: budget, partial: partial)
    }

    private static func read(_ file: RegistryDirectory.File) -> Result<[UInt8], InputError> {
        Result { () throws(InputError) in try FileReader.read(cPath: file.path, name: file.name) }
    }

    /// The registry of the decoded files, with the walk's problems among its findings, in file order.
    private static func finish(
        _ decoded: consuming [DecodedFile], of listing: RegistryDirectory, budget: SuggestionBudget, partial: Bool,
        retention: Retention = .registry
    ) -> LoadedRegistry {
        var loaded = merge(consume decoded, budget: budget, partial: partial, retention: retention)
        loaded.registry.directory = listing.root
        loaded.isPartial = partial
        loaded.diagnostics = Diagnostic.sorted(
            loaded.diagnostics + listing.problems,
            fileOrder: Dictionary(listing.order.enumerated().map { ($1, $0) }, uniquingKeysWith: { first, _ in first }))
        return loaded
    }

    /// - Parameter focus: read only what it names, when the file's layout allows.
    private static func decode(
        _ file: RegistryDirectory.File, _ content: Result<[UInt8], InputError>, focus: RegistryFocus?, budget: SuggestionBudget,
        retention: Retention = .registry
    ) -> DecodedFile {
        switch content {
        case .success(let bytes):
            if let focus, let part = bytes.withUnsafeBufferPointer({ FocusedText.reduce($0, focus: focus) }) {
                return decoded(part.bytes, file: file.name, lines: part.lines, budget: budget, retention: retention)
            }
            return decoded(bytes, file: file.name, budget: budget, retention: retention)
        case .failure(let error):
            let rule: Rule = error.message.hasPrefix("file is larger") ? .unsupportedYAML : .unreadableFile
            let problem = Diagnostic(rule, error.message, at: .start(of: file.name))
            return DecodedFile(YAMLFile(file: file.name, documents: [], diagnostics: [problem]), budget: budget)
        }
    }

    /// Builds and validates a registry from the bytes of its files, each read as
    /// ``load(directory:)`` reads a file.
    ///
    /// - Parameter files: in registry order; `name` is what locations carry.
    public static func load(contents files: [(name: String, bytes: [UInt8])]) -> LoadedRegistry {
        let budget = SuggestionBudget()
        return merge(files.map { decoded($0.bytes, file: $0.name, budget: budget, retention: .registry) }, budget: budget)
    }

    /// A registry file's text read and typed: implementations' entries and model documents from the
    /// events, the rest through the tree.
    private static func decoded(
        _ bytes: [UInt8], file: String, lines: LineMap? = nil, budget: SuggestionBudget, retention: Retention
    ) -> DecodedFile {
        let read = YAMLReader.read(bytes, file: file, lines: lines, typingEntries: true, models: retention.modelTyping)
        return DecodedFile(read, budget: budget, retention: retention)
    }

    /// Builds and validates a registry from files already read.
    ///
    /// - Parameter files: in registry order.
    public static func load(_ files: [YAMLFile]) -> LoadedRegistry {
        let budget = SuggestionBudget()
        return merge(files.map { DecodedFile($0, budget: budget) }, budget: budget)
    }

    /// - Parameter files: consumed, so that each implementation's draft is freed as soon as it is linked.
    /// - Parameter partial: only part of the registry was read: a reference to a model not read is passed over.
    private static func merge(
        _ files: consuming [DecodedFile], budget: SuggestionBudget, partial: Bool = false, retention: Retention = .registry
    ) -> LoadedRegistry {
        var reader = SchemaReader()
        reader.suggestions = budget
        var models = FirstModels()
        var implementations: [PendingImplementation] = []
        var machines: [Machine] = []
        var implementationIDs = FirstDefinitions(.duplicateImplementation, "implementation")
        var machineIDs = FirstDefinitions(.duplicateMachine, "machine")

        let names = files.map(\.file)
        for index in files.indices {
            let file = files[index]
            reader.diagnostics.append(contentsOf: file.diagnostics)
            for document in file.documents {
                switch document {
                case .model(let decoded, let diagnostics):
                    models.add(decoded, diagnostics, reader: &reader)
                case .implementation(let draft):
                    guard implementationIDs.isFirst(draft.id, at: draft.location, reader: &reader) else { continue }
                    implementations.append(.draft(DraftBox(draft)))
                case .linked(let implementation, let diagnostics):
                    guard implementationIDs.isFirst(implementation.id, at: implementation.location, reader: &reader) else { continue }
                    implementations.append(.linked(implementation, diagnostics))
                case .machine(let machine):
                    guard machineIDs.isFirst(machine.id, at: machine.location, reader: &reader) else { continue }
                    machines.append(machine)
                }
            }
        }
        files = []
        let base = LinkBase(models, partial: partial, retention: retention, budget: budget)
        let linked = concurrentMap(implementations) { pending in
            switch pending {
            case .draft(let box): base.link(box.take())
            case .linked(let implementation, let diagnostics): (implementation, diagnostics)
            }
        }
        implementations = []
        for (_, diagnostics) in linked {
            reader.diagnostics.append(contentsOf: diagnostics)
        }
        let registry = Registry(models: base.models.models, implementations: linked.map(\.0), machines: machines)
        MachineRules.check(registry, passingOverUnknownModels: partial, reader: &reader)
        let order = Dictionary(names.enumerated().map { ($1, $0) }, uniquingKeysWith: { first, _ in first })
        return LoadedRegistry(
            registry: registry, diagnostics: Diagnostic.sorted(reader.diagnostics, fileOrder: order), files: names)
    }
}

/// Where each id of one kind was first defined, in registry order.
struct FirstDefinitions {
    private let rule: Rule
    private let what: String
    private var locations: [String: SourceLocation] = [:]

    init(_ rule: Rule, _ what: String) {
        self.rule = rule
        self.what = what
    }

    /// Whether `id` is defined here for the first time; a second definition is reported, with a note at the first.
    mutating func isFirst(_ id: String, at location: SourceLocation, model: String? = nil, reader: inout SchemaReader) -> Bool {
        if let earlier = locations[id] {
            reader.report(Diagnostic(
                rule, "\(what) '\(id)' is defined twice", at: location, notes: [Note("first defined here", at: earlier)],
                model: model))
            return false
        }
        locations[id] = location
        return true
    }
}

/// The models of a registry's files as they are merged: the first definition of each id.
struct FirstModels {
    private(set) var models: [DeviceModel] = []
    /// Per model, the parameters too broken to link against.
    private(set) var brokenParameters: [String: Set<String>] = [:]
    private var ids = FirstDefinitions(.duplicateModel, "model")

    /// Adds a model read, with the findings of its versions; a second definition of an id is reported instead.
    mutating func add(_ decoded: DecodedModel, _ diagnostics: [Diagnostic], reader: inout SchemaReader) {
        let model = decoded.model
        guard ids.isFirst(model.id, at: model.location, model: model.id, reader: &reader) else { return }
        reader.diagnostics.append(contentsOf: diagnostics)
        models.append(decoded.model)
        brokenParameters[model.id] = decoded.brokenParameters
    }
}

/// What implementations are linked against: every model of the registry, once each is known.
struct LinkBase: Sendable {
    let models: Registry
    let brokenParameters: [String: Set<String>]
    let partial: Bool
    let retention: RegistryLoader.Retention
    let budget: SuggestionBudget

    init(_ models: FirstModels, partial: Bool, retention: RegistryLoader.Retention, budget: SuggestionBudget) {
        self.models = Registry(models: models.models, implementations: [])
        brokenParameters = models.brokenParameters
        self.partial = partial
        self.retention = retention
        self.budget = budget
    }

    /// The models of files decoded, in registry order (their findings are reported when the files are merged).
    init(_ files: some Sequence<DecodedFile>, retention: RegistryLoader.Retention, budget: SuggestionBudget) {
        var models = FirstModels()
        var unreported = SchemaReader()
        for file in files {
            for case .model(let decoded, let diagnostics) in file.documents {
                models.add(decoded, diagnostics, reader: &unreported)
            }
        }
        self.init(models, partial: false, retention: retention, budget: budget)
    }

    /// The implementation of `draft` and the findings of linking it.
    func link(_ draft: ImplementationDraft) -> (Implementation, [Diagnostic]) {
        var reader = SchemaReader()
        reader.suggestions = budget
        let implementation = ImplementationLinker.link(
            draft, models: models, brokenParameters: brokenParameters, passingOverUnknownModels: partial,
            keepingSupports: retention == .registry, reader: &reader)
        return (implementation, reader.diagnostics)
    }
}

/// An implementation in the order of the registry: a draft still to link, or one linked as its file was read.
enum PendingImplementation: Sendable {
    case draft(DraftBox)
    case linked(Implementation, [Diagnostic])
}

/// A draft handed to the one worker that links it, which takes it out, so that
/// it is freed as soon as it is linked rather than when every draft is.
final class DraftBox: @unchecked Sendable {
    private var draft: ImplementationDraft?

    init(_ draft: ImplementationDraft) {
        self.draft = draft
    }

    func take() -> ImplementationDraft {
        defer { draft = nil }
        return draft!
    }
}

/// One file's documents, typed as far as a file alone allows.
struct DecodedFile: Sendable {
    enum Document: Sendable {
        /// A model and the findings of its version rules, reported unless the model is a duplicate.
        case model(DecodedModel, [Diagnostic])
        case implementation(ImplementationDraft)
        /// An implementation linked as soon as its file was read, with the findings of linking it.
        case linked(Implementation, [Diagnostic])
        case machine(Machine)
    }

    let file: String
    var documents: [Document] = []
    /// The reader's and the schema's findings, other than those of a model's versions.
    var diagnostics: [Diagnostic]

    /// - Parameter retention: `.findings` keeps no description of a model.
    init(_ source: YAMLFile, budget: SuggestionBudget, retention: RegistryLoader.Retention = .registry) {
        file = source.file
        var reader = SchemaReader()
        reader.suggestions = budget
        reader.diagnostics = source.diagnostics
        for document in source.documents {
            if let decoded = document.capturedModel {
                documents.append(Self.checked(decoded))
                continue
            }
            // What kind of document it is, without reporting its keys: the kind's own reading
            // reports a complex or null key once, not twice.
            guard document.kind == .mapping else {
                _ = reader.mapping(document, for: "a registry document")
                continue
            }
            let kinds = ["model", "implementation", "machine"].filter { kind in
                document.pairs.contains { $0.key.kind == .scalar && !$0.key.isNull && $0.key.text == kind }
            }
            guard kinds.count == 1 else {
                _ = reader.mapping(document, for: "a registry document")
                let what = kinds.isEmpty
                    ? "has none of 'model', 'implementation' and 'machine'"
                    : "has " + kinds.map { "'\($0)'" }.joined(separator: " and ")
                reader.report(Diagnostic(
                    .unknownDocument, "document \(what): it must be one of a model, an implementation and a machine",
                    at: document.location))
                continue
            }
            switch kinds[0] {
            case "model":
                guard let fields = reader.fields(document, of: "model document", known: ModelDecoder.keys),
                    let decoded = ModelDecoder.decode(
                        fields, keepingDescriptions: retention == .registry, reader: &reader)
                else { continue }
                documents.append(Self.checked(decoded))
            case "implementation":
                guard let fields = reader.fields(document, of: "implementation document", known: ImplementationDecoder.keys),
                    let draft = ImplementationDecoder.decode(fields, reader: &reader)
                else { continue }
                documents.append(.implementation(draft))
            default:
                guard let fields = reader.fields(document, of: "machine document", known: MachineDecoder.keys),
                    let machine = MachineDecoder.decode(fields, reader: &reader)
                else { continue }
                documents.append(.machine(machine))
            }
        }
        diagnostics = reader.diagnostics
    }

    /// A model document, with the findings of the rules on its versions.
    private static func checked(_ decoded: DecodedModel) -> Document {
        var versionRules = SchemaReader()
        VersionRules.check(decoded, reader: &versionRules)
        return .model(decoded, versionRules.diagnostics)
    }

    /// Links each implementation of the file against `base` as it stands.
    ///
    /// - Returns: false, changing nothing, when the file defines a model: `base` then lacks it.
    mutating func link(against base: LinkBase) -> Bool {
        for case .model in documents { return false }
        documents = documents.map { document in
            guard case .implementation(let draft) = document else { return document }
            let (implementation, diagnostics) = base.link(draft)
            return .linked(implementation, diagnostics)
        }
        return true
    }
}

/// `items.map(transform)`, spread over the machine's cores; the order of the result is the order of `items`.
public func concurrentMap<Item: Sendable, Result: Sendable>(
    _ items: [Item], _ transform: @escaping @Sendable (Item) -> Result
) -> [Result] {
    guard items.count > 1 else { return items.map(transform) }
    var results = [Result?](repeating: nil, count: items.count)
    results.withUnsafeMutableBufferPointer { buffer in
        nonisolated(unsafe) let output = buffer
        let workers = min(items.count, 16)
        DispatchQueue.concurrentPerform(iterations: workers) { worker in
            for index in stride(from: worker, to: items.count, by: workers) {
                output[index] = transform(items[index])
            }
        }
    }
    return results.map { $0! }
}
