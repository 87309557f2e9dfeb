public import DeviceModelRegistry

/// `data/qemu/generator.yaml`: which files, releases, devices, host-side and decided-at-start properties.
struct GeneratorConfiguration {
    var compat: String
    var probe: String
    var probedImplementation: String
    var releases: [String]
    var devices: [String]
    var hostSide: Set<String>
    var decidedAtStart: Set<String>

    /// `7.2` of `qemu.org/qemu/7.2`.
    var probedRelease: String {
        probedImplementation.split(separator: "/").last.map(String.init) ?? probedImplementation
    }

    init(file: String) throws(InputError) {
        let root = try InputDecoder.document(file: file)
        func text(_ key: String) throws(InputError) -> String {
            guard let node = JSONText.member(root, key), node.kind == .scalar, !node.isNull else {
                throw InputError("'\(key)' is required", at: root.location)
            }
            return node.text
        }
        func list(_ key: String) throws(InputError) -> [String] {
            guard let node = JSONText.member(root, key), node.kind == .sequence else {
                throw InputError("'\(key)' is required: a list", at: root.location)
            }
            return node.items.map(\.text)
        }
        compat = try text("compat")
        probe = try text("probe")
        probedImplementation = try text("probed-implementation")
        releases = try list("releases")
        devices = try list("devices")
        hostSide = Set(try list("host-side"))
        decidedAtStart = Set(try list("decided-at-start"))
    }
}

/// QEMU's spellings of values in compat arrays and `default-value`s.
enum QEMUValueSpelling {
    static func bool(_ text: String) -> Bool? {
        switch text {
        case "on", "true", "yes": true
        case "off", "false", "no": false
        default: nil
        }
    }
}
