public import DeviceModelRegistry

/// QEMU's machine-type compat arrays (`hw_compat_X_Y[]`, `pc_compat_X_Y[]`, family defaults) and
/// the arrays each x86 machine type applies, in the order QEMU applies them.
struct CompatData {
    struct Entry {
        var driver: String
        var property: String
        var value: String
        /// Applies only to devices that have the property.
        var optional: Bool
    }

    struct MachineType {
        var name: String
        /// `q35` or `i440fx`.
        var family: String
        /// `7.2`, `4.0.1`.
        var version: String
        /// Array names, in the order applied: a later entry overrides an earlier one.
        var applies: [String]
    }

    /// Array name → entries in order.
    var arrays: [String: [Entry]]
    /// Array name → the version it belongs to (`hw_compat_7_2` → `7.2`); family defaults have none.
    var arrayVersions: [String: String]
    /// `pc-q35-*` and `pc-i440fx-*`, oldest first (q35 before i440fx at one version).
    var machines: [MachineType]

    init(file: String) throws(InputError) {
        let root = try InputDecoder.document(file: file)
        func entries(_ node: YAMLNode?) -> [Entry] {
            guard let node, node.kind == .sequence else { return [] }
            return node.items.compactMap { item in
                guard let driver = JSONText.member(item, "driver")?.text, let property = JSONText.member(item, "property")?.text,
                    let value = JSONText.member(item, "value")
                else { return nil }
                return Entry(
                    driver: driver, property: property, value: value.text,
                    optional: JSONText.member(item, "optional")?.text == "true")
            }
        }
        arrays = [:]
        arrayVersions = [:]
        for version in JSONText.member(root, "versions")?.items.map({ $0 }) ?? [] {
            guard let name = JSONText.member(version, "version")?.text else { continue }
            let suffix = name.replacing(".", with: "_")
            arrays["hw_compat_\(suffix)"] = entries(JSONText.member(version, "hw"))
            arrays["pc_compat_\(suffix)"] = entries(JSONText.member(version, "pc"))
            arrayVersions["hw_compat_\(suffix)"] = name
            arrayVersions["pc_compat_\(suffix)"] = name
        }
        if let defaults = JSONText.member(root, "family_defaults") {
            for pair in defaults.pairs { arrays[pair.key.text] = entries(pair.value) }
        }
        var machines: [MachineType] = []
        for pair in JSONText.member(root, "machines").map({ Array($0.pairs) }) ?? [] {
            let name = pair.key.text
            let family: String
            if name.hasPrefix("pc-q35-") { family = "q35" } else if name.hasPrefix("pc-i440fx-") { family = "i440fx" } else { continue }
            let version = String(name.dropFirst(family == "q35" ? "pc-q35-".count : "pc-i440fx-".count))
            let applies = JSONText.member(pair.value, "applies")?.items.map(\.text) ?? []
            machines.append(MachineType(name: name, family: family, version: version, applies: applies))
        }
        guard !machines.isEmpty else { throw InputError("no pc-q35 or pc-i440fx machine types in the compat data", file: file) }
        self.machines = machines.sorted { a, b in
            a.version != b.version ? a.version.compare(naturally: b.version) : a.family == "q35" && b.family != "q35"
        }
    }

    /// Every entry with its array's version, for evidence of when a property existed.
    var versionedEntries: [(version: String, entry: Entry)] {
        arrays.keys.sorted().flatMap { name in
            arrayVersions[name].map { version in arrays[name]!.map { (version, $0) } } ?? []
        }
    }
}
