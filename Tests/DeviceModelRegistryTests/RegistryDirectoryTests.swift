import DeviceModelRegistry
import Foundation
import Testing

@Suite("Registry directories (SPEC 2.1)")
struct RegistryDirectoryTests {
    /// A fresh directory, removed when the test ends.
    private final class TemporaryDirectory {
        let path: String
        init() throws {
            path = NSTemporaryDirectory() + "migcheck-registry-" + UUID().uuidString
            try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        }
        func write(_ relative: String, _ text: String) throws {
            let url = URL(fileURLWithPath: path + "/" + relative)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try text.write(to: url, atomically: true, encoding: .utf8)
        }
        deinit { try? FileManager.default.removeItem(atPath: path) }
    }

    @Test("yaml and yml files are read recursively in sorted path order; dot names and other files are skipped")
    func listing() throws {
        let dir = try TemporaryDirectory()
        try dir.write("b.yaml", "model: example.com/b\n")
        try dir.write("a/z.yml", "model: example.com/az\n")
        try dir.write("a.yaml", "model: example.com/a\n")
        try dir.write(".hidden.yaml", "model: [broken\n")
        try dir.write(".git/x.yaml", "model: [broken\n")
        try dir.write("notes.txt", "model: [broken\n")
        try dir.write("empty.yaml", "")
        let loaded = try RegistryLoader.load(directory: dir.path)
        #expect(loaded.diagnostics.isEmpty)
        #expect(loaded.files == [dir.path + "/a.yaml", dir.path + "/a/z.yml", dir.path + "/b.yaml", dir.path + "/empty.yaml"])
        #expect(loaded.registry.models.map(\.id) == ["example.com/a", "example.com/az", "example.com/b"])
    }

    @Test("files are named as the user gave the directory, joined with their path below it")
    func naming() throws {
        let dir = try TemporaryDirectory()
        try dir.write("models/x.yaml", "model: example.com/x\nbogus: 1\n")
        for given in [dir.path, dir.path + "/"] {
            let finding = try #require(try RegistryLoader.load(directory: given).diagnostics.first)
            #expect(finding.location == SourceLocation(file: dir.path + "/models/x.yaml", line: 2, column: 1))
        }
    }

    @Test("a FIFO, a dangling link and a symlink loop are unreadable-file findings; nothing hangs")
    func unreadable() throws {
        let dir = try TemporaryDirectory()
        try dir.write("ok.yaml", "model: example.com/x\n")
        #expect(mkfifo(dir.path + "/pipe.yaml", 0o644) == 0)
        try FileManager.default.createSymbolicLink(atPath: dir.path + "/dangling.yaml", withDestinationPath: "nowhere.yaml")
        try FileManager.default.createDirectory(atPath: dir.path + "/sub", withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(atPath: dir.path + "/sub/loop", withDestinationPath: "..")
        let loaded = try RegistryLoader.load(directory: dir.path)
        #expect(loaded.diagnostics.map(\.rule) == ["unreadable-file", "unreadable-file", "unreadable-file"])
        #expect(Set(loaded.diagnostics.map(\.location)) == [
            .start(of: dir.path + "/dangling.yaml"), .start(of: dir.path + "/pipe.yaml"), .start(of: dir.path + "/sub/loop"),
        ])
        #expect(loaded.registry.models.count == 1)
    }

    @Test("a clean directory has no unreadable-file finding, links to files and folders included")
    func readableLinks() throws {
        let dir = try TemporaryDirectory()
        try dir.write("real/x.yaml", "model: example.com/x\n")
        try FileManager.default.createSymbolicLink(atPath: dir.path + "/linked", withDestinationPath: "real")
        let loaded = try RegistryLoader.load(directory: dir.path)
        #expect(loaded.diagnostics.map(\.rule) == ["duplicate-model"])
    }

    @Test("a missing directory or a file instead of one is trouble, not a finding")
    func missing() throws {
        let dir = try TemporaryDirectory()
        try dir.write("file.yaml", "model: example.com/x\n")
        #expect(throws: InputError.self) { try RegistryLoader.load(directory: dir.path + "/nope") }
        #expect(throws: InputError.self) { try RegistryLoader.load(directory: dir.path + "/file.yaml") }
    }
}
