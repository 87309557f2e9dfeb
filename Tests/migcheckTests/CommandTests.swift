import Foundation
import Testing

/// The commands of issue 3 and 4 run as a user would, on the shipped registry and `examples/`.
@Suite("migcheck expand, check, baseline, matrix, batch, show, list, rules")
struct CommandTests {
    static let registry = ["--registry", MigcheckProcess.shippedRegistry.path]
    static let examples = MigcheckProcess.packageRoot.appendingPathComponent("examples")
    static var vm: String { examples.appendingPathComponent("web-42.yaml").path }
    static var hosts: String { examples.appendingPathComponent("hosts.yaml").path }

    private func run(_ arguments: [String], stdin: Data? = nil) throws -> MigcheckRun {
        try MigcheckProcess.run(arguments + Self.registry, stdin: stdin)
    }

    @Test("check text is a plan: a line per device verdict, its findings, one fix per refused device, a summary; exit 1")
    func checkText() throws {
        let result = try run(["check", Self.vm, "--hosts", Self.hosts])
        #expect(result.status == 1)
        #expect(result.stdout == """
            web-42 → host-a: incompatible
              net0 (vendor-a.com/my-nic version 2): incompatible
                error: 'rss' is true (version 2); 'vendor-a.com/my-nic-driver/1.0' runs it only at its default false [parameter-not-supported]
                error: 'rx-filter-size' is 16 (override); 'vendor-a.com/my-nic-driver/1.0' runs it only at its default 0 [parameter-not-supported]
                fix: create it with version '1', the newest 'host-a' accepts and run 'rx-filter-size' at its default 0 — a guest-visible change: restart the VM or re-plug the device; or move it to a destination with 'vendor-a.com/my-nic-driver/3.1'
              disk0 (qemu.org/devices/virtio-blk-pci version 5.0): compatible with qemu.org/qemu/5.2
            web-42 → host-b: compatible
              net0 (vendor-a.com/my-nic version 2): compatible with vendor-a.com/my-nic-driver/3.1
              disk0 (qemu.org/devices/virtio-blk-pci version 5.0): compatible with qemu.org/qemu/7.2
            web-42: 1 of 2 destinations can take it: host-b

            """)
        #expect(result.stderr == "")
        // --verbose: the whole messages, and the fix of each finding instead of the device's.
        let verbose = try run(["check", Self.vm, "--hosts", Self.hosts, "--verbose"])
        #expect(verbose.stdout.contains("""
                error: 'rss' is true (version 2), but 'vendor-a.com/my-nic-driver/1.0' does not recognise 'rss' and so runs it at its default false [parameter-not-supported]
                  fix: run 'rss' at its default false (version '1' is the newest whose expansion 'host-a' accepts)
            """))
        #expect(!verbose.stdout.contains("\n    fix: "))
    }

    @Test("the device's fix in JSON: the whole change, versions and implementations in natural order")
    func deviceFix() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        try directory.write("vm.yaml", "devices:\n  - id: net0\n    model: qemu.org/devices/e1000e\n    version: \"9.2\"\n")
        let result = try run(["check", directory.path("vm.yaml"), "--to", "qemu.org/qemu/7.2", "--format", "json"])
        let device = try #require(((try jsonObject(result.stdout)["results"] as? [[String: Any]])?.first?["devices"] as? [[String: Any]])?.first)
        let remedy = try #require(device["remedy"] as? [String: Any])
        #expect(remedy["version"] as? String == "6.1")
        let implementations = try #require(remedy["implementations"] as? [String])
        #expect(implementations.suffix(2) == ["qemu.org/qemu/9.2", "qemu.org/qemu/10.2"])
        #expect((device["fix"] as? String)?.hasPrefix("create it with version '6.1', the newest 'qemu.org/qemu/7.2' accepts") == true)
        let text = try run(["check", directory.path("vm.yaml"), "--to", "qemu.org/qemu/7.2", "--to", "qemu.org/qemu/9.2"])
        #expect(text.lines.last == "vm: 1 of 2 destinations can take it: qemu.org/qemu/9.2")
        #expect(text.lines.filter { $0.hasPrefix("    fix: ") }.count == 1)
    }

    @Test("--require any passes when one destination accepts; all (the default) fails")
    func require() throws {
        #expect(try run(["check", Self.vm, "--hosts", Self.hosts, "--require", "any"]).status == 0)
        #expect(try run(["check", Self.vm, "--hosts", Self.hosts, "--require", "all"]).status == 1)
    }

    @Test("check JSON: results in the order given, destinations named as written")
    func checkJSON() throws {
        let result = try run([
            "check", "--model", "vendor-a.com/my-nic", "--version", "2", "--set", "rx-filter-size=0x10",
            "--to", "vendor-a.com/my-nic-driver/3.1", "--to", "vendor-a.com/my-nic-driver/1.0,vendor-a.com/my-nic-driver/3.1",
            "--format", "json",
        ])
        #expect(result.status == 0, "\(result.stdout)\(result.stderr)")
        let document = try jsonObject(result.stdout)
        #expect(document["status"] as? String == "ok")
        let results = try #require(document["results"] as? [[String: Any]])
        #expect(results.map { $0["destination"] as? String } == [
            "vendor-a.com/my-nic-driver/3.1", "vendor-a.com/my-nic-driver/1.0,vendor-a.com/my-nic-driver/3.1",
        ])
        let device = try #require((results[1]["devices"] as? [[String: Any]])?.first)
        #expect(device["implementation"] as? String == "vendor-a.com/my-nic-driver/3.1")
        #expect(device["version"] as? String == "2")
    }

    @Test("input errors are exit 2 with no verdict, in JSON too", arguments: [
        (["check", "--model", "vendor-a.com/my-nik", "--to", "vendor-a.com/my-nic-driver/3.1"], "did you mean 'vendor-a.com/my-nic'?"),
        // Which registry answered: an id it lacks is named with it.
        (["check", "--model", "vendor-a.com/my-nik", "--to", "vendor-a.com/my-nic-driver/3.1"],
         "unknown model 'vendor-a.com/my-nik' in registry '\(MigcheckProcess.shippedRegistry.path)'"),
        (["check", "--model", "vendor-a.com/my-nic", "--version", "1", "--to", "vendor-a.com/my-nic-driver/9"],
         "unknown implementation 'vendor-a.com/my-nic-driver/9' in registry '\(MigcheckProcess.shippedRegistry.path)'"),
        (["check", "--model", "vendor-a.com/my-nic", "--version", "7", "--to", "vendor-a.com/my-nic-driver/3.1"], "has no version '7'"),
        (["check", "--model", "vendor-a.com/my-nic", "--version", "1", "--set", "rss=yes", "--to", "vendor-a.com/my-nic-driver/3.1"], "'yes' is not a bool"),
        (["check", "--model", "vendor-a.com/my-nic", "--version", "1", "--to", "vendor-a.com/my-nic-driver/9"], "unknown implementation"),
        (["check", "/nonexistent/vm.yaml", "--to", "vendor-a.com/my-nic-driver/3.1"], "no such file"),
        (["expand", "vendor-a.com/my-nic", "--version", "1", "--set", "rx-filter-size=17"], "outside the domain"),
        (["expand", "vendor-a.com/my-nic"], "has no value"),
        (["expand", "qemu.org/devices/e1000e", "--version", "9.2", "--set", "zzz=1"],
         "has no parameter 'zzz'; 'migcheck show qemu.org/devices/e1000e' lists its"),
        // SPEC 4: the closest older version, never the newer 9.2 (the issue's 9.2 → 7.2 host case).
        (["expand", "qemu.org/devices/e1000e", "--version", "7.2"], "has no version '7.2'; the closest older version is '6.1';"),
    ])
    func inputErrors(_ arguments: [String], _ message: String) throws {
        let text = try run(arguments)
        #expect(text.status == 2)
        #expect(text.stdout == "")
        #expect(text.stderr.contains(message), "\(text.stderr)")
        let json = try run(arguments + ["--format", "json"])
        #expect(json.status == 2)
        let document = try jsonObject(json.stdout)
        #expect(document["status"] as? String == "error")
        #expect((document["error"] as? [String: Any])?["message"] as? String != nil)
        #expect(document["results"] == nil)
    }

    @Test("a VM file with a problem is located at file:line:column")
    func badVMFile() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        try directory.write("vm.yaml", "devices:\n  - model: vendor-a.com/my-nic\n    version: \"1\"\n    set: {rss: maybe}\n")
        let result = try run(["check", directory.path("vm.yaml"), "--to", "vendor-a.com/my-nic-driver/3.1"])
        #expect(result.status == 2)
        #expect(result.stderr.contains(directory.path("vm.yaml") + ":4:16: device 'devices[0]': 'maybe' is not a bool"), "\(result.stderr)")
    }

    @Test("usage errors: both a VM file and --model, no destination, --version with --for")
    func usage() throws {
        for arguments in [
            ["check", Self.vm, "--model", "vendor-a.com/my-nic", "--to", "x.com/y"],
            ["check", Self.vm],
            ["check", Self.vm, "--to", "a.com/b", "--hosts", Self.hosts],
            ["expand", "vendor-a.com/my-nic", "--version", "1", "--for", "vendor-a.com/my-nic-driver/3.1"],
            ["check", Self.vm, "--hosts", Self.hosts, "--format", "github"],
        ] {
            let result = try run(arguments)
            #expect(result.status == 2, "\(arguments)")
            #expect(occurrences(of: "error:", in: result.stderr) == 1, "\(result.stderr)")
        }
    }

    @Test("usage errors say what is wrong: a misspelt command or option first, whatever else is missing", arguments: [
        (["chek", "x.yaml"], "unknown command 'chek'; did you mean 'check'?"),
        (["frobnicate"], "unknown command 'frobnicate'; the commands are validate, expand, check,"),
        (["check", "--host", "h.yaml"], "unknown option '--host' for 'check'; did you mean '--hosts'?"),
        (["matrix", "vm.yaml", "--host=h.yaml"], "unknown option '--host' for 'matrix'; did you mean '--hosts'?"),
        (["check", "--to", "vendor-a.com/my-nic-driver/3.1"], "the VM is missing: give a VM_FILE"),
        (["baseline", "--to", "vendor-a.com/my-nic-driver/3.1"], "the VM is missing: give a VM_FILE"),
        (["baseline", "--model", "vendor-a.com/my-nic", "--version", "2", "--to", "x.com/y"], "baseline takes no --version"),
    ])
    func usageMessages(_ arguments: [String], _ message: String) throws {
        let result = try run(arguments)
        #expect(result.status == 2)
        #expect(result.stderr.hasPrefix("migcheck: error: " + message), "\(result.stderr)")
        #expect(result.stdout == "")
    }

    @Test("expand prints every parameter with its provenance; --for picks the newest version that fits")
    func expand() throws {
        let plain = try run(["expand", "vendor-a.com/my-nic", "--version", "2", "--set", "rx-filter-size=0x10"])
        #expect(plain.status == 0)
        #expect(plain.stdout == """
            vendor-a.com/my-nic version '2'
              rss             true      version 2
              rx-filter-size  16        override
              num-resources   64        version 1
              queue-mode      "single"  default

            """)
        let newest = try run(["expand", "qemu.org/devices/virtio-net-pci", "--for", "qemu.org/qemu/7.2", "--format", "json"])
        #expect(newest.status == 0)
        #expect(try jsonObject(newest.stdout)["version"] as? String == "7.2")
        let none = try run(["expand", "vendor-a.com/my-nic", "--set", "rss=on", "--for", "vendor-a.com/my-nic-driver/1.0", "--format", "json"])
        #expect(none.status == 1)
        let document = try jsonObject(none.stdout)
        #expect(document["status"] as? String == "fail")
        #expect(document["version"] is NSNull)
        let refused = try #require(document["refused"] as? [String: Any])
        #expect(refused["version"] as? String == "2.1")
    }

    @Test("baseline: the newest version every destination can run; exit 1 when none fits")
    func baseline() throws {
        let model = try run(["baseline", "--model", "qemu.org/devices/virtio-net-pci", "--to", "qemu.org/qemu/7.2", "--to", "qemu.org/qemu/10.2", "--format", "json"])
        #expect(model.status == 0)
        let entry = try #require((try jsonObject(model.stdout)["baseline"] as? [[String: Any]])?.first)
        #expect(entry["version"] as? String == "7.2")
        #expect((entry["refused"] as? [[String: Any]])?.first?["version"] as? String == "10.2")
        let vm = try run(["baseline", Self.vm, "--hosts", Self.hosts])
        #expect(vm.status == 1)
        // The answer first: a line a device, then the machine; why, for the device no version fits.
        #expect(vm.stdout == """
            net0 (vendor-a.com/my-nic)               no version fits every destination
            disk0 (qemu.org/devices/virtio-blk-pci)  version '5.2'
            machine: pc-i440fx-5.2 or pc-q35-5.2, the newest every destination provides (31 in all; --format json lists them)

            net0 (vendor-a.com/my-nic): even version '1', the oldest, is ruled out
              by 'host-a' [parameter-not-supported]: rx-filter-size
            (--verbose: what rules out each newer version, and each expansion)

            """)
        // --verbose: each newer version's refusals grouped by destination, and the expansion.
        let verbose = try run(["baseline", Self.vm, "--hosts", Self.hosts, "--verbose"])
        #expect(verbose.stdout.contains("""
            disk0 (qemu.org/devices/virtio-blk-pci): newer versions are ruled out
              by 'host-a': 10.2, 9.2, 9.1, 8.1, 8.0, 7.2, 6.0 [parameter-not-supported]: queue_reset,
            """))
        #expect(verbose.stdout.contains("disk0 (qemu.org/devices/virtio-blk-pci): version '5.2' expands to\n  acpi-index "))
    }

    @Test("matrix: a table, CSV and JSON of every VM × host pair")
    func matrix() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        try directory.write("small.yaml", "vm: small\ndevices:\n  - model: vendor-a.com/my-nic\n    version: \"1\"\n")
        let text = try run(["matrix", Self.vm, directory.path("small.yaml"), "--hosts", Self.hosts])
        #expect(text.status == 1)
        #expect(text.stdout.hasPrefix("VM      host-a  host-b\nweb-42  ✗ 1     ✓\nsmall   ✓       ✓\n\n3 of 4 pairs compatible\n"))
        let transposed = try run(["matrix", Self.vm, directory.path("small.yaml"), "--hosts", Self.hosts, "--transpose"])
        #expect(transposed.stdout.hasPrefix("host    web-42  small\nhost-a  ✗ 1     ✓\nhost-b  ✓       ✓\n\n"))
        let csv = try run(["matrix", Self.vm, "--hosts", Self.hosts, "--format", "csv"])
        #expect(csv.stdout == "vm,destination,verdict,rules\r\nweb-42,host-a,incompatible,parameter-not-supported\r\nweb-42,host-b,compatible,\r\n")
        let json = try jsonObject(try run(["matrix", directory.path("small.yaml"), "--hosts", Self.hosts, "--format", "json"]).stdout)
        #expect(json["status"] as? String == "ok")
        #expect((json["results"] as? [[String: Any]])?.count == 2)
    }

    @Test("matrix: a VM file that cannot be read is an error row; the others are answered; exit 2 at the end")
    func matrixErrorRow() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        try directory.write("small.yaml", "vm: small\ndevices:\n  - model: vendor-a.com/my-nic\n    version: \"1\"\n")
        try directory.write("broken.yaml", "devices: [\n")
        let broken = directory.path("broken.yaml")
        let arguments = ["matrix", Self.vm, broken, directory.path("small.yaml"), "--hosts", Self.hosts]
        let text = try run(arguments)
        #expect(text.status == 2)
        let pad = { (name: String) in name + String(repeating: " ", count: broken.count + 2 - name.count) }
        #expect(text.stdout.hasPrefix(pad("VM") + "host-a  host-b\n"
            + pad("web-42") + "✗ 1     ✓\n"
            + pad(broken) + "error   error\n"
            + pad("small") + "✓       ✓\n\n"
            + "3 of 6 pairs compatible\n"), "\(text.stdout)")
        #expect(text.stderr.hasPrefix("migcheck: error: \(broken):2:1: "))
        let csv = try run(arguments + ["--format", "csv"])
        #expect(csv.status == 2)
        #expect(csv.stdout.contains("\r\n\(broken),host-a,error,\r\n\(broken),host-b,error,\r\nsmall,host-a,compatible,\r\n"))
        let json = try jsonObject(try run(arguments + ["--format", "json"]).stdout)
        #expect(json["status"] as? String == "error")
        #expect((json["error"] as? [String: Any])?["file"] as? String == broken)
        let results = try #require(json["results"] as? [[String: Any]])
        #expect(results.map { $0["verdict"] as? String } == ["incompatible", "compatible", "error", "error", "compatible", "compatible"])
        let error = try #require(results[2]["error"] as? [String: Any])
        #expect(error["line"] as? Int == 2 && error["column"] as? Int == 1)
        #expect(results[2]["rules"] == nil)
    }

    @Test("check JSON: supported and the remedy's values are typed (SPEC 8)")
    func typedSupported() throws {
        let onlyDefault = try jsonObject(try run([
            "check", "--model", "vendor-a.com/my-nic", "--version", "2", "--to", "vendor-a.com/my-nic-driver/1.0", "--format", "json",
        ]).stdout)
        let finding = try #require(((((onlyDefault["results"] as? [[String: Any]])?.first?["devices"] as? [[String: Any]])?.first?["findings"]) as? [[String: Any]])?.first)
        #expect(finding["rule"] as? String == "parameter-not-supported")
        #expect((finding["supported"] as? [String: Any])?["only_default"] as? Bool == false)
        #expect(((finding["remedy"] as? [String: Any])?["values"] as? [String: Any])?["only_default"] as? Bool == false)
        let outside = try jsonObject(try run([
            "check", "--model", "vendor-a.com/my-nic", "--version", "1", "--set", "rx-filter-size=64",
            "--to", "vendor-a.com/my-nic-driver/3.1", "--format", "json",
        ]).stdout)
        let refused = try #require(((((outside["results"] as? [[String: Any]])?.first?["devices"] as? [[String: Any]])?.first?["findings"]) as? [[String: Any]])?.first)
        #expect(refused["rule"] as? String == "value-not-supported")
        let supported = try #require(refused["supported"] as? [String: Any])
        #expect(supported["values"] as? [Int] == [0, 16, 32])
        #expect((supported["ranges"] as? [Any])?.isEmpty == true)
    }

    @Test("batch: one answer line per request, malformed lines get error lines, the next is still answered")
    func batch() throws {
        let requests = [
            #"{"id": 1, "command": "check", "vm": {"vm": "w", "devices": [{"model": "vendor-a.com/my-nic", "version": "1"}]}, "to": [["vendor-a.com/my-nic-driver/1.0"]]}"#,
            "{not json",
            "",
            #"{"id": "two", "command": "expand", "model": "vendor-a.com/my-nic", "for": "vendor-a.com/my-nic-driver/3.1"}"#,
            #"{"id": 3, "command": "baseline", "model": "vendor-a.com/my-nic", "hosts": {"a": ["vendor-a.com/my-nic-driver/1.0"]}}"#,
            #"{"id": 4, "command": "check"}"#,
            #"{"id": 5, "command": "expand", "model": "vendor-a.com/my-nic", "version": "1"}"#,
        ].joined(separator: "\n") + "\n"
        let result = try run(["batch"], stdin: Data(requests.utf8))
        #expect(result.status == 0)
        let answers = try result.stdout.split(separator: "\n").map { try jsonObject(String($0)) }
        #expect(answers.count == 6)
        #expect(answers.map { $0["status"] as? String } == ["ok", "error", "ok", "ok", "error", "ok"])
        #expect(answers[0]["id"] as? Int == 1)
        #expect(answers[1]["id"] is NSNull)
        #expect(answers[2]["id"] as? String == "two")
        #expect(answers[2]["version"] as? String == "2.1")
        #expect(((answers[3]["baseline"] as? [[String: Any]])?.first)?["version"] as? String == "1")
        #expect(answers[5]["id"] as? Int == 5)
    }

    @Test("batch lines: \\n or \\r\\n, blank lines skipped, a last line without a break, long lines, many at once, in order")
    func batchLines() throws {
        func expand(_ id: Int) -> String {
            #"{"id": \#(id), "command": "expand", "model": "vendor-a.com/my-nic", "version": "1"}"#
        }
        // A request longer than one read of the input, its id at the far end.
        let long = #"{"command": "expand", "model": "vendor-a.com/my-nic", "version": "1", "set": {}, "id": ""#
            + String(repeating: "x", count: 200_000) + #""}"#
        var input = (0..<500).map(expand).joined(separator: "\r\n") + "\r\n\r\n  \t\n" + long + "\n"
        input += (500..<1000).map(expand).joined(separator: "\n") + "\n" + expand(1000)
        let result = try run(["batch"], stdin: Data(input.utf8))
        #expect(result.status == 0)
        let answers = try result.stdout.split(separator: "\n").map { try jsonObject(String($0)) }
        #expect(answers.count == 1002)
        #expect(answers.allSatisfy { $0["status"] as? String == "ok" })
        let ids = answers.map { $0["id"] as? Int }
        #expect(Array(ids[..<500]) == (0..<500).map { Optional($0) })
        #expect((answers[500]["id"] as? String)?.count == 200_000)
        #expect(Array(ids[501...]) == (500...1000).map { Optional($0) })
    }

    @Test("batch with an invalid registry: one error line, exit 2")
    func batchBadRegistry() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        try directory.write("registry/x.yaml", "model: [broken\n")
        let result = try MigcheckProcess.run(["batch", "--registry", directory.path("registry")], stdin: Data("{}\n".utf8))
        #expect(result.status == 2)
        #expect(try jsonObject(result.stdout)["status"] as? String == "error")
    }

    @Test("diff OLD alone compares with --registry, MIGCHECK_REGISTRY or ./registry, never the installed one silently")
    func diffNeedsNew() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let shipped = MigcheckProcess.shippedRegistry.path
        let alone = try MigcheckProcess.run(["diff", shipped], currentDirectory: directory.url)
        #expect(alone.status == 2)
        #expect(alone.stderr.contains("needs the registry to compare with: give NEW_DIR"), "\(alone.stderr)")
        let named = try MigcheckProcess.run(["diff", shipped], environment: ["MIGCHECK_REGISTRY": shipped], currentDirectory: directory.url)
        #expect(named.status == 0)
        #expect(named.stderr == "\(shipped) → \(shipped): no change to report\n")
    }

    @Test("show, list and rules")
    func catalogue() throws {
        let show = try run(["show", "vendor-a.com/my-nic"])
        #expect(show.status == 0)
        #expect(show.stdout.contains("  rx-filter-size  int   default 0         [0, 16, 32, {min: 48, max: 64}]\n"))
        // Each version: what it changes against the version it extends, and its description.
        #expect(show.stdout.contains("""
              1               sets num-resources=64
              2    extends 1  sets rss=true rx-filter-size=32 — adds RSS and a 32-entry filter table
              2.1  extends 2  no change: the same device as 2

            """))
        #expect(show.stdout.contains(#"  queue-mode      enum  default "single"  ["single", "multi"]"#))
        // Implementations by release number, 9.2 before 10.2.
        let e1000e = try run(["show", "qemu.org/devices/e1000e"]).stdout
        let releases = e1000e.split(separator: "\n").filter { $0.hasPrefix("  qemu.org/qemu/") }.map { $0.dropFirst(2).prefix { $0 != ":" } }
        #expect(releases.suffix(2) == ["qemu.org/qemu/9.2", "qemu.org/qemu/10.2"])
        #expect(show.stdout.contains("  vendor-a.com/my-nic-driver/3.1: rss, rx-filter-size [0, 16, 32], num-resources, queue-mode\n"))
        #expect(try run(["show", "vendor-a.com/my-nik"]).status == 2)
        let models = try run(["list", "models"]).lines.filter { !$0.isEmpty }
        for id in ["qemu.org/devices/e1000e", "qemu.org/devices/virtio-blk-pci", "qemu.org/devices/pcie-root-port", "vendor-a.com/my-nic"] {
            #expect(models.contains(id))
        }
        #expect(Set(models).count == models.count)
        let machines = try run(["list", "machines"]).lines.filter { !$0.isEmpty }
        #expect(machines.contains("qemu.org/machines/pc-q35-7.2") && machines.contains("qemu.org/machines/pc-i440fx-2.6"))
        let machine = try run(["show", "qemu.org/machines/pc-q35-7.2"])
        #expect(machine.status == 0)
        #expect(machine.stdout.contains("extends qemu.org/machines/pc-q35-7.1"))
        #expect(machine.stdout.contains("  qemu.org/qemu/7.2\n"))
        let rules = try jsonObject(try MigcheckProcess.run(["rules", "--format", "json"]).stdout)
        let ids = (rules["rules"] as? [[String: Any]])?.compactMap { $0["rule"] as? String } ?? []
        for id in ["yaml-syntax", "unreadable-file", "model-not-implemented", "value-not-supported", "parameter-not-supported"] {
            #expect(ids.contains(id))
        }
        #expect(Set(ids).count == ids.count)
    }

    @Test("an invalid registry is trouble for commands that need a valid one")
    func invalidRegistry() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        try directory.write("registry/x.yaml", "model: example.com/x\nparameters: {a: {type: bool, default: maybe}}\n")
        let result = try MigcheckProcess.run(["list", "models", "--registry", directory.path("registry")])
        #expect(result.status == 2)
        #expect(result.stderr.contains("x.yaml:2:39"), "\(result.stderr)")
        #expect(result.stderr.contains("migcheck validate"))
    }

    @Test("batch streams: each answer comes before the next request is sent, in the order of the requests")
    func batchStreams() throws {
        let process = Process()
        process.executableURL = try MigcheckProcess.executable()
        process.arguments = ["batch"] + Self.registry
        let input = Pipe()
        let output = Pipe()
        process.standardInput = input
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        defer { if process.isRunning { process.terminate() } }
        signal(SIGPIPE, SIG_IGN)
        func readLine() -> String {
            var bytes: [UInt8] = []
            var byte: UInt8 = 0
            while read(output.fileHandleForReading.fileDescriptor, &byte, 1) == 1, byte != 0x0A { bytes.append(byte) }
            return String(decoding: bytes, as: UTF8.self)
        }
        for id in 0..<3 {
            let request = #"{"id": \#(id), "command": "expand", "model": "vendor-a.com/my-nic", "version": "1"}"# + "\n"
            input.fileHandleForWriting.write(Data(request.utf8))
            let answer = try jsonObject(readLine())
            #expect(answer["id"] as? Int == id)
            #expect(answer["status"] as? String == "ok")
        }
        try input.fileHandleForWriting.close()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
    }
}

@Suite("migcheck generate: the QEMU part of the shipped registry is what its data gives")
struct GenerateTests {
    @Test("the committed registry is byte for byte what 'migcheck generate' writes from data/qemu")
    func upToDate() throws {
        let run = try MigcheckProcess.run(
            ["generate", "--check", "--output", "registry"], currentDirectory: MigcheckProcess.packageRoot, timeout: .seconds(60))
        #expect(run.status == 0, "\(run.stderr)")
    }

    @Test("a hand edit of a generated file, or a stray file among them, is caught")
    func handEdit() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        try FileManager.default.copyItem(atPath: MigcheckProcess.shippedRegistry.path, toPath: directory.path("registry"))
        let model = directory.path("registry/models/qemu.org/devices/e1000e.yaml")
        try (try String(contentsOfFile: model, encoding: .utf8) + "# edited\n").write(toFile: model, atomically: true, encoding: .utf8)
        try directory.write("registry/models/qemu.org/devices/stray.yaml", "model: qemu.org/devices/stray\n")
        let run = try MigcheckProcess.run(
            ["generate", "--check", "--output", directory.path("registry"),
             "--data", MigcheckProcess.packageRoot.appendingPathComponent("data/qemu").path], timeout: .seconds(60))
        #expect(run.status == 1)
        #expect(run.stderr.contains("e1000e.yaml: differs from what 'migcheck generate' writes"))
        #expect(run.stderr.contains("stray.yaml: not written by 'migcheck generate'"))
        // Writing puts it right, and the same inputs give the same bytes.
        let write = try MigcheckProcess.run(
            ["generate", "--output", directory.path("registry"),
             "--data", MigcheckProcess.packageRoot.appendingPathComponent("data/qemu").path], timeout: .seconds(60))
        #expect(write.status == 0)
        let again = try MigcheckProcess.run(
            ["generate", "--check", "--output", directory.path("registry"),
             "--data", MigcheckProcess.packageRoot.appendingPathComponent("data/qemu").path], timeout: .seconds(60))
        #expect(again.status == 0, "\(again.stderr)")
    }
}
