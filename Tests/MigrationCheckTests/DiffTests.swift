import DeviceModelRegistry
import MigrationCheck
import Testing

/// What a `diff` finding is about: its `model`, `version` and `parameter` fields.
struct DiffSubject: Hashable, Sendable, CustomStringConvertible {
    var model: String?
    var version: String?
    var parameter: String?

    init(model: String? = nil, version: String? = nil, parameter: String? = nil) {
        self.model = model
        self.version = version
        self.parameter = parameter
    }

    init(_ diagnostic: Diagnostic) {
        self.init(model: diagnostic.model, version: diagnostic.version, parameter: diagnostic.parameter)
    }

    var description: String { "(\(model ?? "-"), \(version ?? "-"), \(parameter ?? "-"))" }
}

/// A fixture pair for one `diff` rule: an OLD/NEW pair that triggers it at the
/// marked places (`1️⃣`…`9️⃣`, in either side; NEW's findings come first, so
/// they take the lower digits), and a near miss that must not trigger it.
struct DiffCase: CustomTestStringConvertible, Sendable {
    let rule: String
    let name: String
    let old: [(String, String)]
    let new: [(String, String)]
    /// The triggering findings' subjects, in marker order.
    let subjects: [DiffSubject]
    /// Text each triggering finding's message must contain, in marker order.
    let messages: [String]
    /// The rules of the other findings the triggering pair gives, in output order.
    let alsoTriggered: [String]
    /// The near miss: NEW files to diff against `old`, and every rule it gives, in output order.
    let nearMiss: [(String, String)]
    let nearMissRules: [String]

    init(
        _ rule: String, _ name: String, old: [(String, String)], new: [(String, String)], subjects: [DiffSubject],
        messages: [String] = [], alsoTriggered: [String] = [], nearMiss: [(String, String)], nearMissRules: [String] = []
    ) {
        self.rule = rule
        self.name = name
        self.old = old
        self.new = new
        self.subjects = subjects
        self.messages = messages
        self.alsoTriggered = alsoTriggered
        self.nearMiss = nearMiss
        self.nearMissRules = nearMissRules
    }

    /// One file on each side: `old/registry.yaml` and `new/registry.yaml`.
    init(
        _ rule: String, _ name: String, old: String, new: String, subjects: [DiffSubject], messages: [String] = [],
        alsoTriggered: [String] = [], nearMiss: String, nearMissRules: [String] = []
    ) {
        self.init(
            rule, name, old: [("old/registry.yaml", old)], new: [("new/registry.yaml", new)], subjects: subjects,
            messages: messages, alsoTriggered: alsoTriggered, nearMiss: [("new/registry.yaml", nearMiss)],
            nearMissRules: nearMissRules)
    }

    var testDescription: String { "\(rule): \(name)" }
}

/// A registry built in memory from files with location markers.
struct DiffSide {
    let loaded: LoadedRegistry
    /// Each marker's digit and where it stands (the character after it), 1-based, columns in Unicode scalars.
    let markers: [String: DeviceModelRegistry.SourceLocation]

    init(_ files: [(String, String)]) {
        var yamlFiles: [YAMLFile] = []
        var markers: [String: DeviceModelRegistry.SourceLocation] = [:]
        for (name, marked) in files {
            var text = ""
            var line = 1
            var column = 1
            for character in marked {
                let scalars = Array(character.unicodeScalars)
                if scalars.count == 3, scalars[1] == "\u{FE0F}", scalars[2] == "\u{20E3}", ("1"..."9").contains(scalars[0]) {
                    markers[String(scalars[0])] = DeviceModelRegistry.SourceLocation(file: name, line: line, column: column)
                    continue
                }
                text.append(character)
                if character == "\n" {
                    line += 1
                    column = 1
                } else {
                    column += scalars.count
                }
            }
            yamlFiles.append(YAMLReader.read(Array(text.utf8), file: name))
        }
        loaded = RegistryLoader.load(yamlFiles)
        self.markers = markers
    }

    var registry: Registry { loaded.registry }

    /// `file:line:col: message [rule]` of every validation finding: fixtures must be clean.
    var problems: [String] {
        loaded.diagnostics.map { "\($0.location): \($0.message) [\($0.rule)]" }
    }
}

/// One fixture pair per `diff` rule, and more where a rule has several triggers.
enum DiffFixtures {
    /// A model most fixtures start from.
    static let nic = """
        model: example.com/nic
        parameters:
          rss: {type: bool, default: off}
          rx: {type: int, default: 0, allowed: [0, 16, {min: 32, max: 64}]}
          mode: {type: enum, values: [single, multi], default: single}
          slots: {type: int}
        versions:
          - version: "1"
            set: {slots: 8}
          - version: "2"
            extends: "1"
            set: {rss: on, rx: 0x20}
        """

    static let blk = """
        model: example.com/blk
        parameters:
          queues: {type: int, default: 1}
        """

    static let driver = """
        implementation: example.com/driver/1
        models:
          example.com/nic:
            parameters:
              slots: {}
              rss: {}
              rx: {allowed: [0, 16, 32]}
        """

    static let nicModel = ("models/nic.yaml", nic)

    static func old(_ files: (String, String)...) -> [(String, String)] { files.map { ("old/" + $0.0, $0.1) } }
    static func new(_ files: (String, String)...) -> [(String, String)] { files.map { ("new/" + $0.0, $0.1) } }

    static let nicID = "example.com/nic"

    static let all: [DiffCase] = [
        DiffCase(
            "machine-removed", "a machine disappeared (located where it was, in OLD)",
            old: """
                model: example.com/nic
                parameters: {rx: {type: int, default: 0}}
                versions: [{version: "1", set: {rx: 1}}]
                ---
                machine: 1️⃣example.com/machines/m-1
                versions: {example.com/nic: "1"}
                """,
            new: """
                model: example.com/nic
                parameters: {rx: {type: int, default: 0}}
                versions: [{version: "1", set: {rx: 1}}]
                """,
            subjects: [DiffSubject()],
            messages: ["machine 'example.com/machines/m-1' was removed"],
            nearMiss: """
                model: example.com/nic
                parameters: {rx: {type: int, default: 0}}
                versions: [{version: "1", set: {rx: 1}}]
                ---
                machine: example.com/machines/m-1
                description: respelled, same map
                versions: {"example.com/nic": '1'}
                """),

        DiffCase(
            "machine-changed", "a machine maps a model to another version, and maps a model it did not",
            old: """
                model: example.com/nic
                parameters: {rx: {type: int, default: 0}}
                versions: [{version: "1", set: {rx: 1}}, {version: "2", set: {rx: 2}}]
                ---
                model: example.com/blk
                parameters: {q: {type: int, default: 0}}
                versions: [{version: "1", set: {q: 1}}]
                ---
                machine: example.com/machines/m-1
                versions: {example.com/nic: "1"}
                """,
            new: """
                model: example.com/nic
                parameters: {rx: {type: int, default: 0}}
                versions: [{version: "1", set: {rx: 1}}, {version: "2", set: {rx: 2}}]
                ---
                model: example.com/blk
                parameters: {q: {type: int, default: 0}}
                versions: [{version: "1", set: {q: 1}}]
                ---
                machine: example.com/machines/m-1
                versions: {example.com/blk: 1️⃣"1", example.com/nic: 2️⃣"2"}
                """,
            subjects: [DiffSubject(model: "example.com/blk", version: "1"), DiffSubject(model: "example.com/nic", version: "2")],
            messages: ["now maps model 'example.com/blk' to version '1', not no version", "now maps model 'example.com/nic' to version '2', not version '1'"],
            nearMiss: """
                model: example.com/nic
                parameters: {rx: {type: int, default: 0}}
                versions: [{version: "1", set: {rx: 1}}, {version: "2", set: {rx: 2}}]
                ---
                model: example.com/blk
                parameters: {q: {type: int, default: 0}}
                versions: [{version: "1", set: {q: 1}}]
                ---
                machine: example.com/machines/m-0
                versions: {example.com/nic: "1"}
                ---
                machine: example.com/machines/m-1
                extends: example.com/machines/m-0
                """,
            nearMissRules: ["machine-added"]),

        DiffCase(
            "machine-added", "a machine appeared",
            old: """
                model: example.com/nic
                parameters: {rx: {type: int, default: 0}}
                """,
            new: """
                model: example.com/nic
                parameters: {rx: {type: int, default: 0}}
                ---
                machine: 1️⃣example.com/machines/m-1
                """,
            subjects: [DiffSubject()],
            messages: ["machine 'example.com/machines/m-1' was added"],
            nearMiss: """
                model: example.com/nic
                parameters: {rx: {type: int, default: 0}}
                """),

        DiffCase(
            "model-removed", "a model disappeared (located where it was, in OLD)",
            old: old(("models/blk.yaml", blk.replacing("model: ", with: "model: 1️⃣")), nicModel), new: new(nicModel),
            subjects: [DiffSubject(model: "example.com/blk")],
            messages: ["model 'example.com/blk' was removed"],
            nearMiss: new(nicModel, ("devices/blk.yaml", "# moved to another file\n" + blk.replacing("default: 1", with: "default: 0x1")))),

        DiffCase(
            "version-removed", "a version disappeared",
            old: """
                model: example.com/nic
                parameters:
                  rx: {type: int, default: 0}
                versions:
                  - version: "1"
                    set: {rx: 1}
                  - version: 1️⃣"2"
                    set: {rx: 2}
                """,
            new: """
                model: example.com/nic
                parameters:
                  rx: {type: int, default: 0}
                versions:
                  - version: "1"
                    set: {rx: 1}
                """,
            subjects: [DiffSubject(model: nicID, version: "2")],
            messages: ["version '2' of model 'example.com/nic' was removed"],
            nearMiss: """
                model: example.com/nic
                parameters:
                  rx: {type: int, default: 0}
                versions:
                  - version: 1
                    set: {rx: 1}
                  - version: 2
                    set: {rx: 2}
                """),

        DiffCase(
            "version-changed", "a version sets another value",
            old: [("old/nic.yaml", nic)],
            new: [("new/nic.yaml", nic.replacing("- version: \"2\"", with: "- version: 1️⃣\"2\"").replacing("rx: 0x20", with: "rx: 16"))],
            subjects: [DiffSubject(model: nicID, version: "2")],
            messages: ["version '2' of model 'example.com/nic' now expands to different values: 'rx' 32 → 16"],
            // The same values, spelled otherwise and without `extends`.
            nearMiss: [("new/nic.yaml", nic.replacing("extends: \"1\"\n    set: {rss: on, rx: 0x20}", with: "set: {slots: 0x8, rss: true, rx: 32}"))]),

        DiffCase(
            "version-changed", "a version sets a new parameter away from its default",
            old: [("old/nic.yaml", nic)],
            new: [("new/nic.yaml", nic
                .replacing("  slots: {type: int}", with: "  slots: {type: int}\n  tso: {type: bool, default: off}")
                .replacing("- version: \"2\"", with: "- version: 1️⃣\"2\"")
                .replacing("rx: 0x20}", with: "rx: 0x20, tso: on}"))],
            subjects: [DiffSubject(model: nicID, version: "2")],
            messages: ["'tso' (new, at its default) false → true"],
            alsoTriggered: ["parameter-added"],
            nearMiss: [("new/nic.yaml", nic
                .replacing("  slots: {type: int}", with: "  slots: {type: int}\n  tso: {type: bool, default: off}")
                .replacing("rx: 0x20}", with: "rx: 0x20, tso: off}"))],
            nearMissRules: ["parameter-added"]),

        DiffCase(
            "parameter-removed", "a parameter disappeared (located where it was, in OLD)",
            old: """
                model: example.com/nic
                parameters:
                  rss: {type: bool, default: off}
                  1️⃣mode: {type: enum, values: [single, multi], default: single}
                """,
            new: """
                model: example.com/nic
                parameters:
                  rss: {type: bool, default: off}
                """,
            subjects: [DiffSubject(model: nicID, parameter: "mode")],
            messages: ["parameter 'mode' of model 'example.com/nic' was removed"],
            nearMiss: """
                model: example.com/nic
                parameters:
                  mode: {type: enum, values: [single, multi], default: single}
                  rss: {type: bool, default: off}
                """),

        DiffCase(
            "parameter-type-changed", "an enum became a string",
            old: """
                model: example.com/nic
                parameters:
                  mode: {type: enum, values: [single, multi], default: single}
                """,
            new: """
                model: example.com/nic
                parameters:
                  1️⃣mode: {type: string, default: single}
                """,
            subjects: [DiffSubject(model: nicID, parameter: "mode")],
            messages: ["changed type: enum → string"],
            nearMiss: """
                model: example.com/nic
                parameters:
                  mode: {type: enum, values: [multi, single], default: single}
                """),

        DiffCase(
            "default-changed", "a default changed, one was added, one was removed",
            old: """
                model: example.com/nic
                parameters:
                  rss: {type: bool, default: off}
                  rx: {type: int, default: 0}
                  slots: {type: int}
                """,
            new: """
                model: example.com/nic
                parameters:
                  1️⃣rss: {type: bool}
                  2️⃣rx: {type: int, default: 16}
                  3️⃣slots: {type: int, default: 8}
                """,
            subjects: [
                DiffSubject(model: nicID, parameter: "rss"), DiffSubject(model: nicID, parameter: "rx"),
                DiffSubject(model: nicID, parameter: "slots"),
            ],
            messages: ["default of 'rss' of model 'example.com/nic' was removed: false → none", "changed: 0 → 16", "was added: none → 8"],
            // Respelled, not changed: off = false, 0 = 0x0 = "0".
            nearMiss: """
                model: example.com/nic
                parameters:
                  rss: {type: bool, default: "false"}
                  rx: {type: int, default: 0x0}
                  slots: {type: int}
                """),

        DiffCase(
            "default-changed", "a changed default changes the versions that rely on it",
            old: [("old/nic.yaml", nic)],
            new: [("new/nic.yaml", nic.replacing("  rss: {type: bool, default: off}", with: "  1️⃣rss: {type: bool, default: on}"))],
            subjects: [DiffSubject(model: nicID, parameter: "rss")],
            messages: ["false → true"],
            alsoTriggered: ["version-changed"],  // version 1 leaves rss at its default; version 2 sets it
            nearMiss: [("new/nic.yaml", nic.replacing("default: off", with: "default: false"))]),

        DiffCase(
            "domain-narrowed", "an int range shrank: the lost values are named exactly",
            old: """
                model: example.com/nic
                parameters:
                  rx: {type: int, default: 0, allowed: [0, 16, {min: 32, max: 64}]}
                """,
            new: """
                model: example.com/nic
                parameters:
                  1️⃣rx: {type: int, default: 0, allowed: [0, 16, 32]}
                """,
            subjects: [DiffSubject(model: nicID, parameter: "rx")],
            messages: ["'rx' of model 'example.com/nic' no longer allows 33…64"],
            // The same set: reordered, split, overlapping, a value inside a range.
            nearMiss: """
                model: example.com/nic
                parameters:
                  rx: {type: int, default: 0, allowed: [{min: 32, max: 40}, 16, {min: 38, max: 64}, {min: 0, max: 0}, 48]}
                """),

        DiffCase(
            "domain-narrowed", "an enum value, a bool value and strings are no longer allowed",
            old: """
                model: example.com/nic
                parameters:
                  mode: {type: enum, values: [single, multi], default: single}
                  rss: {type: bool, default: off}
                  name: {type: string, default: eth}
                  tag: {type: string, default: a, allowed: [a, b, c]}
                """,
            new: """
                model: example.com/nic
                parameters:
                  1️⃣mode: {type: enum, values: [single], default: single}
                  2️⃣rss: {type: bool, default: off, allowed: [off]}
                  3️⃣name: {type: string, default: eth, allowed: [eth, wlan]}
                  4️⃣tag: {type: string, default: a, allowed: [c, a]}
                """,
            subjects: ["mode", "rss", "name", "tag"].map { DiffSubject(model: nicID, parameter: $0) },
            messages: [#"no longer allows "multi""#, "no longer allows true", #"no longer allows any string but "eth", "wlan""#, #"no longer allows "b""#],
            nearMiss: """
                model: example.com/nic
                parameters:
                  mode: {type: enum, values: [multi, single], default: single, allowed: [single, multi]}
                  rss: {type: bool, default: off, allowed: [on, off]}
                  name: {type: string, default: eth}
                  tag: {type: string, default: a, allowed: [c, b, a]}
                """),

        DiffCase(
            "domain-narrowed", "a narrowing beside a widening; a wider set is no narrowing",
            old: """
                model: example.com/nic
                parameters:
                  rx: {type: int, default: 0, allowed: [0, 16, {min: 32, max: 64}]}
                """,
            new: """
                model: example.com/nic
                parameters:
                  1️⃣rx: {type: int, default: 0, allowed: [{min: 0, max: 48}]}
                """,
            subjects: [DiffSubject(model: nicID, parameter: "rx")],
            messages: ["no longer allows 49…64"],
            alsoTriggered: ["domain-widened"],
            nearMiss: """
                model: example.com/nic
                parameters:
                  rx: {type: int, default: 0, allowed: [{min: 0, max: 64}]}
                """,
            nearMissRules: ["domain-widened"]),

        DiffCase(
            "parameter-added-without-default", "a parameter that cannot be disabled",
            old: """
                model: example.com/nic
                parameters:
                  rss: {type: bool, default: off}
                """,
            new: """
                model: example.com/nic
                parameters:
                  rss: {type: bool, default: off}
                  1️⃣queues: {type: int}
                """,
            subjects: [DiffSubject(model: nicID, parameter: "queues")],
            messages: ["parameter 'queues' was added to model 'example.com/nic' without a default"],
            nearMiss: """
                model: example.com/nic
                parameters:
                  rss: {type: bool, default: off}
                  queues: {type: int, default: 1}
                """,
            nearMissRules: ["parameter-added"]),

        DiffCase(
            "implementation-removed", "an implementation disappeared (located where it was, in OLD)",
            old: old(nicModel, ("implementations/driver.yaml", driver.replacing("implementation: ", with: "implementation: 1️⃣"))),
            new: new(nicModel),
            subjects: [DiffSubject()],
            messages: ["implementation 'example.com/driver/1' was removed"],
            nearMiss: new(nicModel, ("vendors/driver.yaml", """
                implementation: example.com/driver/1
                description: moved and reordered
                models:
                  example.com/nic:
                    parameters:
                      rx: {allowed: [32, 16, 0]}
                      rss: {}
                      slots: {}
                """))),

        DiffCase(
            "implementation-narrowed", "a value, a parameter and a model no longer claimed",
            old: old(("models.yaml", nic + "\n---\n" + blk), ("driver.yaml", """
                implementation: example.com/driver/1
                models:
                  example.com/nic:
                    parameters:
                      slots: {}
                      2️⃣rss: {}
                      rx: {allowed: [0, 16, 32]}
                  3️⃣example.com/blk:
                    parameters: {}
                """)),
            new: new(("models.yaml", nic + "\n---\n" + blk), ("driver.yaml", """
                implementation: example.com/driver/1
                models:
                  example.com/nic:
                    parameters:
                      slots: {}
                      1️⃣rx: {allowed: [0, 32]}
                """)),
            subjects: [
                DiffSubject(model: nicID, parameter: "rx"), DiffSubject(model: nicID, parameter: "rss"),
                DiffSubject(model: "example.com/blk"),
            ],
            messages: [
                "implementation 'example.com/driver/1' no longer supports 16 for 'rx' of model 'example.com/nic'",
                "no longer recognises 'rss' of model 'example.com/nic', so it supports only its default false: it no longer supports true",
                "implementation 'example.com/driver/1' no longer implements model 'example.com/blk'",
            ],
            // The model narrowed to what the implementation allowed, which drops its needless
            // 'allowed': the values it supports are the same, and the narrowing is domain-narrowed's alone.
            nearMiss: new(
                ("models.yaml", nic.replacing("{min: 32, max: 64}]", with: "32]") + "\n---\n" + blk),
                ("driver.yaml", driver.replacing("rx: {allowed: [0, 16, 32]}", with: "rx: {}") + "\n  example.com/blk: {}")),
            nearMissRules: ["domain-narrowed"]),

        DiffCase(
            "version-order-changed", "versions were reordered",
            old: """
                model: example.com/nic
                parameters:
                  rx: {type: int, default: 0}
                versions:
                  - {version: "1", set: {rx: 1}}
                  - {version: "2", set: {rx: 2}}
                  - {version: "3", set: {rx: 3}}
                """,
            new: """
                model: example.com/nic
                parameters:
                  rx: {type: int, default: 0}
                versions:
                  - {version: "1", set: {rx: 1}}
                  - {version: 1️⃣"3", set: {rx: 3}}
                  - {version: "2", set: {rx: 2}}
                """,
            subjects: [DiffSubject(model: nicID, version: "3")],
            messages: ["versions of model 'example.com/nic' were reordered, which changes which is newest: '1', '2', '3' → '1', '3', '2'"],
            // A version inserted between others moves none of them.
            nearMiss: """
                model: example.com/nic
                parameters:
                  rx: {type: int, default: 0}
                versions:
                  - {version: "1", set: {rx: 1}}
                  - {version: "1.5", set: {rx: 15}}
                  - {version: "2", set: {rx: 2}}
                  - {version: "3", set: {rx: 3}}
                """,
            nearMissRules: ["version-added"]),

        DiffCase(
            "model-added", "a new model",
            old: old(nicModel), new: new(("models/blk.yaml", blk.replacing("model: ", with: "model: 1️⃣")), nicModel),
            subjects: [DiffSubject(model: "example.com/blk")],
            messages: ["model 'example.com/blk' was added"],
            nearMiss: new(nicModel)),

        DiffCase(
            "version-added", "a new version",
            old: """
                model: example.com/nic
                parameters:
                  rx: {type: int, default: 0}
                versions:
                  - {version: "1", set: {rx: 1}}
                """,
            new: """
                model: example.com/nic
                parameters:
                  rx: {type: int, default: 0}
                versions:
                  - {version: "1", set: {rx: 1}}
                  - {version: 1️⃣"2", set: {rx: 2}}
                """,
            subjects: [DiffSubject(model: nicID, version: "2")],
            messages: ["version '2' was added to model 'example.com/nic'"],
            nearMiss: """
                model: example.com/nic
                parameters:
                  rx: {type: int, default: 0}
                versions:
                  - {version: "1", set: {rx: 0x1}, description: the first}
                """),

        DiffCase(
            "parameter-added", "a new parameter with a default",
            old: """
                model: example.com/nic
                parameters:
                  rss: {type: bool, default: off}
                """,
            new: """
                model: example.com/nic
                parameters:
                  rss: {type: bool, default: off}
                  1️⃣tso: {type: bool, default: off}
                """,
            subjects: [DiffSubject(model: nicID, parameter: "tso")],
            messages: ["parameter 'tso' was added to model 'example.com/nic', with default false"],
            nearMiss: """
                model: example.com/nic
                parameters:
                  rss: {type: bool, default: off}
                  tso: {type: bool}
                """,
            nearMissRules: ["parameter-added-without-default"]),

        DiffCase(
            "domain-widened", "a range grew; the wider set of SPEC 2.4's example",
            old: """
                model: example.com/nic
                parameters:
                  rx: {type: int, default: 0, allowed: [0, 16]}
                  tx: {type: int, default: 0, allowed: [0, 16, {min: 32, max: 64}]}
                """,
            new: """
                model: example.com/nic
                parameters:
                  1️⃣rx: {type: int, default: 0, allowed: [0, 16, {min: 32, max: 64}]}
                  2️⃣tx: {type: int, default: 0, allowed: [{min: 0, max: 64}]}
                """,
            subjects: [DiffSubject(model: nicID, parameter: "rx"), DiffSubject(model: nicID, parameter: "tx")],
            messages: ["'rx' of model 'example.com/nic' now also allows 32…64", "now also allows 1…15, 17…31"],
            nearMiss: """
                model: example.com/nic
                parameters:
                  rx: {type: int, default: 0, allowed: [16, {min: 0, max: 0}]}
                  tx: {type: int, default: 0, allowed: [{min: 32, max: 64}, {min: 16, max: 16}, 0]}
                """),

        DiffCase(
            "implementation-added", "a new implementation",
            old: old(nicModel),
            new: new(nicModel, ("implementations/driver.yaml", driver.replacing("implementation: ", with: "implementation: 1️⃣"))),
            subjects: [DiffSubject()],
            messages: ["implementation 'example.com/driver/1' was added"],
            nearMiss: new(nicModel)),

        DiffCase(
            "implementation-widened", "a value, a parameter and a model newly claimed",
            old: old(("models.yaml", nic + "\n---\n" + blk), ("driver.yaml", driver)),
            new: new(("models.yaml", nic + "\n---\n" + blk), ("driver.yaml", """
                implementation: example.com/driver/1
                models:
                  example.com/nic:
                    parameters:
                      slots: {}
                      rss: {}
                      1️⃣rx: {allowed: [0, 16, {min: 32, max: 64}]}
                      2️⃣mode: {}
                  3️⃣example.com/blk: {}
                """)),
            subjects: [
                DiffSubject(model: nicID, parameter: "rx"), DiffSubject(model: nicID, parameter: "mode"),
                DiffSubject(model: "example.com/blk"),
            ],
            messages: [
                "implementation 'example.com/driver/1' now also supports 33…64 for 'rx' of model 'example.com/nic'",
                #"now recognises 'mode' of model 'example.com/nic': it now also supports "multi""#,
                "implementation 'example.com/driver/1' now implements model 'example.com/blk'",
            ],
            // The model widened; the implementation, which lists its values, supports no more of them.
            nearMiss: new(
                ("models.yaml", nic.replacing("{min: 32, max: 64}]", with: "{min: 32, max: 128}]") + "\n---\n" + blk),
                ("driver.yaml", driver)),
            nearMissRules: ["domain-widened"]),
    ]
}

@Suite("Registry evolution: migcheck diff (SPEC 7)")
struct DiffTests {
    /// The findings of diffing two in-memory registries, which must both be clean.
    static func diff(_ old: DiffSide, _ new: DiffSide) throws -> [Diagnostic] {
        try #require(old.problems == [], "the OLD fixture does not validate")
        try #require(new.problems == [], "the NEW fixture does not validate")
        return RegistryDiff.compare(old: old.registry, new: new.registry)
    }

    static func describe(_ findings: [Diagnostic]) -> [String] {
        findings.map { "\($0.location): \($0.severity): \($0.message) [\($0.rule)]" }
    }

    @Test("each rule fires where the fixture marks it, naming model, version and parameter", arguments: DiffFixtures.all)
    func triggers(_ fixture: DiffCase) throws {
        let old = DiffSide(fixture.old)
        let new = DiffSide(fixture.new)
        let findings = try Self.diff(old, new)
        let markers = old.markers.merging(new.markers) { first, _ in first }
        let expected = markers.keys.sorted().compactMap { markers[$0] }
        try #require(!expected.isEmpty, "the fixture marks no location")
        let triggered = findings.filter { $0.rule == fixture.rule }
        #expect(triggered.map(\.location) == expected, "\(Self.describe(findings))")
        #expect(findings.filter { $0.rule != fixture.rule }.map(\.rule) == fixture.alsoTriggered, "\(Self.describe(findings))")
        let severity = try #require(Rule.diffRules.first { $0.id == fixture.rule }).severity
        #expect(triggered.allSatisfy { $0.severity == severity })
        #expect(triggered.map(DiffSubject.init) == fixture.subjects)
        for (finding, text) in zip(triggered, fixture.messages) {
            #expect(finding.message.contains(text), "\(finding.message)")
        }
    }

    @Test("the near miss of each rule does not trigger it", arguments: DiffFixtures.all)
    func nearMiss(_ fixture: DiffCase) throws {
        let findings = try Self.diff(DiffSide(fixture.old), DiffSide(fixture.nearMiss))
        #expect(findings.map(\.rule) == fixture.nearMissRules, "\(Self.describe(findings))")
    }

    @Test("every diff rule has a fixture, and the rule catalogue lists them all")
    func everyRuleCovered() throws {
        let covered = Set(DiffFixtures.all.map(\.rule))
        #expect(Set(Rule.diffRules.map(\.id)).subtracting(covered) == [])
        let group = try #require(RuleCatalogue.groups.first { $0.command == "diff" })
        #expect(group.rules.map(\.id) == Rule.diffRules.map(\.id))
        #expect(Rule.diffRules.prefix(11).map(\.id) == [
            "model-removed", "version-removed", "version-changed", "parameter-removed", "parameter-type-changed",
            "default-changed", "domain-narrowed", "parameter-added-without-default", "implementation-removed",
            "implementation-narrowed", "version-order-changed",
        ])
        #expect(Rule.diffRules.dropFirst(11).prefix(2).map(\.id) == ["machine-removed", "machine-changed"])
        #expect(Rule.diffRules.dropFirst(13).allSatisfy { $0.severity == .info })
        let allIDs = RuleCatalogue.groups.flatMap(\.rules).map(\.id)
        #expect(Set(allIDs).count == allIDs.count, "rule ids are unique across commands")
    }

    @Test("a registry moved between files and respelled throughout gives no finding")
    func respelledRegistry() throws {
        let old = DiffSide(DiffFixtures.old(DiffFixtures.nicModel, ("implementations/driver.yaml", DiffFixtures.driver)))
        let new = DiffSide([("new/registry.yaml", """
            # everything in one file, keys reordered, values respelled
            implementation: example.com/driver/1
            description: now with a description
            models:
              example.com/nic:
                parameters:
                  rx: {allowed: [{min: 32, max: 32}, 16, 0], description: filter sizes}
                  rss: {description: RSS}
                  slots: {}
            ---
            model: example.com/nic
            description: a NIC
            parameters:
              mode: {values: [multi, single], type: enum, default: "single"}
              rss: {type: bool, default: false}
              rx: {type: int, default: "0x0", allowed: [{min: 32, max: 48}, {min: 40, max: 64}, 16, 0]}
              slots: {type: int, description: not a default}
            versions:
              - version: 1
                set: {slots: 0x8}
              - version: "2"
                set: {slots: 8, rss: true, rx: 32}
                description: no longer extends 1, same values
            """)])
        #expect(Self.describe(try Self.diff(old, new)) == [])
    }

    @Test("the shipped registry diffed against itself gives no finding")
    func shippedRegistry() throws {
        var path = #filePath
        for _ in 0..<3 { path = String(path[..<path.lastIndex(of: "/")!]) }
        let loaded = try RegistryLoader.load(directory: path + "/registry")
        try #require(loaded.isValid)
        #expect(Self.describe(RegistryDiff.compare(old: loaded.registry, new: loaded.registry)) == [])
    }

    @Test("domains compare as sets: what was lost and what was gained, exactly", arguments: [
        ("[0, 16, {min: 32, max: 64}]", "[{min: 0, max: 64}]", nil, "1…15, 17…31"),
        ("[{min: 0, max: 64}]", "[0, 16, {min: 32, max: 64}]", "1…15, 17…31", nil),
        ("[{min: 0, max: 10}, {min: 5, max: 20}]", "[{min: 0, max: 20}]", nil, nil),
        ("[{min: 0, max: 9}, {min: 10, max: 20}]", "[{min: 0, max: 20}]", nil, nil),
        ("[{min: 0, max: 9}, {min: 10, max: 20}, {min: 15, max: 30}]", "[0]", "1…30", nil),
        ("[-5, {min: -3, max: 3}]", "[{min: -5, max: 3}]", nil, "-4"),
        ("[{min: -3, max: 3}]", "[-3, 3]", "-2…2", nil),
        ("[0, 1, 2, 3]", "[{min: 1, max: 2}, 5]", "0, 3", "5"),
        ("[{min: 9223372036854775800, max: 0x7fffffffffffffff}]", "[9223372036854775807]",
         "9223372036854775800…9223372036854775806", nil),
        ("[0]", nil, nil, "-9223372036854775808…-1, 1…9223372036854775807"),
        (nil, "[{min: -9223372036854775808, max: 9223372036854775807}]", nil, nil),
    ] as [(String?, String?, String?, String?)])
    func domainSets(_ old: String?, _ new: String?, _ lost: String?, _ gained: String?) throws {
        func registry(_ allowed: String?, _ side: String) -> DiffSide {
            DiffSide([("\(side)/nic.yaml", "model: example.com/nic\nparameters:\n  rx: {type: int"
                + (allowed.map { ", allowed: \($0)" } ?? "") + "}\n")])
        }
        let findings = try Self.diff(registry(old, "old"), registry(new, "new"))
        let narrowed = findings.first { $0.rule == "domain-narrowed" }
        let widened = findings.first { $0.rule == "domain-widened" }
        #expect(narrowed?.message.contains("no longer allows \(lost ?? "") (domain") ?? (lost == nil), "\(Self.describe(findings))")
        #expect(widened?.message.contains("now also allows \(gained ?? "") (domain") ?? (gained == nil), "\(Self.describe(findings))")
        #expect(findings.count == (lost == nil ? 0 : 1) + (gained == nil ? 0 : 1))
    }

    @Test("long lists compare as sets as short ones do: ints, ranges and strings, in any order")
    func longDomainSets() throws {
        // Old: the even numbers below 600; new: the multiples of 3 below 600, written backwards, and 1…3.
        let evens = (0..<300).map { $0 * 2 }
        let threes = (0..<200).map { $0 * 3 }
        func registry(_ side: String, _ type: String, _ allowed: String) -> DiffSide {
            DiffSide([("\(side)/nic.yaml", "model: example.com/nic\nparameters:\n  rx: {type: \(type), allowed: [\(allowed)]}\n")])
        }
        func ints(_ values: [Int]) -> String { values.map(String.init).joined(separator: ", ") }
        func runs(_ values: Set<Int>) -> String {
            var runs: [String] = []
            var start: Int?
            for value in values.sorted() {
                if start == nil { start = value }
                if !values.contains(value + 1) {
                    runs.append(start == value ? "\(value)" : "\(start!)…\(value)")
                    start = nil
                }
            }
            return runs.joined(separator: ", ")
        }
        let now = Set(threes).union(1...3)
        let findings = try Self.diff(
            registry("old", "int", ints(evens)), registry("new", "int", ints(threes.reversed()) + ", {min: 1, max: 3}"))
        let lost = try #require(findings.first { $0.rule == "domain-narrowed" })
        let gained = try #require(findings.first { $0.rule == "domain-widened" })
        #expect(lost.message.contains("no longer allows \(runs(Set(evens).subtracting(now))) (domain"))
        #expect(gained.message.contains("now also allows \(runs(now.subtracting(evens))) (domain"))

        func strings(_ values: [Int]) -> String { values.map { "s\($0)" }.joined(separator: ", ") }
        let named = try Self.diff(registry("old", "string", strings(evens)), registry("new", "string", strings(threes.reversed())))
        let lostNames = evens.filter { $0 % 3 != 0 }.map { "\"s\($0)\"" }.joined(separator: ", ")
        let gainedNames = threes.reversed().filter { $0 % 2 != 0 }.map { "\"s\($0)\"" }.joined(separator: ", ")
        #expect(named.first { $0.rule == "domain-narrowed" }?.message.contains("no longer allows \(lostNames) (domain") == true)
        #expect(named.first { $0.rule == "domain-widened" }?.message.contains("now also allows \(gainedNames) (domain") == true)
        #expect(named.count == 2)
    }

    @Test("findings in NEW come first, then removals in OLD, each by file path, line and column")
    func order() throws {
        let old = DiffSide([
            ("old/b.yaml", "model: example.com/b\nparameters:\n  x: {type: int, default: 0}\n  y: {type: int, default: 0}\n"),
            ("old/a.yaml", "model: example.com/a\nparameters:\n  x: {type: int, default: 0}\n"),
        ])
        let new = DiffSide([
            ("new/b.yaml", "model: example.com/b\nparameters:\n  x: {type: int, default: 1}\n"),
            ("new/a.yaml", "model: example.com/a\nparameters:\n  x: {type: int, default: 1}\n  z: {type: int, default: 0}\n"),
        ])
        let findings = try Self.diff(old, new)
        #expect(findings.map { "\($0.location) \($0.rule)" } == [
            "new/a.yaml:3:3 default-changed",
            "new/a.yaml:4:3 parameter-added",
            "new/b.yaml:3:3 default-changed",
            "old/b.yaml:4:3 parameter-removed",
        ])
    }

    @Test("the findings render with the validate reporters; info never fails, warnings only when strict")
    func report() throws {
        let fixture = try #require(DiffFixtures.all.first { $0.rule == "implementation-removed" })
        let warnings = try Self.diff(DiffSide(fixture.old), DiffSide(fixture.new))
        #expect(FindingsReport(diagnostics: warnings).status == .ok)
        #expect(FindingsReport(diagnostics: warnings, strict: true).status == .fail)
        let added = try #require(DiffFixtures.all.first { $0.rule == "model-added" })
        let infos = try Self.diff(DiffSide(added.old), DiffSide(added.new))
        #expect(FindingsReport(diagnostics: infos, strict: true).status == .ok)
        #expect(TextFindingsReporter().render(FindingsReport(diagnostics: infos))
            == "new/models/blk.yaml:1:8: info: model 'example.com/blk' was added [model-added]\n")
    }

    @Test("findings carry what changed as typed old and new values, in JSON too")
    func typedChanges() throws {
        let old = DiffSide([("old/nic.yaml", """
            model: example.com/nic
            parameters:
              rx: {type: int, default: 0, allowed: [0, 16, {min: 32, max: 64}]}
              mode: {type: enum, values: [a, b], default: a}
              kind: {type: int, default: 1}
            versions:
              - version: "1"
                set: {rx: 16}
              - version: "2"
            """)])
        let new = DiffSide([("new/nic.yaml", """
            model: example.com/nic
            parameters:
              rx: {type: int, default: 16, allowed: [0, 16, {min: 32, max: 48}]}
              mode: {type: enum, values: [a, b], default: a}
              kind: {type: string, default: x}
              wol: {type: bool, default: off}
            versions:
              - version: "2"
              - version: "1"
                set: {rx: 32, mode: b}
            """)])
        let findings = try Self.diff(old, new)
        func change(_ rule: String) -> (FindingValue?, FindingValue?) {
            let finding = findings.first { $0.rule == rule }
            return (finding?.old, finding?.new)
        }
        #expect(change("default-changed") == (.value(.int(0)), .value(.int(16))))
        #expect(change("parameter-type-changed") == (.text("int"), .text("string")))
        #expect(change("parameter-added") == (FindingValue.none, .value(.bool(false))))
        #expect(change("version-order-changed") == (.texts(["1", "2"]), .texts(["2", "1"])))
        let first = try #require(findings.first { $0.rule == "version-changed" && $0.version == "1" })
        #expect(first.old == .parameters([.init("rx", .int(16)), .init("mode", .string("a")), .init("kind", .int(1))]))
        #expect(first.new == .parameters([.init("rx", .int(32)), .init("mode", .string("b")), .init("kind", .string("x"))]))
        let narrowed = try #require(findings.first { $0.rule == "domain-narrowed" })
        let json = JSONFindingsReporter.json(narrowed).serialized(pretty: false)
        #expect(json.contains(#""old":{"values":[0,16],"ranges":[{"min":32,"max":64}]},"new":{"values":[0,16],"ranges":[{"min":32,"max":48}]}"#), "\(json)")
        let versionJSON = JSONFindingsReporter.json(first).serialized(pretty: false)
        #expect(versionJSON.contains(#""old":{"rx":16,"mode":"a","kind":1},"new":{"rx":32,"mode":"b","kind":"x"}"#), "\(versionJSON)")
    }
}
