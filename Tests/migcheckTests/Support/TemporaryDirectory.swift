import Foundation

#if canImport(Glibc)
import Glibc
private let systemWrite = Glibc.write
#elseif canImport(Musl)
import Musl
private let systemWrite = Musl.write
#elseif canImport(Darwin)
import Darwin
private let systemWrite = Darwin.write
#endif

/// A fresh folder under the system's temporary directory, for building fixtures.
///
/// Call ``remove()`` when the test ends (`defer { directory.remove() }`): that also keeps
/// the object alive until then.
final class TemporaryDirectory {
    let url: URL

    init() throws {
        url = FileManager.default.temporaryDirectory
            .appendingPathComponent("migcheck-e2e-" + UUID().uuidString, isDirectory: true)
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    var path: String { url.path }

    /// The absolute path of `relative` inside this folder.
    func path(_ relative: String) -> String {
        url.appendingPathComponent(relative).path
    }

    /// Writes `text` as UTF-8 to `relative`, creating the folders above it.
    func write(_ relative: String, _ text: String) throws {
        try write(relative, bytes: Array(text.utf8))
    }

    /// Writes raw bytes to `relative`, creating the folders above it.
    func write(_ relative: String, bytes: [UInt8]) throws {
        let file = url.appendingPathComponent(relative)
        try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(bytes).write(to: file)
    }

    /// Creates `relative` as a file of `size` bytes without writing them (a sparse file of NULs).
    func writeSparse(_ relative: String, size: UInt64) throws {
        let file = url.appendingPathComponent(relative)
        try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
        guard FileManager.default.createFile(atPath: file.path, contents: nil) else {
            throw CocoaError(.fileWriteUnknown)
        }
        let handle = try FileHandle(forWritingTo: file)
        defer { try? handle.close() }
        try handle.truncate(atOffset: size)
    }

    func makeDirectory(_ relative: String) throws {
        try FileManager.default.createDirectory(
            at: url.appendingPathComponent(relative), withIntermediateDirectories: true)
    }

    /// Creates `relative` as a symbolic link whose target is `destination`, written as given.
    func symlink(_ relative: String, to destination: String) throws {
        let link = url.appendingPathComponent(relative)
        try FileManager.default.createDirectory(at: link.deletingLastPathComponent(), withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(atPath: link.path, withDestinationPath: destination)
    }

    /// Creates `relative` as a named pipe, with `/usr/bin/mkfifo`.
    func fifo(_ relative: String) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/mkfifo")
        process.arguments = [path(relative)]
        try process.run()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { throw CocoaError(.fileWriteUnknown) }
    }

    /// Writes a file whose name is raw bytes (it need not be UTF-8) into the folder `relativeFolder`.
    func write(inFolder relativeFolder: String, rawName: [UInt8], _ text: String) throws {
        try makeDirectory(relativeFolder)
        let bytes = Array(path(relativeFolder).utf8) + [UInt8(ascii: "/")] + rawName + [0]
        let descriptor = bytes.withUnsafeBufferPointer { buffer in
            buffer.baseAddress!.withMemoryRebound(to: CChar.self, capacity: buffer.count) {
                open($0, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
            }
        }
        guard descriptor >= 0 else { throw CocoaError(.fileWriteUnknown) }
        defer { close(descriptor) }
        let content = Array(text.utf8)
        guard content.withUnsafeBytes({ systemWrite(descriptor, $0.baseAddress, $0.count) }) == content.count else {
            throw CocoaError(.fileWriteUnknown)
        }
    }

    func setPermissions(_ relative: String, _ mode: Int) throws {
        try FileManager.default.setAttributes([.posixPermissions: mode], ofItemAtPath: path(relative))
    }

    /// Removes the folder and everything in it (links are removed, never followed).
    func remove() {
        try? FileManager.default.removeItem(at: url)
    }
}
