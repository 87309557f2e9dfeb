import DeviceModelRegistry
import Foundation
import Testing

/// Open, then look: a registry file swapped for a FIFO between the walk and the open never blocks.
@Suite("Files that change between looking and opening")
struct FileSwapTests {
    @Test("a file swapped for a FIFO and back, 40 loads meanwhile: each ends, the FIFO unreadable-file", .timeLimit(.minutes(1)))
    func fifoSwap() throws {
        let directory = NSTemporaryDirectory() + "migcheck-swap-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: directory + "/models", withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let file = directory + "/models/a.yaml"
        let text = "model: example.com/a\n"
        try text.write(toFile: file, atomically: true, encoding: .utf8)
        let stop = ManagedAtomicFlag()
        let swapper = Thread {
            while !stop.isSet {
                unlink(file)
                mkfifo(file, 0o644)
                usleep(200)
                unlink(file)
                try? text.write(toFile: file, atomically: false, encoding: .utf8)
                usleep(200)
            }
        }
        swapper.start()
        defer { stop.set() }
        var sawFIFO = false
        for _ in 0..<40 {
            let loaded = try RegistryLoader.load(directory: directory)
            for diagnostic in loaded.diagnostics {
                #expect(diagnostic.rule == "unreadable-file", "\(diagnostic.message)")
                if diagnostic.message.contains("FIFO") || diagnostic.message.contains("not a regular file") { sawFIFO = true }
            }
        }
        _ = sawFIFO  // which runs meet the FIFO is up to the scheduler; that none hangs is the point
    }
}

/// A flag set once from another thread.
private final class ManagedAtomicFlag: @unchecked Sendable {
    private let lock = NSLock()
    private var value = false
    var isSet: Bool { lock.withLock { value } }
    func set() { lock.withLock { value = true } }
}
