// libFuzzer target for the YAML reader, the registry loader, the input decoder
// and batch request lines (SPEC 9: no input may crash, hang or leak).
//
// Not a SwiftPM target: `fuzz/run` builds it with `swiftc -sanitize=fuzzer,address`
// against the package's sources. See fuzz/README.md.

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import DeviceModelRegistry
import MigrationCheck

/// The shipped registry, read once: batch lines are answered against it so that
/// requests naming real models get past the lookup into expansion and checks.
let shipped: Registry = {
    let directory = getenv("MIGCHECK_FUZZ_REGISTRY").map { String(cString: $0) } ?? "registry"
    guard let loaded = try? RegistryLoader.load(directory: directory), loaded.isValid else {
        return Registry(models: [], implementations: [])
    }
    return loaded.registry
}()

let shippedSession = BatchSession(registry: shipped)

/// One input: read as a registry file, as VM and host documents, and, line by line, as batch requests.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOne(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes = size > 0 && data != nil ? Array(UnsafeBufferPointer(start: data, count: size)) : []

    // 1. The reader, then the loader on the file it read.
    let file = YAMLReader.read(bytes, file: "fuzz.yaml")
    for diagnostic in file.diagnostics {
        precondition(diagnostic.location.line >= 1 && diagnostic.location.column >= 1, "location \(diagnostic.location)")
    }
    let loaded = RegistryLoader.load([file])
    // The registry loader types model documents and implementations' entries from libyaml's events;
    // what it gives must be what the tree readers give: findings, models and entries alike.
    let typed = RegistryLoader.load(contents: [("fuzz.yaml", bytes)])
    precondition(summary(typed) == summary(loaded), "models or entries typed from the events differ from the tree's")

    // 2. Each document as a VM configuration and as a host inventory.
    for document in file.documents {
        _ = try? InputDecoder.vmConfiguration(document, defaultName: "fuzz")
        _ = try? InputDecoder.hostInventory(document)
    }

    // 3. The bytes as batch request lines, as `migcheck batch` reads them (split at \n).
    for line in bytes.split(separator: 0x0A, omittingEmptySubsequences: true).prefix(8) {
        var text = String(decoding: line, as: UTF8.self)
        if text.hasSuffix("\r") { text.removeLast() }
        let answer = shippedSession.answer(text)
        precondition(!answer.contains("\n"), "an answer spans lines")
    }

    // 4. A registry the fuzzer made valid: expand and check its models, and diff it with the shipped one.
    if loaded.isValid, !loaded.registry.models.isEmpty {
        let registry = loaded.registry
        let session = BatchSession(registry: registry)
        for model in registry.models.prefix(4) {
            _ = session.answer(request([("command", .string("expand")), ("model", .string(model.id))]))
            for implementation in registry.implementations.prefix(4) {
                let to = JSONValue.array([.array([.string(implementation.id)])])
                _ = session.answer(request([("command", .string("check")), ("model", .string(model.id)), ("to", to)]))
                _ = session.answer(request([("command", .string("baseline")), ("model", .string(model.id)), ("to", to)]))
                _ = session.answer(request([
                    ("command", .string("expand")), ("model", .string(model.id)), ("for", .string(implementation.id)),
                ]))
            }
        }
        _ = RegistryDiff.compare(old: shipped, new: registry)
        _ = RegistryDiff.compare(old: registry, new: shipped)
    }
    return 0
}

/// Every finding, every model and every implementation's entries, written out.
private func summary(_ loaded: LoadedRegistry) -> String {
    let findings = loaded.diagnostics.map { "\($0.location) \($0.rule) \($0.message) \($0.notes.map(\.location))" }
    let models = loaded.registry.models.map { model in
        let parameters = model.parameters.map { parameter in
            "\(parameter.name) \(parameter.type) \(parameter.location) \(parameter.defaultValue.map { "\($0)" } ?? "-") "
                + "\(parameter.enumValues) \(parameter.allowed) \(parameter.description ?? "-") \(parameter.decidedAtStart)"
        }
        let versions = model.versions.map { version in
            let settings = version.settings.map { $0.map { "\($0.parameter)=\($0.value)@\($0.location)" } }
            return "\(version.name) \(version.location) \(version.extends ?? "-") \(settings.map { "\($0)" } ?? "-") \(version.description ?? "-")"
        }
        return "\(model.id) \(model.location) \(model.description ?? "-") \(model.hostSide) \(parameters) \(versions)"
    }
    let entries = loaded.registry.implementations.map { implementation in
        "\(implementation.id) " + implementation.models.map { "\($0.model) \($0.location) \($0.parameters)" }.joined(separator: "; ")
    }
    return (findings + models + entries).joined(separator: "\n")
}

private func request(_ members: [(String, JSONValue?)]) -> String {
    JSONValue.object(members).serialized(pretty: false)
}
