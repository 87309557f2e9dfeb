/// One fixture pair per validation rule of SPEC 2.7, and more where a rule has several triggers.
///
/// Markers `1️⃣`…`9️⃣` stand where each finding is expected, to the column.
enum RuleFixtures {
    /// A clean model the implementation fixtures refer to.
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

    static func withNIC(_ implementation: String) -> [(String, String)] {
        [("models/nic.yaml", nic), ("implementations/impl.yaml", implementation)]
    }

    static let all: [RuleCase] = [
        RuleCase(
            "yaml-syntax", "an unclosed flow sequence",
            triggering: """
                model: example.com/nic
                parameters: [a, b
                1️⃣
                """,
            clean: """
                model: example.com/nic
                description: "[a, b"
                """),
        RuleCase(
            "yaml-syntax", "invalid UTF-8 after multibyte characters, located in characters",
            triggering: "model: example.com/nic\ndescription: \"café ß 1️⃣\u{FFFD}\"\n",
            clean: "model: example.com/nic\ndescription: \"café ß ok\"\n"),
        RuleCase(
            "unsupported-yaml", "anchors, aliases, tags and merge keys",
            triggering: """
                model: example.com/nic
                parameters:
                  rss: 1️⃣&flag {type: bool, default: off}
                  ecn: 2️⃣*flag
                  tso: {type: bool, default: 3️⃣!!bool off}
                  4️⃣<<: {type: bool}
                """,
            clean: """
                model: example.com/nic
                description: "&flag *flag !!bool << are only text here"
                parameters:
                  rss: {type: bool, default: off, description: "&x"}
                """),
        RuleCase(
            "duplicate-key", "a key twice in one mapping",
            triggering: """
                model: example.com/nic
                parameters:
                  rss: {type: bool, default: off}
                  1️⃣rss: {type: bool, default: on}
                """,
            clean: """
                model: example.com/nic
                parameters:
                  rss: {type: bool, default: off}
                versions:
                  - version: "1"
                    set: {rss: off}
                  - version: "2"
                    set: {rss: on}
                """),
        RuleCase(
            "unknown-key", "a misspelt key, with the closest known key suggested",
            triggering: """
                model: example.com/nic
                parameters:
                  rss: {type: bool, 1️⃣defualt: off}
                2️⃣version: []
                """,
            clean: """
                model: example.com/nic
                parameters:
                  rss: {type: bool, default: off}
                versions: []
                """,
            messages: ["did you mean 'default'?", "did you mean 'versions'?"]),
        RuleCase(
            "missing-key", "a parameter without type, a version without name, an implementation without models",
            triggering: [
                ("a.yaml", """
                    model: example.com/nic
                    parameters:
                      rss: 1️⃣{default: off}
                    versions:
                      - 2️⃣description: no name
                    """),
                ("b.yaml", """
                    3️⃣implementation: example.com/vmm/1
                    description: implements nothing
                    """),
            ],
            clean: [
                ("a.yaml", """
                    model: example.com/nic
                    parameters:
                      rss: {type: bool, default: off}
                    versions:
                      - version: "1"
                    """),
                ("b.yaml", """
                    implementation: example.com/vmm/1
                    models: {}
                    """),
            ],
            messages: ["'type'", "'version'", "'models'"]),
        RuleCase(
            "wrong-type", "a complex key and a null key of a document are each reported once, not once per reading",
            triggering: """
                model: example.com/nic
                ? 1️⃣[a, b]
                : 1
                2️⃣~: 2
                """,
            clean: """
                model: example.com/nic
                description: a, b
                """),
        RuleCase(
            "wrong-type", "scalars that are no value of the type, and nodes of the wrong kind",
            triggering: """
                model: example.com/nic
                description: 1️⃣[not, text]
                parameters:
                  rss: {type: bool, default: 2️⃣yes}
                  rx: {type: int, default: 3️⃣12abc}
                  big: {type: int, default: 4️⃣9223372036854775808}
                  name: {type: string, default: 5️⃣}
                  kind: {type: 6️⃣float}
                  tag: {type: string, default: 7️⃣~}
                versions: 8️⃣{}
                """,
            clean: """
                model: example.com/nic
                description: "quoted or not, values are read by type"
                parameters:
                  rss: {type: bool, default: "on"}
                  rx: {type: int, default: '0x20'}
                  big: {type: int, default: 9223372036854775807}
                  small: {type: int, default: -0x8000000000000000}
                  name: {type: string, default: ""}
                  tag: {type: string, default: "~"}
                  word: {type: string, default: on}
                versions: []
                """),
        RuleCase(
            "unknown-document", "a document with neither key, one with both",
            triggering: """
                1️⃣description: what am I
                ---
                2️⃣model: example.com/nic
                implementation: example.com/vmm/1
                """,
            clean: """
                model: example.com/nic
                ---
                implementation: example.com/vmm/1
                models: {}
                """),
        RuleCase(
            "invalid-id", "ids, parameter names, version and enum names that break SPEC 2.3",
            triggering: """
                model: 1️⃣https://example.com/nic
                parameters:
                  2️⃣-rss: {type: bool, default: off}
                  mode: {type: enum, values: [3️⃣"two words"]}
                versions:
                  - version: 4️⃣"has space"
                ---
                implementation: 5️⃣example/vmm
                models: {}
                """,
            clean: """
                model: example.com/nic
                parameters:
                  rss_2.x-y: {type: bool, default: off}
                  mode: {type: enum, values: ["q64-v2", "4GB-v1"], default: "q64-v2"}
                versions:
                  - version: "1.10"
                ---
                implementation: vendor-a.com/my-nic-driver/3.1~rc+1
                models: {}
                """,
            messages: ["did you mean 'example.com/nic'?"]),
        RuleCase(
            "duplicate-model", "one model id in two files",
            triggering: [
                ("a.yaml", "model: example.com/nic\n"),
                ("b.yaml", "model: 1️⃣example.com/nic\n"),
            ],
            clean: [
                ("a.yaml", "model: example.com/nic\n"),
                ("b.yaml", "model: example.com/nic2\n"),
            ]),
        RuleCase(
            "duplicate-implementation", "one implementation id twice",
            triggering: """
                implementation: example.com/vmm/1
                models: {}
                ---
                implementation: 1️⃣example.com/vmm/1
                models: {}
                """,
            clean: """
                implementation: example.com/vmm/1
                models: {}
                ---
                implementation: example.com/vmm/1.0
                models: {}
                """),
        RuleCase(
            "duplicate-version", "a version name twice in one model",
            triggering: """
                model: example.com/nic
                versions:
                  - version: "1"
                  - version: 1️⃣"1"
                """,
            clean: """
                model: example.com/nic
                versions:
                  - version: "1"
                  - version: "1.0"
                ---
                model: example.com/other
                versions:
                  - version: "1"
                """),
        RuleCase(
            "invalid-domain", "empty allowed, min > max, an item twice, values on a non-enum, enum without values, duplicate enum values, allowed outside the enum",
            triggering: """
                model: example.com/nic
                parameters:
                  a: {type: int, allowed: 1️⃣[]}
                  b: {type: int, allowed: [2️⃣{min: 5, max: 4}]}
                  c: {type: int, allowed: [1, 0x10, 3️⃣16]}
                  d: {type: bool, 4️⃣values: [x]}
                  e: 5️⃣{type: enum}
                  f: {type: enum, values: [x, 6️⃣x]}
                  g: {type: enum, values: [x, y], allowed: [x, 7️⃣z]}
                """,
            clean: """
                model: example.com/nic
                parameters:
                  a: {type: int, default: 0, allowed: [0]}
                  b: {type: int, default: 4, allowed: [{min: 4, max: 4}, {min: 0, max: 10}, 5]}
                  f: {type: enum, values: [x, y], allowed: [y], default: y}
                """),
        RuleCase(
            "default-not-allowed", "defaults outside allowed and outside the enum's values",
            triggering: """
                model: example.com/nic
                parameters:
                  rx: {type: int, default: 1️⃣8, allowed: [0, 16, {min: 32, max: 64}]}
                  mode: {type: enum, values: [single, multi], default: 2️⃣triple}
                  rss: {type: bool, default: 3️⃣off, allowed: [on]}
                """,
            clean: """
                model: example.com/nic
                parameters:
                  rx: {type: int, default: 48, allowed: [0, 16, {min: 32, max: 64}]}
                  mode: {type: enum, values: [single, multi], default: multi}
                  rss: {type: bool, default: on, allowed: [on]}
                """),
        RuleCase(
            "unknown-parameter", "a version and an implementation naming parameters the model lacks",
            triggering: withNIC("""
                implementation: example.com/vmm/1
                models:
                  example.com/nic:
                    parameters:
                      slots: {}
                      1️⃣rs: {}
                """) + [("models/z.yaml", """
                model: example.com/other
                parameters:
                  rss: {type: bool, default: off}
                versions:
                  - version: "1"
                    set: {2️⃣rsss: on}
                """)],
            clean: withNIC("""
                implementation: example.com/vmm/1
                models:
                  example.com/nic:
                    parameters:
                      slots: {}
                      rss: {}
                """),
            messages: ["did you mean 'rss'?", "did you mean 'rss'?"]),
        RuleCase(
            "value-not-allowed", "versions setting values outside the domain",
            triggering: """
                model: example.com/nic
                parameters:
                  rx: {type: int, default: 0, allowed: [0, 16, {min: 32, max: 64}]}
                  mode: {type: enum, values: [single, multi], default: single}
                versions:
                  - version: "1"
                    set: {rx: 1️⃣17, mode: 2️⃣triple}
                  - version: "2"
                    set: {rx: 3️⃣0x41}
                """,
            clean: """
                model: example.com/nic
                parameters:
                  rx: {type: int, default: 0, allowed: [0, 16, {min: 32, max: 64}]}
                  mode: {type: enum, values: [single, multi], default: single}
                versions:
                  - version: "1"
                    set: {rx: 16, mode: multi}
                  - version: "2"
                    set: {rx: 0x40}
                """),
        RuleCase(
            "unknown-extends", "extends naming a later version, itself, or nothing",
            triggering: """
                model: example.com/nic
                parameters:
                  rss: {type: bool, default: off}
                versions:
                  - version: "1"
                    extends: 1️⃣"2"
                  - version: "2"
                    extends: 2️⃣"2"
                  - version: "3"
                    extends: 3️⃣"1.5"
                """,
            clean: """
                model: example.com/nic
                parameters:
                  rss: {type: bool, default: off}
                versions:
                  - version: "1"
                  - version: "2"
                    extends: "1"
                    set: {rss: on}
                  - version: "3"
                    extends: "1"
                """,
            messages: [
                "which is no earlier version of model 'example.com/nic'",
                "the closest older version is '1'; the versions are '1'",
                "the closest older version is '1'; the versions are '1', '2'",
            ]),
        RuleCase(
            "version-missing-value", "a version that leaves a parameter without default unset",
            triggering: """
                model: example.com/nic
                parameters:
                  slots: {type: int}
                  rss: {type: bool, default: off}
                versions:
                  - version: 1️⃣"1"
                    set: {rss: on}
                  - version: "2"
                    set: {slots: 8}
                """,
            clean: """
                model: example.com/nic
                parameters:
                  slots: {type: int}
                versions:
                  - version: "1"
                    set: {slots: 8}
                  - version: "2"
                    extends: "1"
                """),
        RuleCase(
            "identical-versions", "a version with a set key that expands like an earlier one",
            triggering: """
                model: example.com/nic
                parameters:
                  rss: {type: bool, default: off}
                versions:
                  - version: "1"
                  - version: "2"
                    set: {rss: on}
                  - version: 1️⃣"3"
                    extends: "2"
                    set: {}
                  - version: 2️⃣"4"
                    set: {rss: false}
                """,
            clean: """
                model: example.com/nic
                parameters:
                  rss: {type: bool, default: off}
                versions:
                  - version: "1"
                  - version: "2"
                    set: {rss: on}
                  - version: "2.1"
                    extends: "2"
                """),
        RuleCase(
            "unknown-model", "an implementation naming a model the registry lacks",
            triggering: withNIC("""
                implementation: example.com/vmm/1
                models:
                  1️⃣example.com/nick: {}
                """),
            clean: withNIC("""
                implementation: example.com/vmm/1
                models:
                  example.com/nic:
                    parameters: {slots: {}}
                """),
            messages: ["did you mean 'example.com/nic'?"]),
        RuleCase(
            "unknown-model", "a machine mapping a model the registry lacks",
            triggering: [("models/nic.yaml", nic), ("machines/m.yaml", """
                machine: example.com/machines/m-1
                versions:
                  1️⃣example.com/nick: "1"
                """)],
            clean: [("models/nic.yaml", nic), ("machines/m.yaml", """
                machine: example.com/machines/m-1
                versions:
                  example.com/nic: "1"
                """)],
            messages: ["machine 'example.com/machines/m-1' maps model 'example.com/nick'"]),
        RuleCase(
            "unknown-machine", "an extends and an implementation's machines naming machines the registry lacks",
            triggering: [("models/nic.yaml", nic), ("machines/m.yaml", """
                machine: example.com/machines/m-2
                extends: 1️⃣example.com/machines/m-0
                versions: {example.com/nic: "2"}
                """), ("implementations/impl.yaml", """
                implementation: example.com/vmm/1
                machines: [example.com/machines/m-2, 2️⃣example.com/machines/m-3]
                models: {example.com/nic: {parameters: {slots: {}}}}
                """)],
            clean: [("models/nic.yaml", nic), ("machines/m.yaml", """
                machine: example.com/machines/m-1
                versions: {example.com/nic: "1"}
                ---
                machine: example.com/machines/m-2
                extends: example.com/machines/m-1
                versions: {example.com/nic: "2"}
                """), ("implementations/impl.yaml", """
                implementation: example.com/vmm/1
                machines: [example.com/machines/m-2, example.com/machines/m-1]
                models: {example.com/nic: {parameters: {slots: {}}}}
                """)],
            messages: ["extends 'example.com/machines/m-0', which the registry lacks", "provides machine 'example.com/machines/m-3'"]),
        RuleCase(
            "duplicate-machine", "two documents defining one machine",
            triggering: [("models/nic.yaml", nic), ("machines/a.yaml", """
                machine: example.com/machines/m-1
                versions: {example.com/nic: "1"}
                """), ("machines/b.yaml", """
                machine: 1️⃣example.com/machines/m-1
                versions: {example.com/nic: "2"}
                """)],
            clean: [("models/nic.yaml", nic), ("machines/a.yaml", """
                machine: example.com/machines/m-1
                versions: {example.com/nic: "1"}
                """), ("machines/b.yaml", """
                machine: example.com/machines/m-2
                versions: {example.com/nic: "2"}
                """)]),
        RuleCase(
            "unknown-version", "a machine mapping a model to a version it lacks",
            triggering: [("models/nic.yaml", nic), ("machines/m.yaml", """
                machine: example.com/machines/m-1
                versions: {example.com/nic: 1️⃣"3"}
                """)],
            clean: [("models/nic.yaml", nic), ("machines/m.yaml", """
                machine: example.com/machines/m-1
                versions: {example.com/nic: "2"}
                """)],
            messages: ["to version '3', which the model lacks"]),
        RuleCase(
            "unknown-extends", "machines extending each other in a cycle",
            triggering: [("models/nic.yaml", nic), ("machines/m.yaml", """
                machine: example.com/machines/a
                extends: 1️⃣example.com/machines/b
                ---
                machine: example.com/machines/b
                extends: 2️⃣example.com/machines/a
                """)],
            clean: [("models/nic.yaml", nic), ("machines/m.yaml", """
                machine: example.com/machines/a
                ---
                machine: example.com/machines/b
                extends: example.com/machines/a
                """)]),
        RuleCase(
            "unknown-document", "a document with both 'model' and 'machine'",
            triggering: """
                1️⃣model: example.com/nic
                machine: example.com/machines/m
                """,
            clean: """
                machine: example.com/machines/m
                """),
        RuleCase(
            "allowed-outside-domain", "an implementation allowing values the model does not",
            triggering: withNIC("""
                implementation: example.com/vmm/1
                models:
                  example.com/nic:
                    parameters:
                      slots: {}
                      rx: {allowed: [0, 1️⃣17, 2️⃣{min: 32, max: 65}]}
                      mode: {allowed: [single, 3️⃣triple]}
                """),
            clean: withNIC("""
                implementation: example.com/vmm/1
                models:
                  example.com/nic:
                    parameters:
                      slots: {allowed: [8]}
                      rx: {allowed: [0, 16, {min: 32, max: 40}, 64]}
                      mode: {allowed: [single]}
                """)),
        RuleCase(
            "missing-required-parameter", "an implementation omitting a parameter without default",
            triggering: withNIC("""
                implementation: example.com/vmm/1
                models:
                  1️⃣example.com/nic:
                    parameters: {rss: {}}
                """),
            clean: withNIC("""
                implementation: example.com/vmm/1
                models:
                  example.com/nic:
                    parameters: {slots: {}}
                """)),
        RuleCase(
            "default-unsupported", "an implementation that cannot run a parameter at its default",
            triggering: withNIC("""
                implementation: example.com/vmm/1
                models:
                  example.com/nic:
                    parameters:
                      slots: {}
                      rss: {allowed: 1️⃣[on]}
                      rx: {allowed: 2️⃣[16, {min: 32, max: 64}]}
                """),
            clean: withNIC("""
                implementation: example.com/vmm/1
                models:
                  example.com/nic:
                    parameters:
                      slots: {}
                      rss: {allowed: [off]}
                      rx: {allowed: [{min: 0, max: 0}, 16]}
                """)),
        RuleCase(
            "default-unsupported", "an implementation whose one range leaves out the default (the usual list, read apart)",
            triggering: withNIC("""
                implementation: example.com/vmm/1
                models:
                  example.com/nic:
                    parameters:
                      slots: {}
                      rx: {allowed: 1️⃣[{min: 32, max: 64}]}
                """),
            clean: withNIC("""
                implementation: example.com/vmm/1
                models:
                  example.com/nic:
                    parameters:
                      slots: {}
                      rx: {allowed: [{min: 0, max: 0}]}
                """)),
    ]
}
