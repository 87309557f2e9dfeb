import ConfigExpansion
import DeviceModelRegistry
import Foundation
import MigrationCheck
import Testing

@testable import QEMUAdapter

/// Where the package and this target's fixtures are, found from this file's path.
enum Fixtures {
    /// The package root: this file is `Tests/QEMUAdapterTests/Support/Fixtures.swift`.
    static let packageRoot: String = {
        var components = #filePath.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        components.removeLast(4)
        return components.joined(separator: "/")
    }()

    static let directory = packageRoot + "/Tests/QEMUAdapterTests/Fixtures"
    static let libvirt = directory + "/libvirt"
    static let migrations = directory + "/migrations"

    /// A fixture file's text.
    static func text(_ relativePath: String) throws -> String {
        try String(contentsOfFile: directory + "/" + relativePath, encoding: .utf8)
    }

    /// The shipped registry (`registry/` at the package root), which must validate.
    static func shippedRegistry() throws -> Registry {
        let loaded = try RegistryLoader.load(directory: packageRoot + "/registry")
        try #require(loaded.isValid, "the shipped registry does not validate: \(loaded.diagnostics)")
        return loaded.registry
    }

    /// A registry of one YAML text (documents separated by `---`), which must validate.
    static func registry(_ text: String) throws -> Registry {
        let loaded = RegistryLoader.load([YAMLReader.read(Array(text.utf8), file: "registry.yaml")])
        try #require(loaded.isValid, "the test registry does not validate: \(loaded.diagnostics)")
        return loaded.registry
    }

    /// Every `-device` value of an argument list, in order.
    static func deviceOptions(_ arguments: [String]) -> [String] {
        zip(arguments, arguments.dropFirst()).filter { $0.0 == "-device" }.map(\.1)
    }

    /// The `id` of a `-device` value written by libvirt (JSON) or as `key=value,...`; nil without one.
    static func deviceID(_ option: String) -> String? {
        if option.hasPrefix("{") {
            guard let object = try? JSONSerialization.jsonObject(with: Data(option.utf8)) as? [String: Any] else { return nil }
            return object["id"] as? String
        }
        for element in option.split(separator: ",") where element.hasPrefix("id=") {
            return String(element.dropFirst(3))
        }
        return nil
    }

    /// The `driver` of a `-device` value.
    static func deviceDriver(_ option: String) -> String? {
        if option.hasPrefix("{") {
            guard let object = try? JSONSerialization.jsonObject(with: Data(option.utf8)) as? [String: Any] else { return nil }
            return object["driver"] as? String
        }
        return option.split(separator: ",").first.map(String.init)
    }
}

/// A directory under the system's temporary directory, removed when the test ends.
final class TemporaryDirectory {
    let path: String

    init() throws {
        path = NSTemporaryDirectory() + "migcheck-qemu-tests-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    deinit {
        try? FileManager.default.removeItem(atPath: path)
    }

    /// Writes a file and returns its path.
    func write(_ name: String, _ text: String) throws -> String {
        let file = path + "/" + name
        try text.write(toFile: file, atomically: true, encoding: .utf8)
        return file
    }
}

extension VMConfiguration {
    /// The device of an id.
    func device(_ id: String) -> VMConfiguration.Device? {
        devices.first { $0.id == id }
    }
}

extension VMConfiguration.Device {
    /// The text of an override, when the device has one for that parameter.
    func override(_ parameter: String) -> String? {
        overrides.last { $0.parameter == parameter }?.text
    }
}

extension QEMUCommandLineReader {
    /// The VM of a command line given as words (the arguments after the binary).
    static func read(_ arguments: String..., registry: Registry = Registry(models: [], implementations: [])) throws
        -> VMConfiguration
    {
        try read(arguments: arguments, name: "test", registry: registry)
    }
}
