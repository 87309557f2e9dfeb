/// A registry read from a directory, with every problem found in it (SPEC 2.7).
public struct LoadedRegistry: Sendable {
    /// What could be read. Only trust it for checks when ``isValid``.
    public var registry: Registry
    /// Every finding, in file order, then line and column.
    public var diagnostics: [Diagnostic]
    /// The files read, in the order read.
    public var files: [String]

    /// No error-severity finding.
    public var isValid: Bool {
        !diagnostics.contains { $0.severity == .error }
    }
}

/// Loads and validates registries.
public enum RegistryLoader {
    /// Reads every registry file below `directory` and validates the whole.
    ///
    /// - Parameter directory: as the user named it; file names in locations start with it.
    /// - Throws: ``InputError`` when the directory does not exist or is not a directory.
    ///   Everything else is a diagnostic.
    public static func load(directory: String) throws(InputError) -> LoadedRegistry {
        let listing = try RegistryDirectory(directory)
        var sources: [YAMLFile] = []
        var readProblems = listing.problems
        for file in listing.files {
            do {
                sources.append(YAMLReader.read(try FileReader.read(cPath: file.path, name: file.name), file: file.name))
            } catch {
                let rule: Rule = error.message.hasPrefix("file is larger") ? .unsupportedYAML : .unreadableFile
                readProblems.append(Diagnostic(rule, error.message, at: .start(of: file.name)))
            }
        }
        var loaded = load(sources)
        loaded.diagnostics = Diagnostic.sorted(
            loaded.diagnostics + readProblems,
            fileOrder: Dictionary(listing.order.enumerated().map { ($1, $0) }, uniquingKeysWith: { first, _ in first }))
        return loaded
    }

    /// Builds and validates a registry from files already read.
    ///
    /// - Parameter files: in registry order.
    public static func load(_ files: [YAMLFile]) -> LoadedRegistry {
        var reader = SchemaReader()
        var models: [DeviceModel] = []
        var brokenParameters: [String: Set<String>] = [:]
        var firstModel: [String: SourceLocation] = [:]
        var drafts: [ImplementationDraft] = []
        var firstImplementation: [String: SourceLocation] = [:]

        for file in files {
            reader.diagnostics.append(contentsOf: file.diagnostics)
            for document in file.documents {
                guard let pairs = reader.mapping(document, for: "a registry document") else { continue }
                let keys = Set(pairs.map(\.key))
                let isModel = keys.contains("model")
                let isImplementation = keys.contains("implementation")
                guard isModel != isImplementation else {
                    let what = isModel ? "has both 'model' and 'implementation'" : "has neither 'model' nor 'implementation'"
                    reader.report(Diagnostic(
                        .unknownDocument, "document \(what): it is neither a model nor an implementation",
                        at: document.location))
                    continue
                }
                if isModel {
                    guard let fields = reader.fields(document, of: "model document", known: ModelDecoder.keys),
                        let decoded = ModelDecoder.decode(fields, reader: &reader)
                    else { continue }
                    let model = decoded.model
                    if let first = firstModel[model.id] {
                        reader.report(Diagnostic(
                            .duplicateModel, "model '\(model.id)' is defined twice", at: model.location,
                            notes: [Note("first defined here", at: first)], model: model.id))
                        continue
                    }
                    firstModel[model.id] = model.location
                    VersionRules.check(decoded, reader: &reader)
                    models.append(model)
                    brokenParameters[model.id] = decoded.brokenParameters
                } else {
                    guard let fields = reader.fields(document, of: "implementation document", known: ImplementationDecoder.keys),
                        let draft = ImplementationDecoder.decode(fields, reader: &reader)
                    else { continue }
                    if let first = firstImplementation[draft.id] {
                        reader.report(Diagnostic(
                            .duplicateImplementation, "implementation '\(draft.id)' is defined twice", at: draft.location,
                            notes: [Note("first defined here", at: first)]))
                        continue
                    }
                    firstImplementation[draft.id] = draft.location
                    drafts.append(draft)
                }
            }
        }
        let modelsOnly = Registry(models: models, implementations: [])
        let implementations = drafts.map {
            ImplementationLinker.link($0, models: modelsOnly, brokenParameters: brokenParameters, reader: &reader)
        }
        let registry = Registry(models: models, implementations: implementations)
        let order = Dictionary(files.enumerated().map { ($1.file, $0) }, uniquingKeysWith: { first, _ in first })
        return LoadedRegistry(
            registry: registry, diagnostics: Diagnostic.sorted(reader.diagnostics, fileOrder: order),
            files: files.map(\.file))
    }
}
