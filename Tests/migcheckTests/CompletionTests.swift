import Foundation
import Testing

/// Shell completions complete ids from the registry and file names where a file is taken.
@Suite("Completions")
struct CompletionTests {
    /// What the shell scripts ask: `migcheck ---completion SUBCOMMAND -- ARGUMENT INDEX CURSOR WORDS...`.
    private func complete(_ command: [String], _ argument: String, _ words: [String], environment: [String: String] = [:]) throws -> [String] {
        let word = words.last ?? ""
        let run = try MigcheckProcess.run(
            ["---completion"] + command + ["--", argument, String(words.count - 1), String(word.count)] + words,
            environment: environment, currentDirectory: MigcheckProcess.packageRoot)
        #expect(run.status == 0, "\(run.stderr)")
        return run.lines.filter { !$0.isEmpty }
    }

    @Test("model ids for expand, --model and show; implementation ids for --to, --for and --verify")
    func ids() throws {
        #expect(try complete(["expand"], "positional@0", ["qemu.org/devices/e1000"]) == ["qemu.org/devices/e1000", "qemu.org/devices/e1000e"])
        #expect(try complete(["check"], "--model", ["--model", "vendor-a"]) == ["vendor-a.com/my-nic"])
        #expect(try complete(["show"], "positional@0", ["qemu.org/machines/pc-q35-10."]) == [
            "qemu.org/machines/pc-q35-10.0", "qemu.org/machines/pc-q35-10.1", "qemu.org/machines/pc-q35-10.2",
        ])
        // By release number: 9.2 before 10.2.
        #expect(try complete(["check"], "--to", ["--to", "qemu.org/qemu/"]).suffix(2) == ["qemu.org/qemu/9.2", "qemu.org/qemu/10.2"])
        #expect(try complete(["expand"], "--for", ["--for", "vendor-a.com/my-nic-driver/"]) == [
            "vendor-a.com/my-nic-driver/1.0", "vendor-a.com/my-nic-driver/3.1",
        ])
        #expect(try complete(["probe"], "--verify", ["--verify", "qemu.org/qemu/7"]) == ["qemu.org/qemu/7.2"])
    }

    @Test("the registry the command line names is the one read; none that can be read gives nothing")
    func registry() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        try directory.write("r/m.yaml", "model: example.com/only\nparameters:\n  a: {type: bool, default: off}\n")
        #expect(try complete(["expand"], "positional@0", ["--registry", directory.path("r"), "ex"]) == ["example.com/only"])
        #expect(try complete(["expand"], "positional@0", ["ex"], environment: ["MIGCHECK_REGISTRY": directory.path("r")]) == ["example.com/only"])
        #expect(try complete(["expand"], "positional@0", ["--registry", "/nonexistent", "ex"]) == [])
    }

    @Test("the generated scripts complete files where a file is taken and ask migcheck for ids", arguments: ["bash", "zsh", "fish"])
    func scripts(_ shell: String) throws {
        let script = try MigcheckProcess.run(["--generate-completion-script", shell]).stdout
        #expect(script.contains("---completion"))
        #expect(script.contains("yaml") && script.contains("json"))
    }
}
