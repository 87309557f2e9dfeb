import ArgumentParser
import DeviceModelRegistry
import MigrationCheck
import QEMUAdapter

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// `migcheck generate`: the QEMU part of a registry, from the data kept in the repository.
struct GenerateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "generate",
        abstract: "Regenerate the QEMU part of a registry (models, machines, implementations) from QEMU data.",
        discussion: """
            For registry maintainers. Reads DATA/generator.yaml and the files it names (QEMU's \
            machine-type compat arrays, and what 'migcheck probe --facts' read from a real QEMU binary) \
            and writes models/qemu.org, machines/qemu.org and implementations/qemu.org below --output, \
            replacing the registry files that were there; the rest of the registry is left alone. The same inputs give the \
            same bytes. With --check it writes nothing and exits 1 when the files below --output differ \
            from what it would write.
            """
    )

    @Option(help: ArgumentHelp("The data directory.", valueName: "dir"))
    var data: String = "data/qemu"

    @Option(help: ArgumentHelp("The registry directory to write into.", valueName: "dir"))
    var output: String

    @Flag(help: "Write nothing; exit 1 when the registry's files differ from what would be written.")
    var check = false

    func run() throws {
        var generator: QEMURegistryGenerator
        let files: [QEMURegistryGenerator.File]
        do {
            generator = try QEMURegistryGenerator(dataDirectory: data)
            files = generator.generate()
        } catch {
            Console.err(ErrorReport.text(error))
            throw ExitCode(2)
        }
        let stale = QEMURegistryGenerator.stale(files, in: output)
        if check {
            for path in stale.differing { Console.err("\(output)/\(path): differs from what 'migcheck generate' writes\n") }
            for path in stale.extra { Console.err("\(output)/\(path): not written by 'migcheck generate'\n") }
            throw ExitCode(stale.differing.isEmpty && stale.extra.isEmpty ? 0 : 1)
        }
        for path in stale.extra { unlink(output + "/" + path) }
        for file in files where stale.differing.contains(file.path) {
            let path = output + "/" + file.path
            makeDirectories(String(path[..<path.lastIndex(of: "/")!]))
            guard let handle = fopen(path, "w") else {
                Console.err("migcheck: error: \(path): \(String(cString: strerror(errno)))\n")
                throw ExitCode(2)
            }
            let bytes = Array(file.text.utf8)
            let written = fwrite(bytes, 1, bytes.count, handle)
            if fclose(handle) != 0 || written != bytes.count {
                Console.err("migcheck: error: \(path): cannot write\n")
                throw ExitCode(2)
            }
        }
        for note in generator.notes { Console.err("migcheck: note: \(note)\n") }
        Console.err("\(files.count) files below \(output): \(stale.differing.count) written, \(stale.extra.count) removed\n")
    }

    /// `mkdir -p`.
    private func makeDirectories(_ path: String) {
        var prefix = ""
        for (index, component) in path.split(separator: "/", omittingEmptySubsequences: false).enumerated() {
            prefix += (index == 0 ? "" : "/") + component
            if !component.isEmpty { mkdir(prefix, 0o755) }
        }
    }
}
