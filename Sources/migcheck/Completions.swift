import ArgumentParser
import DeviceModelRegistry

/// Shell completions (`make install` puts bash, zsh and fish scripts in place): file names where
/// a file is taken, and the ids of the registry where an id is taken — read from the registry
/// the command line names with `--registry`, else `MIGCHECK_REGISTRY`, `./registry` or the
/// installed one, as the command itself would.
enum Completions {
    /// VM files, inventories: YAML or JSON.
    static let inputFile = CompletionKind.file(extensions: ["yaml", "yml", "json"])
    static let models = ids { registry in registry.models.map(\.id) }
    static let implementations = ids { registry in registry.implementations.map(\.id) }
    static let modelsAndMachines = ids { registry in registry.models.map(\.id) + registry.machines.map(\.id) }

    /// The ids the registry gives, those that start with the word being completed; nothing when
    /// the registry cannot be read (a completion never prints an error).
    private static func ids(_ list: @escaping @Sendable (Registry) -> [String]) -> CompletionKind {
        .custom { words, _, prefix in
            var directory: String?
            for (word, next) in zip(words, words.dropFirst()) where word == "--registry" { directory = next }
            if let inline = words.last(where: { $0.hasPrefix("--registry=") }) { directory = String(inline.dropFirst("--registry=".count)) }
            let options = try? CommonOptions<TextOrJSON>.parse(directory.map { ["--registry", $0] } ?? [])
            guard let options, let loaded = try? RegistryLoader.load(directory: options.registryDirectory()) else { return [] }
            return list(loaded.registry).filter { $0.hasPrefix(prefix) }.sorted { $0.compare(naturally: $1) }
        }
    }
}
