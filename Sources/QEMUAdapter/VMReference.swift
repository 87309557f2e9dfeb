public import DeviceModelRegistry
public import MigrationCheck

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// A VM reference (SPEC 10.2): `PATH` (a VM configuration file), `qemu-args:PATH`
/// (`qemu-args:-` for standard input) or `qmp:PATH`.
public enum VMReference {
    /// The VM configuration a reference names.
    ///
    /// - Parameter registry: gives parameters' types, to read QEMU's spellings.
    /// - Throws: ``InputError`` when it cannot be read.
    public static func read(_ reference: String, registry: Registry) throws(InputError) -> VMConfiguration {
        if reference.hasPrefix("qemu-args:") {
            let path = String(reference.dropFirst("qemu-args:".count))
            guard !path.isEmpty else { throw InputError("'qemu-args:' needs a path, or '-' for standard input") }
            let bytes = try FileReader.read(path)
            guard let text = String(validating: bytes, as: UTF8.self) else {
                throw InputError("the command line is not UTF-8 text", file: path == "-" ? FileReader.standardInputName : path)
            }
            do {
                return try QEMUCommandLineReader.read(
                    text: text, name: path == "-" ? "stdin" : InputDecoder.baseName(path, dropping: [".log", ".args", ".argv", ".txt"]),
                    registry: registry)
            } catch {
                throw InputError(error.message, at: error.location, file: error.file ?? (path == "-" ? FileReader.standardInputName : path))
            }
        }
        if reference.hasPrefix("qmp:") {
            let path = String(reference.dropFirst("qmp:".count))
            guard !path.isEmpty else { throw InputError("'qmp:' needs the path of a QMP UNIX socket") }
            return try QMPVMReader.read(
                socket: path, name: InputDecoder.baseName(path, dropping: [".sock", ".socket", ".qmp"]), registry: registry,
                timeout: timeout)
        }
        return try InputDecoder.vmConfiguration(file: reference)
    }

    /// The registry ids a VM file names (its devices' models, its machine), so that a large
    /// registry can be read in part for it; nil for a real VM (`qemu-args:`, `qmp:`), standard
    /// input (read once), or a file that is not a VM configuration (the question reports it).
    public static func registryIDs(_ reference: String) -> [String]? {
        guard !reference.hasPrefix("qemu-args:"), !reference.hasPrefix("qmp:"), reference != "-",
            let vm = try? InputDecoder.vmConfiguration(file: reference)
        else { return nil }
        return vm.registryIDs
    }

    /// The QMP timeout: `MIGCHECK_QMP_TIMEOUT` seconds, else ``QMPVMReader/defaultTimeout``.
    static var timeout: Double {
        guard let text = getenv("MIGCHECK_QMP_TIMEOUT").map({ String(cString: $0) }), let value = Double(text), value > 0,
            value.isFinite
        else { return QMPVMReader.defaultTimeout }
        return value
    }
}

extension VMReference {
    /// Many references, each read or failed on its own; files on every core, QMP sockets one after the other.
    public static func read(_ references: [String], registry: Registry) -> [Result<VMConfiguration, InputError>] {
        let files = references.filter { !$0.hasPrefix("qmp:") && !$0.hasPrefix("qemu-args:") }
        guard files.count == references.count else {
            return references.map { reference in
                Result { () throws(InputError) in try read(reference, registry: registry) }
            }
        }
        return InputDecoder.vmConfigurations(files: references)
    }
}

extension BatchSession {
    /// A session whose requests may give `vm` as a VM reference string.
    public static func reading(registry: Registry) -> BatchSession {
        BatchSession(registry: registry) { reference throws(InputError) in try VMReference.read(reference, registry: registry) }
    }
}
