import DeviceModelRegistry
import Testing

@Suite("The shipped registry")
struct ShippedRegistryTests {
    /// `registry/` at the top of the package.
    static let directory: String = {
        var path = #filePath
        for _ in 0..<3 { path = String(path[..<path.lastIndex(of: "/")!]) }
        return path + "/registry"
    }()

    @Test("validates with no finding at all")
    func clean() throws {
        let loaded = try RegistryLoader.load(directory: Self.directory)
        #expect(loaded.diagnostics.map { "\($0.location): \($0.message) [\($0.rule)]" } == [])
        #expect(loaded.registry.models.count >= 4)
        #expect(loaded.registry.implementations.count >= 2)
    }

    @Test("holds the SPEC 2.5 example and QEMU's devices", arguments: [
        "vendor-a.com/my-nic", "qemu.org/devices/virtio-net-pci", "qemu.org/devices/virtio-blk-pci", "qemu.org/devices/e1000e",
    ])
    func models(_ id: String) throws {
        let registry = try RegistryLoader.load(directory: Self.directory).registry
        let model = try #require(registry.model(id))
        #expect(!model.parameters.isEmpty)
        #expect(!model.versions.isEmpty)
        #expect(registry.implementations.contains { $0.support(for: id) != nil })
    }

    @Test("QEMU facts from the compat tables: virtio-blk queue-size is 128 up to 4.2 and 256 after")
    func qemuFacts() throws {
        let registry = try RegistryLoader.load(directory: Self.directory).registry
        let blk = try #require(registry.model("qemu.org/devices/virtio-blk-pci"))
        #expect(blk.parameter(named: "queue-size")?.defaultValue == .int(128))
        let newest = try #require(blk.versions.last)
        let chain = try #require(blk.versionChain(newest.name))
        let queueSize = chain.reversed().lazy.compactMap { $0.settings?.first { $0.parameter == "queue-size" }?.value }.first
        #expect(queueSize == .int(256))
        let net = try #require(registry.model("qemu.org/devices/virtio-net-pci"))
        #expect(net.parameter(named: "x-mtu-bypass-backend")?.defaultValue == .bool(false))
    }
}
