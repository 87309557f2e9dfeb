import DeviceModelRegistry
import Foundation
import Testing

/// The JSON Schemas in `schemas/`, which editors use to check and complete registry files,
/// VM configurations and host inventories as they are typed: every shipped file passes its
/// schema, and a file migcheck refuses for an unknown key or a wrong type is refused too.
@Suite("schemas/: JSON Schemas for registry, VM and inventory files")
struct FileSchemaTests {
    static let directory = MigcheckProcess.packageRoot.appendingPathComponent("schemas")

    /// A validator for `schemas/migcheck-KIND.schema.json`, the other schemas at hand for `$ref`s.
    static func validator(_ kind: String) throws -> JSONSchemaValidator {
        let files = try FileManager.default.contentsOfDirectory(atPath: directory.path)
            .filter { $0.hasSuffix(".schema.json") }
            .map { directory.appendingPathComponent($0) }
        return try JSONSchemaValidator(files: files, root: "migcheck-\(kind).schema.json")
    }

    /// The documents of a YAML text, read with migcheck's own reader and typed as YAML 1.2's core schema does.
    static func documents(_ text: String, file: String = "test.yaml") throws -> [JSONInstance] {
        let read = YAMLReader.read(Array(text.utf8), file: file)
        try #require(read.diagnostics.isEmpty, "\(read.diagnostics.map(\.message))")
        return read.documents.map(JSONInstance.init)
    }

    /// Every `*.yaml` and `*.yml` below `registry/`, sorted.
    static func registryFiles() throws -> [URL] {
        let root = MigcheckProcess.shippedRegistry
        let enumerator = try #require(FileManager.default.enumerator(at: root, includingPropertiesForKeys: nil))
        return enumerator.compactMap { $0 as? URL }
            .filter { ["yaml", "yml"].contains($0.pathExtension) }
            .sorted { $0.path < $1.path }
    }

    @Test("every schema file is draft-07 JSON with a title and a description")
    func wellFormed() throws {
        for kind in ["model", "implementation", "machine", "registry", "vm", "hosts"] {
            let schema = try JSONInstance.json(contentsOf: Self.directory.appendingPathComponent("migcheck-\(kind).schema.json"))
            #expect(schema["$schema"] == .string("http://json-schema.org/draft-07/schema#"), "\(kind)")
            #expect(schema["title"]?.string != nil, "\(kind)")
            #expect(schema["description"]?.string != nil, "\(kind)")
        }
    }

    @Test("every document of the shipped registry passes its kind's schema and the registry schema")
    func shippedRegistry() throws {
        let validators = try Dictionary(uniqueKeysWithValues: ["model", "implementation", "machine", "registry"].map {
            ($0, try Self.validator($0))
        })
        let files = try Self.registryFiles()
        #expect(files.count > 100)
        var kinds: [String: Int] = [:]
        for file in files {
            let text = try String(contentsOf: file, encoding: .utf8)
            for document in try Self.documents(text, file: file.path) {
                let kind = try #require(["model", "implementation", "machine"].first { document[$0] != nil }, "\(file.path)")
                kinds[kind, default: 0] += 1
                let errors = validators[kind]!.validate(document)
                #expect(errors.isEmpty, "\(file.path): \(errors.prefix(5))")
                // The registry schema (for a glob over registry/) takes each kind through oneOf.
                #expect(validators["registry"]!.validate(document).isEmpty, "\(file.path)")
            }
        }
        #expect(kinds["model", default: 0] > 100)
        #expect(kinds["implementation", default: 0] > 5)
        #expect(kinds["machine", default: 0] > 10)
    }

    @Test("examples/: the VM configurations pass the VM schema, the inventory the hosts schema",
          arguments: [("web-42.yaml", "vm"), ("rollout.yaml", "vm"), ("small.yaml", "vm"), ("web-uso.yaml", "vm"),
                      ("hosts.yaml", "hosts"), ("narrowed-hosts.yaml", "hosts")])
    func examples(file: String, kind: String) throws {
        let url = MigcheckProcess.packageRoot.appendingPathComponent("examples/" + file)
        let documents = try Self.documents(try String(contentsOf: url, encoding: .utf8), file: url.path)
        try #require(documents.count == 1)
        #expect(try Self.validator(kind).validate(documents[0]) == [])
    }

    @Test("every examples/*.yaml has a schema in the test above")
    func everyExample() throws {
        let names = try FileManager.default.contentsOfDirectory(
            atPath: MigcheckProcess.packageRoot.appendingPathComponent("examples").path)
        #expect(Set(names.filter { $0.hasSuffix(".yaml") }) == [
            "web-42.yaml", "rollout.yaml", "small.yaml", "web-uso.yaml", "hosts.yaml", "narrowed-hosts.yaml",
        ])
    }

    /// Documents the spec writes out, and what migcheck accepts beyond them: every key of SPEC 2.5,
    /// 2.6, 3.1, 3.2 and 10.1, quoted and hex ints, on/off bools, a version name written unquoted.
    static let valid: [(kind: String, text: String)] = [
        ("model", """
            model: vendor-a.com/my-nic
            description: Example NIC with receive-side scaling
            host-side: [netdev, bootindex]
            parameters:
              rss: {type: bool, default: off, description: RSS register block present in BAR 2}
              rx-filter-size: {type: int, default: 0, allowed: [0, "16", 0x20, {min: 48, max: '64'}]}
              num-resources: {type: int, allowed: [64]}
              queue-mode: {type: enum, values: [single, multi], default: single, allowed: [single]}
              serial: {type: string, default: "", decided-at-start: true}
              mac: {type: string, default: "52:54:00:12:34:56", decided-at-start: on}
            versions:
              - version: "1"
                set: {num-resources: 64}
              - version: 2
                extends: "1"
                set: {rss: on, rx-filter-size: 32}
                description: adds RSS and a 32-entry filter table
              - version: "2.1"
                extends: 2
            """),
        ("implementation", """
            implementation: qemu.org/qemu/5.2
            description: QEMU 5.2 device emulation
            machines: [qemu.org/machines/pc-q35-5.2]
            models:
              vendor-a.com/my-nic:
                parameters:
                  rss: {}
                  rx-filter-size: {allowed: [0, 16, 32], description: no larger tables}
                  num-resources: {}
              qemu.org/devices/virtio-rng-pci: {}
            """),
        ("machine", """
            machine: qemu.org/machines/pc-q35-7.2
            description: QEMU q35 machine type 7.2
            extends: qemu.org/machines/pc-q35-7.1
            versions:
              qemu.org/devices/virtio-net-pci: "7.2"
              qemu.org/devices/e1000e: "6.1"
            """),
        ("vm", """
            vm: web-42
            machine: qemu.org/machines/pc-q35-7.2
            memory: 4096
            cpus: "2"
            cpu: host
            globals: {ICH9-LPC.disable_s3: "1"}
            devices:
              - id: net0
                model: vendor-a.com/my-nic
                version: "2"
                set: {rx-filter-size: 16}
                placement: {bus: pcie.0, address: "03.0"}
              - model: qemu.org/devices/virtio-blk-pci
            """),
        ("vm", """
            vm: empty
            origin: qmp
            devices: []
            """),
        ("hosts", """
            hosts:
              host-a: [qemu.org/qemu/5.2]
              host-b:
                implementations: [qemu.org/qemu/9.2]
                narrow:
                  qemu.org/devices/virtio-net-pci:
                    host_uso: [false]
                    mq: [true, {min: 1, max: 2}]
            """),
    ]

    @Test("documents written as the spec writes them pass", arguments: valid.indices)
    func validDocument(index: Int) throws {
        let (kind, text) = Self.valid[index]
        let document = try #require(try Self.documents(text).first)
        #expect(try Self.validator(kind).validate(document) == [])
        if ["model", "implementation", "machine"].contains(kind) {
            #expect(try Self.validator("registry").validate(document) == [])
        }
    }

    /// Documents migcheck refuses with `unknown-key`, `missing-key` or `wrong-type` (or as an input
    /// error), and a piece of the message the schema gives for each.
    static let invalid: [(kind: String, text: String, expected: String)] = [
        ("model", "model: example.com/x\nparameters:\n  p: {type: bool, defualt: off}\n", "unknown key 'defualt'"),
        ("model", "model: example.com/x\ncolour: red\n", "unknown key 'colour'"),
        ("model", "description: no id\n", "'model' is missing"),
        ("model", "model: example.com/x\nparameters:\n  p: {type: float}\n", "is not one of"),
        ("model", "model: example.com/x\nparameters:\n  p: {type: bool, default: yes}\n", "is not one of"),
        ("model", "model: example.com/x\nparameters:\n  p: {type: int, default: 12abc}\n", "matches none of anyOf"),
        ("model", "model: example.com/x\nparameters:\n  p: {type: int, values: [a]}\n", "no value is allowed here"),
        ("model", "model: example.com/x\nparameters:\n  p: {type: enum}\n", "'values' is missing"),
        ("model", "model: example.com/x\nversions: {a: 1}\n", "is not of type array"),
        ("model", "model: example.com/x\nparameters:\n  p: {type: int, allowed: []}\n", "fewer than 1 items"),
        ("model", "model: https://example.com/x\n", "does not match"),
        ("model", "model: example.com/x\nversions:\n  - version: \"1\"\n    set: {p: [1]}\n", "is not of type"),
        ("implementation", "implementation: example.com/vmm/1\n", "'models' is missing"),
        ("implementation", "implementation: example.com/vmm/1\nmodels:\n  example.com/x: {parameters: {p: {alowed: [1]}}}\n",
         "unknown key 'alowed'"),
        ("machine", "machine: example.com/m/1\nversions: [a]\n", "is not of type object"),
        ("vm", "vm: x\n", "'devices' is missing"),
        ("vm", "devices: []\n", "fewer than 1 items"),
        ("vm", "devices:\n  - {model: example.com/x, verison: \"1\"}\n", "unknown key 'verison'"),
        ("vm", "memory: 0\ndevices:\n  - {model: example.com/x}\n", "less than 1"),
        ("vm", "origin: ssh\ndevices: []\n", "is not one of"),
        ("hosts", "hosts:\n  a: qemu.org/qemu/5.2\n", "matches none of anyOf"),
        ("hosts", "hosts:\n  a: {implementations: [qemu.org/qemu/5.2], narow: {}}\n", "matches none of anyOf"),
        ("hosts", "host: {}\n", "unknown key 'host'"),
    ]

    @Test("an unknown key, a missing key or a wrong type is refused, with a message that says so", arguments: invalid.indices)
    func invalidDocument(index: Int) throws {
        let (kind, text, expected) = Self.invalid[index]
        let document = try #require(try Self.documents(text).first)
        let errors = try Self.validator(kind).validate(document)
        #expect(errors.contains { $0.contains(expected) }, "\(text) → \(errors)")
        if ["model", "implementation", "machine"].contains(kind) {
            #expect(!(try Self.validator("registry").validate(document)).isEmpty)
        }
    }

    @Test("a plain scalar is typed as YAML 1.2's core schema types it; a quoted one is a string")
    func coreSchemaTyping() throws {
        let document = try #require(try Self.documents("""
            [true, false, null, ~, 12, -3, 0x1F, 0o17, 1.5, 1e3, on, off, yes, "12", 'true', 1.10, 1.2.3, +5]
            """).first)
        #expect(document == .array([
            .bool(true), .bool(false), .null, .null, .number(12), .number(-3), .number(31), .number(15), .number(1.5),
            .number(1000), .string("on"), .string("off"), .string("yes"), .string("12"), .string("true"), .number(1.1),
            .string("1.2.3"), .number(5),
        ]))
    }
}
