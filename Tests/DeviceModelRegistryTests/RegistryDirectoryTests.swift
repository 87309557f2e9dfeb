import DeviceModelRegistry
import Foundation
import Testing

@Suite("Registry directories (SPEC 2.1)")
struct RegistryDirectoryTests {
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

    @Test("a folder reached twice is read once, at the path first in sorted order; links to files are followed")
    func readableLinks() throws {
        let dir = try TemporaryDirectory()
        try dir.write("real/x.yaml", "model: example.com/x\n")
        try dir.write("y.yaml", "model: example.com/y\n")
        try FileManager.default.createSymbolicLink(atPath: dir.path + "/linked", withDestinationPath: "real")
        try FileManager.default.createSymbolicLink(atPath: dir.path + "/z.yaml", withDestinationPath: "real/x.yaml")
        let loaded = try RegistryLoader.load(directory: dir.path)
        #expect(loaded.files == [dir.path + "/linked/x.yaml", dir.path + "/y.yaml", dir.path + "/z.yaml"])
        // The file linked to by name is read again: only folders are read once.
        #expect(loaded.diagnostics.map(\.rule) == ["duplicate-model"])
    }

    @Test("folders that each link twice to the next are each read once, however deep the chain")
    func fanOut() throws {
        let dir = try TemporaryDirectory()
        let depth = 40
        for level in 0...depth {
            try dir.write("chain/d\(level)/m.yaml", "model: example.com/m\(level)\n")
        }
        for level in 0..<depth {
            for link in ["a", "b"] {
                try FileManager.default.createSymbolicLink(
                    atPath: dir.path + "/chain/d\(level)/\(link)", withDestinationPath: "../d\(level + 1)")
            }
        }
        // Each folder comes first through the 'a' links: chain/d0/a/a/.../m.yaml, the deepest first.
        let loaded = try RegistryLoader.load(directory: dir.path)
        #expect(loaded.diagnostics.isEmpty)
        #expect(loaded.files == (0...depth).reversed().map { level in
            dir.path + "/chain/d0/" + String(repeating: "a/", count: level) + "m.yaml"
        })
        #expect(Set(loaded.registry.models.map(\.id)) == Set((0...depth).map { "example.com/m\($0)" }))
    }

    @Test("a link into a pseudo file system is unreadable-file at the link, and is not read",
          .enabled(if: FileManager.default.fileExists(atPath: "/proc/self/fd"), "Linux's /proc and /sys"),
          arguments: ["/proc", "/proc/self", "/sys"])
    func pseudoFileSystem(target: String) throws {
        let dir = try TemporaryDirectory()
        try dir.write("ok.yaml", "model: example.com/x\n")
        try FileManager.default.createSymbolicLink(atPath: dir.path + "/kernel", withDestinationPath: target)
        let loaded = try RegistryLoader.load(directory: dir.path)
        let finding = try #require(loaded.diagnostics.first)
        #expect(loaded.diagnostics.count == 1)
        #expect(finding.rule == "unreadable-file")
        #expect(finding.location == .start(of: dir.path + "/kernel"))
        #expect(finding.message.contains("pseudo file system"))
        #expect(loaded.files == [dir.path + "/ok.yaml"])
    }

    @Test("a missing directory or a file instead of one is trouble, not a finding")
    func missing() throws {
        let dir = try TemporaryDirectory()
        try dir.write("file.yaml", "model: example.com/x\n")
        #expect(throws: InputError.self) { try RegistryLoader.load(directory: dir.path + "/nope") }
        #expect(throws: InputError.self) { try RegistryLoader.load(directory: dir.path + "/file.yaml") }
    }
}
