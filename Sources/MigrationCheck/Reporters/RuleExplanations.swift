// The explanations `migcheck rules RULE` prints, one for every rule of the catalogue, in its order.
//
// Each example is minimal and self-contained: run `arguments` in a folder holding `files`, and migcheck
// prints `finding` (the tests do exactly that; the probe examples need QEMU 7.2 on PATH). Record a
// finding line by running the example, never by writing it by hand.

extension RuleExplanation {
    /// Every rule's explanation, in the order of ``RuleCatalogue/groups``.
    public static let all: [RuleExplanation] = [
        // MARK: validate: the registry (SPEC 2.7, 10.1)

        RuleExplanation(
            rule: "yaml-syntax",
            triggers: """
                libyaml, the YAML parser migcheck uses, cannot read the text of a registry file: an unclosed bracket
                or quote, a wrong indentation, a tab where YAML expects spaces, a key without its colon. The message
                carries libyaml's own problem and context, at the line and column where libyaml noticed it. Invalid
                UTF-8 is reported here too, at the line and column of the first bad byte.
                """,
            example: RuleExample(
                files: [
                    .init("registry/nic.yaml", """
                        model: example.com/nic
                        parameters: [rss, rx
                        """),
                ],
                arguments: ["validate", "registry"],
                finding: "registry/nic.yaml:3:1: error: did not find expected ',' or ']' while parsing a flow sequence [yaml-syntax]"),
            fix: """
                Correct the YAML at the position named or just before it: libyaml often notices a problem only at
                the next token, so an unclosed `[` is reported where the file ends. Quote a value that contains `: `
                or starts with `[`, `{`, `&`, `*` or `!`.
                """),
        RuleExplanation(
            rule: "unsupported-yaml",
            triggers: """
                The file uses YAML that lies outside the subset migcheck reads (SPEC 2.2): an anchor (`&name`), an
                alias (`*name`), a merge key (`<<`), an explicit tag (`!foo`, `!!str`), nesting deeper than 64
                levels, or a file larger than 64 MiB. They are refused so that what a person reads is what migcheck
                reads: an alias or a merge key takes a value from elsewhere, and a tag changes how a scalar is
                typed. VM configurations and host inventories are held to the same subset; there a violation is an
                input error (exit 2).
                """,
            example: RuleExample(
                files: [
                    .init("registry/nic.yaml", """
                        model: example.com/nic
                        parameters:
                          rss: &flag {type: bool, default: off}
                          tso: *flag
                        """),
                ],
                arguments: ["validate", "registry"],
                finding: "registry/nic.yaml:3:8: error: anchors ('&flag') are not supported [unsupported-yaml]"),
            fix: """
                Write each value out in full where it is needed, and drop tags: migcheck types every scalar by what
                the schema expects at its place, so `!!str` or `!!bool` is never needed. Split a file over 64 MiB
                into several files; how documents are split into files is free.
                """),
        RuleExplanation(
            rule: "duplicate-key",
            triggers: """
                A mapping has the same key twice. libyaml accepts that, and most YAML readers silently keep one of
                the two values; migcheck refuses it, because two readers could disagree on which. The finding is at
                the second key, and a note points at the first.
                """,
            example: RuleExample(
                files: [
                    .init("registry/nic.yaml", """
                        model: example.com/nic
                        parameters:
                          rss: {type: bool, default: off}
                          rss: {type: bool, default: on}
                        """),
                ],
                arguments: ["validate", "registry"],
                finding: "registry/nic.yaml:4:3: error: duplicate key 'rss' [duplicate-key]"),
            fix: """
                Keep one of the two entries. If both were meant, the second belongs elsewhere: under another name,
                or at another level of the file.
                """),
        RuleExplanation(
            rule: "unknown-key",
            triggers: """
                A mapping has a key that the schema does not define at that place (SPEC 2.5, 2.6, 10.1, 10.2):
                `defualt` in a parameter, or `version` instead of `versions` at the top of a model. Keys are
                case-sensitive. The message suggests the closest known key when one is near.
                """,
            example: RuleExample(
                files: [
                    .init("registry/nic.yaml", """
                        model: example.com/nic
                        parameters:
                          rss: {type: bool, defualt: off}
                        """),
                ],
                arguments: ["validate", "registry"],
                finding: "registry/nic.yaml:3:21: error: unknown key 'defualt' in parameter 'rss'; did you mean 'default'? [unknown-key]"),
            fix: """
                Correct the spelling (the suggested key is usually the one meant), or move the key to the level
                where it belongs. There is no place for keys of your own: put notes in `description`.
                """),
        RuleExplanation(
            rule: "missing-key",
            triggers: """
                A required key is absent: `type` in a parameter, `version` in an entry of `versions`, `min` or `max`
                in a range of `allowed`, `models` in an implementation document. The finding is at the mapping that
                lacks the key.
                """,
            example: RuleExample(
                files: [
                    .init("registry/nic.yaml", """
                        model: example.com/nic
                        parameters:
                          rss: {default: off}
                        """),
                ],
                arguments: ["validate", "registry"],
                finding: "registry/nic.yaml:3:8: error: missing key 'type' in parameter 'rss' [missing-key]"),
            fix: """
                Add the key. A parameter's `type` is one of `bool`, `int`, `enum` and `string`; an implementation
                that provides no model yet still writes `models: {}`.
                """),
        RuleExplanation(
            rule: "wrong-type",
            triggers: """
                A node is of the wrong kind (a list where a mapping is expected, a mapping where text is expected),
                or a scalar is not a value of the type expected at its place: `yes` where a bool is expected (only
                `true`, `false`, `on` and `off` are), `12abc` or a number beyond 64 bits where an int is expected,
                `float` as a parameter type. `null`, `~` or an empty value where a value is required is wrong-type
                too. A value of the right type that lies outside the parameter's domain is another rule:
                default-not-allowed, value-not-allowed or allowed-outside-domain.
                """,
            example: RuleExample(
                files: [
                    .init("registry/nic.yaml", """
                        model: example.com/nic
                        parameters:
                          rss: {type: bool, default: yes}
                        """),
                ],
                arguments: ["validate", "registry"],
                finding: "registry/nic.yaml:3:30: error: 'yes' is not a bool (true, false, on or off), for 'default' of parameter 'rss' [wrong-type]"),
            fix: """
                Write the value in a spelling of SPEC 2.4: a bool is `true`, `false`, `on` or `off`, in lower case;
                an int is decimal, or hexadecimal with `0x`, with an optional `-`; an enum value is one of the names
                in `values`; a string is any text on one line, and the empty string is written `""`. Quoting never
                changes a value's meaning, so `"32"` is an int where an int is expected.
                """),
        RuleExplanation(
            rule: "unknown-document",
            triggers: """
                A document of a registry file is not exactly one of a model (key `model`), an implementation (key
                `implementation`) and a machine (key `machine`): it has none of these keys, or more than one of
                them.
                """,
            example: RuleExample(
                files: [
                    .init("registry/nic.yaml", """
                        model: example.com/nic
                        implementation: example.com/vmm/1
                        """),
                ],
                arguments: ["validate", "registry"],
                finding: "registry/nic.yaml:1:1: error: document has 'model' and 'implementation': it must be one of a model, an implementation and a machine [unknown-document]"),
            fix: """
                Give the document its one defining key. A document that defines two things becomes two documents,
                separated by a line `---`.
                """),
        RuleExplanation(
            rule: "invalid-id",
            triggers: """
                A name breaks the syntax of SPEC 2.3. A model, implementation or machine id is a domain name (with
                at least one dot) followed by one or more `/`-separated segments of `[A-Za-z0-9._~+-]`: ASCII, no
                scheme, no whitespace, no empty segment, no trailing `/`. A parameter name is 1 to 64 characters of
                `[A-Za-z0-9_.-]`, not starting with `.` or `-`. A version name or an enum value is 1 to 64 printable
                ASCII characters without whitespace. For an id written with a scheme (`https://`), the message
                suggests the id without it.
                """,
            example: RuleExample(
                files: [
                    .init("registry/nic.yaml", """
                        model: https://example.com/nic
                        """),
                ],
                arguments: ["validate", "registry"],
                finding: "registry/nic.yaml:1:8: error: invalid model id 'https://example.com/nic': ids have no scheme; did you mean 'example.com/nic'? [invalid-id]"),
            fix: """
                Rename it to fit the syntax. Ids are compared as exact strings and never normalised, so write one
                spelling everywhere the id is used: `example.com/nic`, never `https://example.com/nic`.
                """),
        RuleExplanation(
            rule: "duplicate-model",
            triggers: """
                Two documents, in one file or in two, define the same model id. Ids are compared as exact strings.
                The finding is at the later definition (files are read in sorted path order), and a note points at
                the first.
                """,
            example: RuleExample(
                files: [
                    .init("registry/a.yaml", """
                        model: example.com/nic
                        """),
                    .init("registry/b.yaml", """
                        model: example.com/nic
                        """),
                ],
                arguments: ["validate", "registry"],
                finding: "registry/b.yaml:1:8: error: model 'example.com/nic' is defined twice [duplicate-model]"),
            fix: """
                Merge the two documents into one. If they describe different devices, give one of them a new id: a
                fork of a device model takes a new id.
                """),
        RuleExplanation(
            rule: "duplicate-implementation",
            triggers: """
                Two documents, in one file or in two, define the same implementation id.
                """,
            example: RuleExample(
                files: [
                    .init("registry/vmm.yaml", """
                        implementation: example.com/vmm/1
                        models: {}
                        ---
                        implementation: example.com/vmm/1
                        models: {}
                        """),
                ],
                arguments: ["validate", "registry"],
                finding: "registry/vmm.yaml:4:17: error: implementation 'example.com/vmm/1' is defined twice [duplicate-implementation]"),
            fix: """
                Keep one document for each release. Another release takes its own id, such as `example.com/vmm/1.1`.
                """),
        RuleExplanation(
            rule: "duplicate-version",
            triggers: """
                A model lists the same version name twice in `versions`. Version names are compared as exact
                strings, so `"1"` and `"1.0"` are two names.
                """,
            example: RuleExample(
                files: [
                    .init("registry/nic.yaml", """
                        model: example.com/nic
                        versions:
                          - version: "1"
                          - version: "1"
                        """),
                ],
                arguments: ["validate", "registry"],
                finding: "registry/nic.yaml:4:14: error: version '1' is defined twice in model 'example.com/nic' [duplicate-version]"),
            fix: """
                Remove the repeated entry, or rename it. Renaming a version that configurations already name breaks
                them: `migcheck diff` reports that as version-removed.
                """),
        RuleExplanation(
            rule: "invalid-domain",
            triggers: """
                A parameter's domain is malformed: `allowed` is empty; a range has `min` greater than `max`; an item
                appears twice in `allowed` (ranges may overlap); `values` is given for a type other than enum; an
                enum has no `values`, or a name twice in them; an item of `allowed` is not a value of the type (for
                an enum, a name missing from `values`).
                """,
            example: RuleExample(
                files: [
                    .init("registry/nic.yaml", """
                        model: example.com/nic
                        parameters:
                          rx: {type: int, allowed: [{min: 32, max: 16}]}
                        """),
                ],
                arguments: ["validate", "registry"],
                finding: "registry/nic.yaml:3:29: error: range in 'allowed' of parameter 'rx' has min 32 greater than max 16 [invalid-domain]"),
            fix: """
                Write `allowed` as a non-empty list of distinct values of the parameter's type, or, for an int,
                ranges `{min: A, max: B}` with A no greater than B; leave `allowed` out to allow every value of the
                type. Give every enum its `values`, each name once, and no other type any `values`.
                """),
        RuleExplanation(
            rule: "default-not-allowed",
            triggers: """
                A parameter's `default` is a value of its type but outside its domain: not in `allowed`, or, for an
                enum, not one of `values`. The default is the value that disables the change the parameter
                introduced, and an implementation that predates the parameter behaves as if it were set to it, so
                the model must allow it.
                """,
            example: RuleExample(
                files: [
                    .init("registry/nic.yaml", """
                        model: example.com/nic
                        parameters:
                          rx: {type: int, default: 8, allowed: [0, 16, 32]}
                        """),
                ],
                arguments: ["validate", "registry"],
                finding: "registry/nic.yaml:3:28: error: default 8 of parameter 'rx' is outside its domain [0, 16, 32] [default-not-allowed]"),
            fix: """
                Correct the default to the value that disables the feature, or add it to `allowed`.
                """),
        RuleExplanation(
            rule: "unknown-parameter",
            triggers: """
                A version's `set`, or an implementation's `parameters` for a model, names a parameter that the model
                does not define. The message suggests the closest parameter name when one is near.
                """,
            example: RuleExample(
                files: [
                    .init("registry/nic.yaml", """
                        model: example.com/nic
                        parameters:
                          rss: {type: bool, default: off}
                          rx: {type: int, default: 0, allowed: [0, 16, 32]}
                        versions:
                          - version: "1"
                          - version: "2"
                            set: {rss: on}
                        ---
                        implementation: example.com/vmm/1
                        models:
                          example.com/nic:
                            parameters: {rs: {}}
                        """),
                ],
                arguments: ["validate", "registry"],
                finding: "registry/nic.yaml:13:18: error: implementation 'example.com/vmm/1' names parameter 'rs', which model 'example.com/nic' does not have; did you mean 'rss'? [unknown-parameter]"),
            fix: """
                Correct the name, or add the parameter to the model first, with a default that disables it so that
                existing configurations still expand.
                """),
        RuleExplanation(
            rule: "value-not-allowed",
            triggers: """
                A version's `set` gives a parameter a value of its type but outside its domain: not in its
                `allowed`, or, for an enum, not one of its `values`.
                """,
            example: RuleExample(
                files: [
                    .init("registry/nic.yaml", """
                        model: example.com/nic
                        parameters:
                          rx: {type: int, default: 0, allowed: [0, 16, 32]}
                        versions:
                          - version: "1"
                            set: {rx: 24}
                        """),
                ],
                arguments: ["validate", "registry"],
                finding: "registry/nic.yaml:6:15: error: version '1' sets 'rx' to 24, outside its domain [0, 16, 32] [value-not-allowed]"),
            fix: """
                Set a value the parameter allows. If the device really supports the value, widen the model's
                `allowed` instead: a wider domain breaks nothing (`migcheck diff` reports it as domain-widened, an
                info).
                """),
        RuleExplanation(
            rule: "unknown-extends",
            triggers: """
                A version's `extends` names no earlier version of the same model: a later version, the version
                itself, or a name the model lacks. A version can only build on one listed above it, so that the list
                stays oldest first. When the model has versions above this one, the message names the closest older
                one and lists them.
                Machines whose `extends` form a cycle are reported under this rule too.
                """,
            example: RuleExample(
                files: [
                    .init("registry/nic.yaml", """
                        model: example.com/nic
                        parameters:
                          rss: {type: bool, default: off}
                        versions:
                          - version: "1"
                            extends: "2"
                          - version: "2"
                            set: {rss: on}
                        """),
                ],
                arguments: ["validate", "registry"],
                finding: "registry/nic.yaml:6:14: error: version '1' extends '2', which is no earlier version of model 'example.com/nic' [unknown-extends]"),
            fix: """
                Point `extends` at a version listed above this one, or move this version below the one it extends.
                Break a cycle of machines by removing one of their `extends`.
                """),
        RuleExplanation(
            rule: "version-missing-value",
            triggers: """
                Expanding a version (the defaults, then the `set` of each version along its `extends` chain) leaves
                a parameter that has no default without a value. Such a parameter cannot be disabled, so every
                version must give it a value: without one, no configuration naming the version could be expanded.
                The finding is at the version's name.
                """,
            example: RuleExample(
                files: [
                    .init("registry/nic.yaml", """
                        model: example.com/nic
                        parameters:
                          slots: {type: int}
                        versions:
                          - version: "1"
                        """),
                ],
                arguments: ["validate", "registry"],
                finding: "registry/nic.yaml:5:14: error: version '1' leaves 'slots' unset, and it has no default [version-missing-value]"),
            fix: """
                Set the parameter in the version's `set`, or in a version it extends.
                """),
        RuleExplanation(
            rule: "identical-versions",
            triggers: """
                A version that has a `set` key (even `set: {}`) expands to exactly the values of an earlier version
                of the same model. A `set` announces a device change, but no parameter tells the two versions apart,
                so a check cannot either. A version without a `set` key is a deliberate synonym and is never
                reported. A warning: `validate` still exits 0, and 1 only with `--strict`.
                """,
            example: RuleExample(
                files: [
                    .init("registry/nic.yaml", """
                        model: example.com/nic
                        parameters:
                          rss: {type: bool, default: off}
                        versions:
                          - version: "1"
                            set: {rss: on}
                          - version: "2"
                            extends: "1"
                            set: {}
                        """),
                ],
                arguments: ["validate", "registry"],
                finding: "registry/nic.yaml:7:14: warning: version '2' expands to exactly the values of version '1': give the change a parameter, or drop 'set' to make it a synonym [identical-versions]"),
            fix: """
                If the version is a synonym, remove its `set` key and keep its `extends`. If the device really
                changed, add a parameter for the change, with the default that disables it, and set it in this
                version.
                """),
        RuleExplanation(
            rule: "unknown-model",
            triggers: """
                An implementation's `models`, or a machine's `versions`, names a model the registry lacks. The
                message suggests the closest model id when one is near.
                """,
            example: RuleExample(
                files: [
                    .init("registry/nic.yaml", """
                        model: example.com/nic
                        parameters:
                          rss: {type: bool, default: off}
                          rx: {type: int, default: 0, allowed: [0, 16, 32]}
                        versions:
                          - version: "1"
                          - version: "2"
                            set: {rss: on}
                        ---
                        implementation: example.com/vmm/1
                        models:
                          example.com/nick: {}
                        """),
                ],
                arguments: ["validate", "registry"],
                finding: "registry/nic.yaml:12:3: error: implementation 'example.com/vmm/1' names model 'example.com/nick', which the registry lacks; did you mean 'example.com/nic'? [unknown-model]"),
            fix: """
                Correct the id, or add the model's document to the registry.
                """),
        RuleExplanation(
            rule: "allowed-outside-domain",
            triggers: """
                An implementation's `allowed` for a parameter holds values outside the model's domain for it: a
                value the model's `allowed` lacks, a range that reaches beyond it, an enum name missing from
                `values`. An implementation can only narrow what the model allows.
                """,
            example: RuleExample(
                files: [
                    .init("registry/nic.yaml", """
                        model: example.com/nic
                        parameters:
                          rss: {type: bool, default: off}
                          rx: {type: int, default: 0, allowed: [0, 16, 32]}
                        versions:
                          - version: "1"
                          - version: "2"
                            set: {rss: on}
                        ---
                        implementation: example.com/vmm/1
                        models:
                          example.com/nic:
                            parameters:
                              rx: {allowed: [0, 64]}
                        """),
                ],
                arguments: ["validate", "registry"],
                finding: "registry/nic.yaml:14:25: error: implementation 'example.com/vmm/1' allows 64 for 'rx', outside the model's domain [0, 16, 32] [allowed-outside-domain]"),
            fix: """
                Remove those values from the implementation's `allowed`. If the device really accepts them, widen
                the model's domain first.
                """),
        RuleExplanation(
            rule: "missing-required-parameter",
            triggers: """
                An implementation lists a model but not one of the model's parameters that has no default. Such a
                parameter cannot be disabled, so an implementation that did not recognise it could instantiate no
                device of the model.
                """,
            example: RuleExample(
                files: [
                    .init("registry/nic.yaml", """
                        model: example.com/nic
                        parameters:
                          slots: {type: int, allowed: [8, 16]}
                        ---
                        implementation: example.com/vmm/1
                        models:
                          example.com/nic: {}
                        """),
                ],
                arguments: ["validate", "registry"],
                finding: "registry/nic.yaml:7:3: error: implementation 'example.com/vmm/1' omits 'slots' of model 'example.com/nic', which has no default [missing-required-parameter]"),
            fix: """
                List the parameter in the implementation's entry for the model, with `allowed` when it supports only
                some values. If the implementation does not provide the parameter, it does not implement the model:
                remove the model from it.
                """),
        RuleExplanation(
            rule: "default-unsupported",
            triggers: """
                An implementation recognises a parameter, but its `allowed` excludes the parameter's default.
                Devices from releases that predate the parameter run at the default, so this implementation cannot
                take them: a check of such a device against it gives value-not-supported. A warning, since dropping
                an old mode can be deliberate.
                """,
            example: RuleExample(
                files: [
                    .init("registry/nic.yaml", """
                        model: example.com/nic
                        parameters:
                          rss: {type: bool, default: off}
                          rx: {type: int, default: 0, allowed: [0, 16, 32]}
                        versions:
                          - version: "1"
                          - version: "2"
                            set: {rss: on}
                        ---
                        implementation: example.com/vmm/1
                        models:
                          example.com/nic:
                            parameters:
                              rss: {allowed: [on]}
                        """),
                ],
                arguments: ["validate", "registry"],
                finding: "registry/nic.yaml:14:22: warning: implementation 'example.com/vmm/1' does not allow 'rss' at its default false, so it cannot take devices from releases that predate the parameter [default-unsupported]"),
            fix: """
                If the implementation can run the parameter at its default, add the default to its `allowed`. If it
                really cannot, keep the entry as it is: migcheck then refuses older devices on this implementation,
                as it should.
                """),
        RuleExplanation(
            rule: "unreadable-file",
            triggers: """
                A file or folder below the registry cannot be read: permission is denied, a symbolic link loops or
                points at nothing, or a name ending in `.yaml` or `.yml` is not a regular file (a FIFO, a device).
                The rest of the registry is still read and validated.
                """,
            example: RuleExample(
                files: [
                    .init("registry/nic.yaml", """
                        model: example.com/nic
                        """),
                ],
                links: [.init("registry/old.yaml", to: "missing.yaml")],
                arguments: ["validate", "registry"],
                finding: "registry/old.yaml:1:1: error: cannot read 'registry/old.yaml': a symlink to nothing [unreadable-file]"),
            fix: """
                Fix the permissions or the link, or remove the entry. To keep something that is not a registry file
                below the registry, give it a name that migcheck skips: one that starts with `.`, or one that ends
                in neither `.yaml` nor `.yml`.
                """),
        RuleExplanation(
            rule: "unknown-machine",
            triggers: """
                A machine's `extends`, or an implementation's `machines`, names a machine the registry lacks.
                """,
            example: RuleExample(
                files: [
                    .init("registry/vmm.yaml", """
                        machine: example.com/machines/pc-q35-7.2
                        ---
                        implementation: example.com/vmm/1
                        machines: [example.com/machines/pc-q53-7.2]
                        models: {}
                        """),
                ],
                arguments: ["validate", "registry"],
                finding: "registry/vmm.yaml:4:12: error: implementation 'example.com/vmm/1' provides machine 'example.com/machines/pc-q53-7.2', which the registry lacks; did you mean 'example.com/machines/pc-q35-7.2'? [unknown-machine]"),
            fix: """
                Correct the id, or add the machine's document to the registry.
                """),
        RuleExplanation(
            rule: "duplicate-machine",
            triggers: """
                Two documents, in one file or in two, define the same machine id.
                """,
            example: RuleExample(
                files: [
                    .init("registry/machines.yaml", """
                        machine: example.com/machines/m-1
                        ---
                        machine: example.com/machines/m-1
                        """),
                ],
                arguments: ["validate", "registry"],
                finding: "registry/machines.yaml:3:10: error: machine 'example.com/machines/m-1' is defined twice [duplicate-machine]"),
            fix: """
                Keep one document for the machine, with all its versions. A machine whose map changed is a new
                machine with its own id, which can `extends` the old one.
                """),
        RuleExplanation(
            rule: "unknown-version",
            triggers: """
                A machine's `versions` maps a model to a version name that the model lacks.
                """,
            example: RuleExample(
                files: [
                    .init("registry/nic.yaml", """
                        model: example.com/nic
                        parameters:
                          rss: {type: bool, default: off}
                          rx: {type: int, default: 0, allowed: [0, 16, 32]}
                        versions:
                          - version: "1"
                          - version: "2"
                            set: {rss: on}
                        ---
                        machine: example.com/machines/m-1
                        versions: {example.com/nic: "3"}
                        """),
                ],
                arguments: ["validate", "registry"],
                finding: "registry/nic.yaml:11:29: error: machine 'example.com/machines/m-1' maps model 'example.com/nic' to version '3', which the model lacks; did you mean '1'? [unknown-version]"),
            fix: """
                Map the model to one of its versions (`migcheck show MODEL` lists them), or add the version to the
                model.
                """),
        // MARK: check and the fleet commands (SPEC 5, 10.1, 10.2)

        RuleExplanation(
            rule: "model-not-implemented",
            triggers: """
                No implementation of the destination implements the device's model. It is reported once for the
                device, however many implementations the destination has. `check`, `baseline`, `matrix` and `batch`
                report it.
                """,
            example: RuleExample(
                files: [
                    .init("registry/nic.yaml", """
                        model: example.com/nic
                        parameters:
                          rss: {type: bool, default: off}
                          rx: {type: int, default: 0, allowed: [0, 16, 32]}
                        versions:
                          - version: "1"
                          - version: "2"
                            set: {rss: on}
                        ---
                        implementation: example.com/vmm/1
                        models: {}
                        """),
                ],
                arguments: ["check", "--model", "example.com/nic", "--to", "example.com/vmm/1"],
                finding: "error: no implementation of 'example.com/vmm/1' implements model 'example.com/nic' [model-not-implemented]"),
            fix: """
                Move the VM to a destination with an implementation of the model (the finding's fix line names those
                the registry has), or add one to the destination.
                """),
        RuleExplanation(
            rule: "value-not-supported",
            triggers: """
                An implementation of the destination recognises the parameter, but the device's value is not one it
                supports: its `allowed` for the parameter, or the model's whole domain when it lists none, narrowed
                further by the host's `narrow` in a host inventory (the message then names the host). Values are
                compared in canonical form (`on` is `true`, `0x20` is 32) and exactly: a device with `rx: 16` needs
                a destination that supports 16 itself, not 16 or more.
                """,
            example: RuleExample(
                files: [
                    .init("registry/nic.yaml", Shared.nicOnNarrowVMM),
                ],
                arguments: ["check", "--model", "example.com/nic", "--set", "rx=32", "--to", "example.com/vmm/1"],
                finding: "error: 'rx' is 32 (override), but 'example.com/vmm/1' supports only [0, 16] [value-not-supported]"),
            fix: """
                Run the device at a value the destination supports (a guest-visible change: the VM must be restarted
                or the device re-plugged), or choose a destination whose implementation supports the value. The
                finding's fix line names both: the newest version the destination accepts, and destinations that
                would take the device as it is. Only when the refusal is known to be harmless, accept it with
                `--waive value-not-supported:MODEL:PARAMETER`.
                """),
        RuleExplanation(
            rule: "parameter-not-supported",
            triggers: """
                The destination's implementation does not recognise the parameter (its entry for the model does not
                list it), so it can only run the device as if the parameter were at its default, and the device's
                value is not the default. The device uses a change that the destination's release predates.
                """,
            example: RuleExample(
                files: [
                    .init("registry/nic.yaml", Shared.nicOnNarrowVMM),
                ],
                arguments: ["check", "--model", "example.com/nic", "--version", "2", "--to", "example.com/vmm/1"],
                finding: "error: 'rss' is true (version 2); 'example.com/vmm/1' runs it only at its default false [parameter-not-supported]"),
            fix: """
                Create the device with a version the destination accepts, or with the parameter at its default (a
                guest-visible change: the VM must be restarted or the device re-plugged), or move it to a
                destination whose implementation recognises the parameter. The finding's fix line names the newest
                version the destination accepts and the destinations that would take the device as it is.
                """),
        RuleExplanation(
            rule: "machine-not-supported",
            triggers: """
                The VM names a machine (`machine:` in its file, or the machine type of a real VM) and no
                implementation of the destination provides it: none lists it under `machines`. Providing a machine
                does not provide the machines it extends. The finding is at the VM level, beside the devices' own
                findings, and refuses the VM. It is not reported when the machine itself is unknown
                (machine-unknown). `check`, `baseline`, `matrix` and `batch` report it.
                """,
            example: RuleExample(
                files: [
                    .init("registry/nic.yaml", """
                        model: example.com/nic
                        parameters:
                          rss: {type: bool, default: off}
                          rx: {type: int, default: 0, allowed: [0, 16, 32]}
                        versions:
                          - version: "1"
                          - version: "2"
                            set: {rss: on}
                        ---
                        machine: example.com/machines/m-2
                        versions: {example.com/nic: "2"}
                        ---
                        implementation: example.com/vmm/1
                        models:
                          example.com/nic:
                            parameters: {rss: {}, rx: {}}
                        """),
                    .init("vm.yaml", """
                        machine: example.com/machines/m-2
                        devices:
                          - id: net0
                            model: example.com/nic
                        """),
                ],
                arguments: ["check", "vm.yaml", "--to", "example.com/vmm/1"],
                finding: "error: no implementation of 'example.com/vmm/1' provides machine 'example.com/machines/m-2' [machine-not-supported]"),
            fix: """
                Move the VM to a destination whose implementations provide its machine. If the implementation does
                provide it, add the machine to the implementation's `machines` (`migcheck probe --verify` checks
                such a claim against the binary).
                """),
        RuleExplanation(
            rule: "model-unknown",
            triggers: """
                A device read from a real VM (a `qemu-args:` or `qmp:` reference, or a file that `migcheck vm`
                wrote) is of a model the registry lacks; QEMU's driver D is the model `qemu.org/devices/D`. migcheck
                cannot judge such a device: its verdict is unknown, never compatible, and migcheck exits 1; the
                device gets no other finding. The finding cannot be waived. `check` and its fleet commands report
                it, and so does `compare`. In a VM file written by hand an unknown model is a typo instead: an input
                error, exit 2.
                """,
            example: RuleExample(
                files: [
                    .init("registry/qemu.yaml", Shared.e1000eOnQEMU),
                    .init("vm.args", """
                        qemu-system-x86_64 -machine pc-q35-7.2 -device virtio-rng-pci,id=rng0
                        """),
                ],
                arguments: ["check", "qemu-args:vm.args", "--to", "qemu.org/qemu/7.2"],
                finding: "error: the registry has no model 'qemu.org/devices/virtio-rng-pci': add it to judge this device [model-unknown]"),
            fix: """
                Add a model document for the device to the registry, with the implementations that provide it
                (`migcheck probe` prints what a QEMU binary has in registry terms), or remove the device from the
                VM.
                """),
        RuleExplanation(
            rule: "parameter-unknown",
            triggers: """
                A device read from a real VM has a property that is neither a parameter of its model nor listed in
                the model's `host-side`. migcheck cannot tell whether the property matters to the guest, so the
                device's verdict is unknown (exit 1), unless another finding already refuses it. The finding cannot
                be waived. `check` and its fleet commands report it, and so does `compare`.
                """,
            example: RuleExample(
                files: [
                    .init("registry/qemu.yaml", Shared.e1000eOnQEMU),
                    .init("vm.args", """
                        qemu-system-x86_64 -machine pc-q35-7.2 -device e1000e,id=net0,mac=52:54:00:12:34:56,x-pcie-flr-init=off
                        """),
                ],
                arguments: ["check", "qemu-args:vm.args", "--to", "qemu.org/qemu/7.2"],
                finding: "error: 'x-pcie-flr-init' is neither a parameter of model 'qemu.org/devices/e1000e' nor host-side: add it to the model (a parameter, or host-side) to judge this device [parameter-unknown]"),
            fix: """
                Add the property to the model: as a parameter, with the default that disables it, when the guest can
                see it; under `host-side` when it only wires the device to the host (`netdev`, `drive`, `chardev`).
                """),
        RuleExplanation(
            rule: "machine-unknown",
            triggers: """
                A VM read from a real one runs on a machine type the registry has no machine document for
                (`qemu.org/machines/TYPE`). Its devices are expanded without a version and the VM's verdict is
                unknown (exit 1), unless a device is refused outright; machine-not-supported is not reported. The
                finding cannot be waived. `check` and its fleet commands report it, and so does `compare`.
                """,
            example: RuleExample(
                files: [
                    .init("registry/qemu.yaml", Shared.e1000eOnQEMU),
                    .init("vm.args", """
                        qemu-system-x86_64 -machine pc-q35-8.0 -device e1000e,id=net0,mac=52:54:00:12:34:56
                        """),
                ],
                arguments: ["check", "qemu-args:vm.args", "--to", "qemu.org/qemu/7.2"],
                finding: "error: the registry has no machine 'qemu.org/machines/pc-q35-8.0': add it to judge this VM [machine-unknown]"),
            fix: """
                Add a machine document for the machine type, mapping each model to the version the machine type
                gives it, and list the machine in the `machines` of the implementations that provide it.
                """),
        RuleExplanation(
            rule: "waiver-unused",
            triggers: """
                A `--waive RULE[:MODEL[:PARAMETER]]` (or a `waive` of a batch request) matches no finding anywhere
                in the command's answer: a waiver that no longer applies, or never did. The finding is in the
                document's top-level findings. A warning: it fails the command (exit 1) only with `--strict`.
                `check`, `compare`, `matrix` and `batch` report it.
                """,
            example: RuleExample(
                files: [
                    .init("registry/nic.yaml", Shared.nicOnNarrowVMM),
                ],
                arguments: ["check", "--model", "example.com/nic", "--to", "example.com/vmm/1", "--waive", "value-not-supported:example.com/nic:rx"],
                finding: "warning: waiver 'value-not-supported:example.com/nic:rx' matches no finding: it may be stale [waiver-unused]"),
            fix: """
                Remove the waiver, or correct its rule, model or parameter to match the finding it was meant for.
                """),
        // MARK: diff: registry evolution (SPEC 7, 10.1)

        RuleExplanation(
            rule: "model-removed",
            triggers: """
                A model of the old registry is not in the new one. VM configurations that name it can no longer be
                expanded or checked.
                """,
            example: RuleExample(
                files: [
                    .init("old/nic.yaml", """
                        model: example.com/nic
                        parameters:
                          rss: {type: bool, default: off}
                          rx: {type: int, default: 0, allowed: [0, 16, 32]}
                        versions:
                          - version: "1"
                          - version: "2"
                            set: {rss: on}
                        ---
                        model: example.com/disk
                        """),
                    .init("new/nic.yaml", Shared.nic),
                ],
                arguments: ["diff", "old", "new"],
                finding: "old/nic.yaml:10:8: error: model 'example.com/disk' was removed: configurations of it can no longer be expanded or checked [model-removed]"),
            fix: """
                Keep the model. A model is never retired while configurations may name it; a fork takes a new id
                beside the old one.
                """),
        RuleExplanation(
            rule: "version-removed",
            triggers: """
                A version of a model in the old registry is not in the new one. Configurations that name it can no
                longer be expanded. A renamed version counts as removed (and a new version added).
                """,
            example: RuleExample(
                files: [
                    .init("old/nic.yaml", Shared.nic),
                    .init("new/nic.yaml", """
                        model: example.com/nic
                        parameters:
                          rss: {type: bool, default: off}
                          rx: {type: int, default: 0, allowed: [0, 16, 32]}
                        versions:
                          - version: "1"
                        """),
                ],
                arguments: ["diff", "old", "new"],
                finding: "old/nic.yaml:7:14: error: version '2' of model 'example.com/nic' was removed: configurations that name it can no longer be expanded [version-removed]"),
            fix: """
                Keep the version. To stop recommending it, add newer versions; `expand --for` and `baseline` pick
                the newest that fits.
                """),
        RuleExplanation(
            rule: "version-changed",
            triggers: """
                A version expands to different values in the new registry than in the old one: its `set`, its
                `extends`, or a default it relies on changed. A device created with that version before the change
                is not the device the version now describes. The message names each parameter that changed, old
                value and new.
                """,
            example: RuleExample(
                files: [
                    .init("old/nic.yaml", Shared.nic),
                    .init("new/nic.yaml", """
                        model: example.com/nic
                        parameters:
                          rss: {type: bool, default: off}
                          rx: {type: int, default: 0, allowed: [0, 16, 32]}
                        versions:
                          - version: "1"
                          - version: "2"
                            set: {rss: on, rx: 16}
                        """),
                ],
                arguments: ["diff", "old", "new"],
                finding: "new/nic.yaml:7:14: error: version '2' of model 'example.com/nic' now expands to different values: 'rx' 0 → 16 [version-changed]"),
            fix: """
                Leave the released version as it was and add a new version with the new values.
                """),
        RuleExplanation(
            rule: "parameter-removed",
            triggers: """
                A parameter of a model in the old registry is not in the new one. Configurations that set it can no
                longer be expanded, and devices running with it can no longer be told apart from devices without it.
                """,
            example: RuleExample(
                files: [
                    .init("old/nic.yaml", Shared.nic),
                    .init("new/nic.yaml", """
                        model: example.com/nic
                        parameters:
                          rss: {type: bool, default: off}
                        versions:
                          - version: "1"
                          - version: "2"
                            set: {rss: on}
                        """),
                ],
                arguments: ["diff", "old", "new"],
                finding: "old/nic.yaml:4:3: error: parameter 'rx' of model 'example.com/nic' was removed: devices that set it can no longer be expanded [parameter-removed]"),
            fix: """
                Keep the parameter. A parameter records a device change, and the change does not go away.
                """),
        RuleExplanation(
            rule: "parameter-type-changed",
            triggers: """
                A parameter has a different type in the new registry than in the old one (bool, int, enum, string).
                Values written for the old type may not be values of the new one.
                """,
            example: RuleExample(
                files: [
                    .init("old/nic.yaml", Shared.nic),
                    .init("new/nic.yaml", """
                        model: example.com/nic
                        parameters:
                          rss: {type: bool, default: off}
                          rx: {type: string, default: "0"}
                        versions:
                          - version: "1"
                          - version: "2"
                            set: {rss: on}
                        """),
                ],
                arguments: ["diff", "old", "new"],
                finding: "new/nic.yaml:4:3: error: parameter 'rx' of model 'example.com/nic' changed type: int → string [parameter-type-changed]"),
            fix: """
                Keep the type. A parameter that needs another type is a new parameter with its own name.
                """),
        RuleExplanation(
            rule: "default-changed",
            triggers: """
                A parameter's default changed, was added or was removed. The default is the value that disables the
                parameter's change, and every implementation that predates the parameter behaves as if it were set
                to it: changing it changes what older releases and existing configurations mean.
                """,
            example: RuleExample(
                files: [
                    .init("old/nic.yaml", Shared.nic),
                    .init("new/nic.yaml", """
                        model: example.com/nic
                        parameters:
                          rss: {type: bool, default: on}
                          rx: {type: int, default: 0, allowed: [0, 16, 32]}
                        versions:
                          - version: "1"
                          - version: "2"
                            set: {rss: on}
                        """),
                ],
                arguments: ["diff", "old", "new"],
                finding: "new/nic.yaml:3:3: error: default of 'rss' of model 'example.com/nic' changed: false → true [default-changed]"),
            fix: """
                Restore the old default. To turn a feature on for new devices, add a version that sets it instead.
                """),
        RuleExplanation(
            rule: "domain-narrowed",
            triggers: """
                Values a parameter allowed in the old registry are no longer allowed in the new one: fewer items or
                narrower ranges in `allowed`, or fewer enum `values`. Configurations and versions that use those
                values can no longer be expanded. The message names the values and the domains before and after.
                """,
            example: RuleExample(
                files: [
                    .init("old/nic.yaml", Shared.nic),
                    .init("new/nic.yaml", """
                        model: example.com/nic
                        parameters:
                          rss: {type: bool, default: off}
                          rx: {type: int, default: 0, allowed: [0, 16]}
                        versions:
                          - version: "1"
                          - version: "2"
                            set: {rss: on}
                        """),
                ],
                arguments: ["diff", "old", "new"],
                finding: "new/nic.yaml:4:3: error: 'rx' of model 'example.com/nic' no longer allows 32 (domain [0, 16, 32] → [0, 16]) [domain-narrowed]"),
            fix: """
                Keep the values in the model's domain. To record that some release cannot run them, narrow that
                implementation's `allowed` instead: that is what implementations are for.
                """),
        RuleExplanation(
            rule: "parameter-added-without-default",
            triggers: """
                A new parameter has no default. Existing configurations do not set it, so they can no longer be
                expanded, and implementations that predate it cannot be described.
                """,
            example: RuleExample(
                files: [
                    .init("old/nic.yaml", """
                        model: example.com/nic
                        parameters:
                          rss: {type: bool, default: off}
                        """),
                    .init("new/nic.yaml", """
                        model: example.com/nic
                        parameters:
                          rss: {type: bool, default: off}
                          slots: {type: int}
                        """),
                ],
                arguments: ["diff", "old", "new"],
                finding: "new/nic.yaml:4:3: error: parameter 'slots' was added to model 'example.com/nic' without a default: configurations that worked before do not set it, and can no longer be expanded [parameter-added-without-default]"),
            fix: """
                Give the parameter the default that disables the change it introduces: an implementation that
                predates the parameter behaves exactly as if it were set to that value.
                """),
        RuleExplanation(
            rule: "implementation-removed",
            triggers: """
                An implementation of the old registry is not in the new one. Host inventories and `--to` arguments
                that name it are now input errors. A warning: retiring a release is allowed.
                """,
            example: RuleExample(
                files: [
                    .init("old/nic.yaml", Shared.nicOnVMM),
                    .init("new/nic.yaml", Shared.nic),
                ],
                arguments: ["diff", "old", "new"],
                finding: "old/nic.yaml:10:17: warning: implementation 'example.com/vmm/1' was removed [implementation-removed]"),
            fix: """
                If the release is still deployed, keep its document; otherwise remove it from inventories as well.
                """),
        RuleExplanation(
            rule: "implementation-narrowed",
            triggers: """
                An implementation no longer claims a model, a parameter or a value it claimed in the old registry.
                Devices it could take before may now be refused. A warning: correcting a claim that was wrong is
                allowed.
                """,
            example: RuleExample(
                files: [
                    .init("old/nic.yaml", Shared.nicOnVMM),
                    .init("new/nic.yaml", """
                        model: example.com/nic
                        parameters:
                          rss: {type: bool, default: off}
                          rx: {type: int, default: 0, allowed: [0, 16, 32]}
                        versions:
                          - version: "1"
                          - version: "2"
                            set: {rss: on}
                        ---
                        implementation: example.com/vmm/1
                        models:
                          example.com/nic:
                            parameters: {rss: {}, rx: {allowed: [0, 16]}}
                        """),
                ],
                arguments: ["diff", "old", "new"],
                finding: "new/nic.yaml:13:27: warning: implementation 'example.com/vmm/1' no longer supports 32 for 'rx' of model 'example.com/nic' [implementation-narrowed]"),
            fix: """
                Make sure the narrower claim is the truth (`migcheck probe --verify` checks it against a binary); if
                it is, keep it.
                """),
        RuleExplanation(
            rule: "version-order-changed",
            triggers: """
                A model's versions are listed in another order than in the old registry. Versions are oldest first,
                and the last one a destination accepts is the one `expand --for` and `baseline` pick, so the order
                decides what "newest" means.
                """,
            example: RuleExample(
                files: [
                    .init("old/nic.yaml", Shared.nic),
                    .init("new/nic.yaml", """
                        model: example.com/nic
                        parameters:
                          rss: {type: bool, default: off}
                          rx: {type: int, default: 0, allowed: [0, 16, 32]}
                        versions:
                          - version: "2"
                            set: {rss: on}
                          - version: "1"
                        """),
                ],
                arguments: ["diff", "old", "new"],
                finding: "new/nic.yaml:6:14: warning: versions of model 'example.com/nic' were reordered, which changes which is newest: '1', '2' → '2', '1' [version-order-changed]"),
            fix: """
                Restore the old order and append new versions at the end.
                """),
        RuleExplanation(
            rule: "machine-removed",
            triggers: """
                A machine of the old registry is not in the new one. VMs that name it can no longer be expanded or
                checked.
                """,
            example: RuleExample(
                files: [
                    .init("old/nic.yaml", Shared.nicInMachine),
                    .init("new/nic.yaml", Shared.nic),
                ],
                arguments: ["diff", "old", "new"],
                finding: "old/nic.yaml:10:10: error: machine 'example.com/machines/m-1' was removed: VMs on it can no longer be expanded or checked [machine-removed]"),
            fix: """
                Keep the machine's document.
                """),
        RuleExplanation(
            rule: "machine-changed",
            triggers: """
                A machine now maps a model to another version than in the old registry, or no longer maps it. A VM
                on that machine would get different devices from the same configuration. The message names the model
                and both versions.
                """,
            example: RuleExample(
                files: [
                    .init("old/nic.yaml", Shared.nicInMachine),
                    .init("new/nic.yaml", """
                        model: example.com/nic
                        parameters:
                          rss: {type: bool, default: off}
                          rx: {type: int, default: 0, allowed: [0, 16, 32]}
                        versions:
                          - version: "1"
                          - version: "2"
                            set: {rss: on}
                        ---
                        machine: example.com/machines/m-1
                        versions: {example.com/nic: "2"}
                        """),
                ],
                arguments: ["diff", "old", "new"],
                finding: "new/nic.yaml:11:29: error: machine 'example.com/machines/m-1' now maps model 'example.com/nic' to version '2', not version '1': devices of VMs on it expand differently [machine-changed]"),
            fix: """
                Leave the released machine as it was and add a new machine, which may `extends` the old one, with
                the new map.
                """),
        RuleExplanation(
            rule: "model-added",
            triggers: """
                A model is in the new registry and not in the old one. An info: additions break nothing.
                """,
            example: RuleExample(
                files: [
                    .init("old/nic.yaml", Shared.nic),
                    .init("new/nic.yaml", """
                        model: example.com/nic
                        parameters:
                          rss: {type: bool, default: off}
                          rx: {type: int, default: 0, allowed: [0, 16, 32]}
                        versions:
                          - version: "1"
                          - version: "2"
                            set: {rss: on}
                        ---
                        model: example.com/disk
                        """),
                ],
                arguments: ["diff", "old", "new"],
                finding: "new/nic.yaml:10:8: info: model 'example.com/disk' was added [model-added]"),
            fix: """
                Nothing to fix.
                """),
        RuleExplanation(
            rule: "machine-added",
            triggers: """
                A machine is in the new registry and not in the old one. An info.
                """,
            example: RuleExample(
                files: [
                    .init("old/nic.yaml", Shared.nic),
                    .init("new/nic.yaml", Shared.nicInMachine),
                ],
                arguments: ["diff", "old", "new"],
                finding: "new/nic.yaml:10:10: info: machine 'example.com/machines/m-1' was added [machine-added]"),
            fix: """
                Nothing to fix.
                """),
        RuleExplanation(
            rule: "version-added",
            triggers: """
                A model has a version in the new registry that it did not have in the old one. An info.
                """,
            example: RuleExample(
                files: [
                    .init("old/nic.yaml", Shared.nic),
                    .init("new/nic.yaml", """
                        model: example.com/nic
                        parameters:
                          rss: {type: bool, default: off}
                          rx: {type: int, default: 0, allowed: [0, 16, 32]}
                        versions:
                          - version: "1"
                          - version: "2"
                            set: {rss: on}
                          - version: "3"
                            extends: "2"
                            set: {rx: 16}
                        """),
                ],
                arguments: ["diff", "old", "new"],
                finding: "new/nic.yaml:9:14: info: version '3' was added to model 'example.com/nic' [version-added]"),
            fix: """
                Nothing to fix. Keep the list oldest first: `expand --for` and `baseline` take the last version a
                destination accepts as the newest.
                """),
        RuleExplanation(
            rule: "parameter-added",
            triggers: """
                A model has a new parameter with a default. Configurations that worked before still expand, with
                the new parameter at its default. An info.
                """,
            example: RuleExample(
                files: [
                    .init("old/nic.yaml", Shared.nic),
                    .init("new/nic.yaml", """
                        model: example.com/nic
                        parameters:
                          rss: {type: bool, default: off}
                          rx: {type: int, default: 0, allowed: [0, 16, 32]}
                          tso: {type: bool, default: off}
                        versions:
                          - version: "1"
                          - version: "2"
                            set: {rss: on}
                        """),
                ],
                arguments: ["diff", "old", "new"],
                finding: "new/nic.yaml:5:3: info: parameter 'tso' was added to model 'example.com/nic', with default false [parameter-added]"),
            fix: """
                Nothing to fix.
                """),
        RuleExplanation(
            rule: "domain-widened",
            triggers: """
                A parameter allows values in the new registry that it did not allow in the old one. An info; the
                message names the values.
                """,
            example: RuleExample(
                files: [
                    .init("old/nic.yaml", Shared.nic),
                    .init("new/nic.yaml", """
                        model: example.com/nic
                        parameters:
                          rss: {type: bool, default: off}
                          rx: {type: int, default: 0, allowed: [0, 16, 32, 64]}
                        versions:
                          - version: "1"
                          - version: "2"
                            set: {rss: on}
                        """),
                ],
                arguments: ["diff", "old", "new"],
                finding: "new/nic.yaml:4:3: info: 'rx' of model 'example.com/nic' now also allows 64 (domain [0, 16, 32] → [0, 16, 32, 64]) [domain-widened]"),
            fix: """
                Nothing to fix.
                """),
        RuleExplanation(
            rule: "implementation-added",
            triggers: """
                An implementation is in the new registry and not in the old one. An info.
                """,
            example: RuleExample(
                files: [
                    .init("old/nic.yaml", Shared.nic),
                    .init("new/nic.yaml", Shared.nicOnVMM),
                ],
                arguments: ["diff", "old", "new"],
                finding: "new/nic.yaml:10:17: info: implementation 'example.com/vmm/1' was added [implementation-added]"),
            fix: """
                Nothing to fix.
                """),
        RuleExplanation(
            rule: "implementation-widened",
            triggers: """
                An implementation claims a model, a parameter or a value that it did not claim in the old registry.
                An info.
                """,
            example: RuleExample(
                files: [
                    .init("old/nic.yaml", """
                        model: example.com/nic
                        parameters:
                          rss: {type: bool, default: off}
                          rx: {type: int, default: 0, allowed: [0, 16, 32]}
                        versions:
                          - version: "1"
                          - version: "2"
                            set: {rss: on}
                        ---
                        implementation: example.com/vmm/1
                        models:
                          example.com/nic:
                            parameters: {rss: {}, rx: {allowed: [0, 16]}}
                        """),
                    .init("new/nic.yaml", Shared.nicOnVMM),
                ],
                arguments: ["diff", "old", "new"],
                finding: "new/nic.yaml:13:27: info: implementation 'example.com/vmm/1' now also supports 32 for 'rx' of model 'example.com/nic' [implementation-widened]"),
            fix: """
                Nothing to fix; `migcheck probe --verify` checks the claim against a binary.
                """),
        // MARK: compare: two instances of a guest (SPEC 10.3)

        RuleExplanation(
            rule: "device-missing",
            triggers: """
                A device is in one of the two VMs and not in the other. Devices are paired by id, so a device whose
                id changed counts as one device missing and one extra.
                """,
            example: RuleExample(
                files: [
                    .init("registry/nic.yaml", Shared.nic),
                    .init("source.yaml", """
                        devices:
                          - id: net0
                            model: example.com/nic
                          - id: net1
                            model: example.com/nic
                        """),
                    .init("destination.yaml", """
                        devices:
                          - id: net0
                            model: example.com/nic
                        """),
                ],
                arguments: ["compare", "source.yaml", "destination.yaml"],
                finding: "error: device 'net1' (example.com/nic) is on the source, not on the destination [device-missing]"),
            fix: """
                Start the destination with the same devices, under the same ids, as the source.
                """),
        RuleExplanation(
            rule: "machine-differs",
            triggers: """
                The two VMs run on different machines (machine types).
                """,
            example: RuleExample(
                files: [
                    .init("registry/nic.yaml", """
                        model: example.com/nic
                        parameters:
                          rss: {type: bool, default: off}
                          rx: {type: int, default: 0, allowed: [0, 16, 32]}
                        versions:
                          - version: "1"
                          - version: "2"
                            set: {rss: on}
                        ---
                        machine: example.com/machines/m-1
                        versions: {example.com/nic: "1"}
                        ---
                        machine: example.com/machines/m-2
                        versions: {example.com/nic: "1"}
                        """),
                    .init("source.yaml", """
                        machine: example.com/machines/m-1
                        devices:
                          - id: net0
                            model: example.com/nic
                        """),
                    .init("destination.yaml", """
                        machine: example.com/machines/m-2
                        devices:
                          - id: net0
                            model: example.com/nic
                        """),
                ],
                arguments: ["compare", "source.yaml", "destination.yaml"],
                finding: "error: the source runs on machine 'example.com/machines/m-1', the destination on 'example.com/machines/m-2' [machine-differs]"),
            fix: """
                Start the destination with the source's machine type.
                """),
        RuleExplanation(
            rule: "vm-differs",
            triggers: """
                A VM-wide setting differs between the two sides: `memory`, `cpus` or `cpu` when both sides state it,
                or the `globals` that apply to no listed device. The finding's parameter names the setting.
                """,
            example: RuleExample(
                files: [
                    .init("registry/nic.yaml", Shared.nic),
                    .init("source.yaml", """
                        memory: 4096
                        devices:
                          - id: net0
                            model: example.com/nic
                        """),
                    .init("destination.yaml", """
                        memory: 8192
                        devices:
                          - id: net0
                            model: example.com/nic
                        """),
                ],
                arguments: ["compare", "source.yaml", "destination.yaml"],
                finding: "error: the VM's memory is 4096 on the source, 8192 on the destination [vm-differs]"),
            fix: """
                Start the destination with the source's memory size, vCPU count, CPU model and globals.
                """),
        RuleExplanation(
            rule: "model-differs",
            triggers: """
                A device of one id is of a different model on each side.
                """,
            example: RuleExample(
                files: [
                    .init("registry/nic.yaml", """
                        model: example.com/nic
                        parameters:
                          rss: {type: bool, default: off}
                          rx: {type: int, default: 0, allowed: [0, 16, 32]}
                        versions:
                          - version: "1"
                          - version: "2"
                            set: {rss: on}
                        ---
                        model: example.com/nic2
                        """),
                    .init("source.yaml", """
                        devices:
                          - id: net0
                            model: example.com/nic
                        """),
                    .init("destination.yaml", """
                        devices:
                          - id: net0
                            model: example.com/nic2
                        """),
                ],
                arguments: ["compare", "source.yaml", "destination.yaml"],
                finding: "error: device 'net0' is 'example.com/nic' on the source, 'example.com/nic2' on the destination [model-differs]"),
            fix: """
                Start the destination with a device of the source's model under that id.
                """),
        RuleExplanation(
            rule: "placement-differs",
            triggers: """
                A device sits at a different place in the guest on each side: another bus, or another address on it,
                when both sides state an address (an `auto:k` address is compared only with another `auto:k`).
                """,
            example: RuleExample(
                files: [
                    .init("registry/nic.yaml", Shared.nic),
                    .init("source.yaml", """
                        devices:
                          - id: net0
                            model: example.com/nic
                            placement: {bus: pcie.0, address: "03.0"}
                        """),
                    .init("destination.yaml", """
                        devices:
                          - id: net0
                            model: example.com/nic
                            placement: {bus: pcie.0, address: "04.0"}
                        """),
                ],
                arguments: ["compare", "source.yaml", "destination.yaml"],
                finding: "error: device 'net0' sits at bus 'pcie.0' address '03.0' on the source, bus 'pcie.0' address '04.0' on the destination [placement-differs]"),
            fix: """
                Start the destination with the device at the source's bus and address (with QEMU, `bus=` and `addr=`
                of its `-device`).
                """),
        RuleExplanation(
            rule: "value-differs",
            triggers: """
                A parameter of a paired device has different expanded values on the two sides. The message names
                both values and where each came from (a default, a version, an override, or observed in a running
                VM).
                """,
            example: RuleExample(
                files: [
                    .init("registry/nic.yaml", Shared.nic),
                    .init("source.yaml", """
                        devices:
                          - id: net0
                            model: example.com/nic
                            version: "1"
                        """),
                    .init("destination.yaml", """
                        devices:
                          - id: net0
                            model: example.com/nic
                            version: "2"
                        """),
                ],
                arguments: ["compare", "source.yaml", "destination.yaml"],
                finding: "error: 'rss' of device 'net0' is false (default) on the source, true (version 2) on the destination [value-differs]"),
            fix: """
                Start the destination with the source's value: the same version and overrides, or the same property
                on the VMM's command line.
                """),
        RuleExplanation(
            rule: "value-undetermined",
            triggers: """
                A parameter whose value the VMM decides at start-up (`decided-at-start: true` in the model) is left
                to the VMM on one side, so compare cannot tell whether the two values agree, and says so. A warning:
                alone it does not change the verdict.
                """,
            example: RuleExample(
                files: [
                    .init("registry/virtio.yaml", """
                        model: qemu.org/devices/virtio-net-pci
                        parameters:
                          vectors: {type: int, default: 3, decided-at-start: true}
                        host-side: [netdev]
                        ---
                        machine: qemu.org/machines/pc-q35-7.2
                        """),
                    .init("source.args", """
                        qemu-system-x86_64 -machine pc-q35-7.2 -device virtio-net-pci,id=net0,vectors=4
                        """),
                    .init("destination.args", """
                        qemu-system-x86_64 -machine pc-q35-7.2 -device virtio-net-pci,id=net0
                        """),
                ],
                arguments: ["compare", "qemu-args:source.args", "qemu-args:destination.args"],
                finding: "warning: 'vectors' of device 'net0' is left to QEMU at start-up on the destination: set it on both command lines to compare it [value-undetermined]"),
            fix: """
                Give the property explicitly on both sides (with QEMU, `vectors=4` on the `-device`), or compare
                with a running VM over `qmp:`, which reports the value QEMU chose.
                """),
        // MARK: probe --verify: the registry against a QEMU binary (SPEC 10.4)

        RuleExplanation(
            rule: "probe-parameter-absent",
            triggers: """
                The registry says the implementation recognises a parameter of a model, and the binary's device type
                has no such property.
                """,
            example: RuleExample(
                files: [
                    .init("registry/qemu.yaml", """
                        model: qemu.org/devices/e1000e
                        parameters:
                          init-vet: {type: bool, default: false}
                          x-imaginary: {type: bool, default: false}
                        ---
                        implementation: qemu.org/qemu/7.2
                        models:
                          qemu.org/devices/e1000e:
                            parameters: {init-vet: {}, x-imaginary: {}}
                        """),
                ],
                arguments: ["probe", "--verify", "qemu.org/qemu/7.2"],
                finding: "registry/qemu.yaml:9:32: error: 'qemu.org/qemu/7.2' claims parameter 'x-imaginary' of 'qemu.org/devices/e1000e', but 'e1000e' of QEMU 7.2.22 has no such property [probe-parameter-absent]"),
            fix: """
                Remove the parameter from the implementation's entry: a check trusts the entry, and would let
                devices move to a binary that cannot run them.
                """),
        RuleExplanation(
            rule: "probe-parameter-unclaimed",
            triggers: """
                The binary's device type has a property that is a parameter of the model, and the implementation's
                entry does not list it. The registry then says the release runs the parameter only at its default,
                which refuses devices that need another value. A warning.
                """,
            example: RuleExample(
                files: [
                    .init("registry/qemu.yaml", """
                        model: qemu.org/devices/e1000e
                        parameters:
                          init-vet: {type: bool, default: false}
                        ---
                        implementation: qemu.org/qemu/7.2
                        models:
                          qemu.org/devices/e1000e: {}
                        """),
                ],
                arguments: ["probe", "--verify", "qemu.org/qemu/7.2"],
                finding: "registry/qemu.yaml:7:3: warning: 'e1000e' of QEMU 7.2.22 has 'init-vet', a parameter of 'qemu.org/devices/e1000e' that 'qemu.org/qemu/7.2' does not list [probe-parameter-unclaimed]"),
            fix: """
                List the parameter in the implementation's entry (`migcheck probe` prints the entry as the binary
                has it).
                """),
        RuleExplanation(
            rule: "probe-model-absent",
            triggers: """
                The registry says the implementation implements a model, and the binary has no device type of that
                name.
                """,
            example: RuleExample(
                files: [
                    .init("registry/qemu.yaml", """
                        model: qemu.org/devices/e1000e
                        parameters:
                          init-vet: {type: bool, default: false}
                        ---
                        model: qemu.org/devices/imaginary-nic
                        ---
                        implementation: qemu.org/qemu/7.2
                        models:
                          qemu.org/devices/e1000e: {parameters: {init-vet: {}}}
                          qemu.org/devices/imaginary-nic: {}
                        """),
                ],
                arguments: ["probe", "--verify", "qemu.org/qemu/7.2"],
                finding: "registry/qemu.yaml:10:3: error: 'qemu.org/qemu/7.2' claims model 'qemu.org/devices/imaginary-nic', but qemu-system-x86_64 (QEMU 7.2.22) has no device type 'imaginary-nic' [probe-model-absent]"),
            fix: """
                Remove the model from the implementation's entry, or check that the binary is the release the entry
                describes (a distribution may build QEMU without some devices).
                """),
        RuleExplanation(
            rule: "probe-machine-absent",
            triggers: """
                The registry says the implementation provides a machine, and the binary has no machine type of that
                name.
                """,
            example: RuleExample(
                files: [
                    .init("registry/qemu.yaml", """
                        model: qemu.org/devices/e1000e
                        parameters:
                          init-vet: {type: bool, default: false}
                        ---
                        machine: qemu.org/machines/pc-q35-99.0
                        ---
                        implementation: qemu.org/qemu/7.2
                        machines: [qemu.org/machines/pc-q35-99.0]
                        models:
                          qemu.org/devices/e1000e: {parameters: {init-vet: {}}}
                        """),
                ],
                arguments: ["probe", "--verify", "qemu.org/qemu/7.2"],
                finding: "registry/qemu.yaml:8:12: error: 'qemu.org/qemu/7.2' claims machine 'qemu.org/machines/pc-q35-99.0', but qemu-system-x86_64 (QEMU 7.2.22) has no machine type 'pc-q35-99.0' [probe-machine-absent]"),
            fix: """
                Remove the machine from the implementation's `machines`, or check that the binary is the release the
                entry describes.
                """),
        RuleExplanation(
            rule: "probe-value-differs",
            triggers: """
                For a machine the binary provides, a device of a registry model created on that machine has a
                property value other than the one the machine's version of the model expands to. The machine's map
                in the registry then does not describe the machine type.
                """,
            example: RuleExample(
                files: [
                    .init("registry/qemu.yaml", """
                        model: qemu.org/devices/e1000e
                        parameters:
                          init-vet: {type: bool, default: false}
                        versions:
                          - version: "6.0"
                          - version: "6.1"
                            set: {init-vet: true}
                        ---
                        machine: qemu.org/machines/pc-q35-7.2
                        versions: {qemu.org/devices/e1000e: "6.0"}
                        ---
                        implementation: qemu.org/qemu/7.2
                        machines: [qemu.org/machines/pc-q35-7.2]
                        models:
                          qemu.org/devices/e1000e: {parameters: {init-vet: {}}}
                        """),
                ],
                arguments: ["probe", "--verify", "qemu.org/qemu/7.2"],
                finding: "registry/qemu.yaml:15:42: error: on machine 'qemu.org/machines/pc-q35-7.2', 'e1000e' of QEMU 7.2.22 has 'init-vet' = true, but version '6.0' of 'qemu.org/devices/e1000e', which the machine maps it to, expands it to false [probe-value-differs]"),
            fix: """
                Correct the machine's `versions` to the version whose expansion matches what the binary does, adding
                that version to the model if none does.
                """),
    ]
}

/// Registry files several examples share: the NIC most of them are about, alone and with what
/// they add to it (an implementation, a machine), and QEMU's e1000e for the real-VM rules.
private enum Shared {
    static let nic = """
        model: example.com/nic
        parameters:
          rss: {type: bool, default: off}
          rx: {type: int, default: 0, allowed: [0, 16, 32]}
        versions:
          - version: "1"
          - version: "2"
            set: {rss: on}
        """

    /// The NIC, and a release that narrows `rx` to 0 and 16 and does not know `rss`.
    static let nicOnNarrowVMM = nic + "\n" + """
        ---
        implementation: example.com/vmm/1
        models:
          example.com/nic:
            parameters:
              rx: {allowed: [0, 16]}
        """

    /// The NIC, and a release that recognises both its parameters.
    static let nicOnVMM = nic + "\n" + """
        ---
        implementation: example.com/vmm/1
        models:
          example.com/nic:
            parameters: {rss: {}, rx: {}}
        """

    /// The NIC, and a machine that maps it to version 1.
    static let nicInMachine = nic + "\n" + """
        ---
        machine: example.com/machines/m-1
        versions: {example.com/nic: "1"}
        """

    static let e1000eOnQEMU = """
        model: qemu.org/devices/e1000e
        parameters:
          mac: {type: string}
        host-side: [netdev]
        ---
        implementation: qemu.org/qemu/7.2
        machines: [qemu.org/machines/pc-q35-7.2]
        models:
          qemu.org/devices/e1000e:
            parameters: {mac: {}}
        ---
        machine: qemu.org/machines/pc-q35-7.2
        """
}
