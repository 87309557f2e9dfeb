import DeviceModelRegistry
import Testing

@Suite("VM configurations and host inventories (SPEC 3)")
struct InputDecoderTests {
    private func node(_ text: String) throws -> YAMLNode {
        try #require(YAMLReader.read(Array(text.utf8), file: "vm.yaml").documents.first)
    }

    @Test("devices get default ids; values keep their text for typing by the model")
    func vm() throws {
        let vm = try InputDecoder.vmConfiguration(try node("""
            vm: web-42
            devices:
              - id: net0
                model: vendor-a.com/my-nic
                version: "2"
                set: {rx-filter-size: 0x10, rss: on}
              - model: qemu.org/devices/virtio-blk-pci
            """), defaultName: "file")
        #expect(vm.name == "web-42")
        #expect(vm.devices.map(\.id) == ["net0", "devices[1]"])
        #expect(vm.devices[0].version == "2")
        #expect(vm.devices[0].overrides.map(\.text) == ["0x10", "on"])
        #expect(vm.devices[0].overrides.first?.location == SourceLocation(file: "vm.yaml", line: 6, column: 27))
    }

    @Test("JSON is read too; without vm the VM is named after its file")
    func json() throws {
        let vm = try InputDecoder.vmConfiguration(
            try node(#"{"devices": [{"model": "a.com/b", "set": {"rss": true, "n": 32, "s": "x y"}}]}"#), defaultName: "web")
        #expect(vm.name == "web")
        #expect(vm.devices[0].overrides.map(\.text) == ["true", "32", "x y"])
    }

    @Test("bad VM configurations are input errors located at the problem", arguments: [
        ("devices: []\n", 1, 10, "'devices' is empty"),
        ("vm: x\n", 1, 1, "missing key 'devices'"),
        ("devices:\n  - {id: a, model: a.com/b}\n  - {id: a, model: a.com/c}\n", 3, 10, "two devices have the id 'a'"),
        ("devices:\n  - {model: a.com/b}\n  - {id: \"devices[0]\", model: a.com/c}\n", 3, 10, "two devices have the id 'devices[0]'"),
        ("devices:\n  - {model: a.com/b, set: {rss: }}\n", 2, 33, "expected a scalar"),
        ("devices:\n  - {model: a.com/b, verison: \"1\"}\n", 2, 22, "did you mean 'version'?"),
        ("devices:\n  - {id: a}\n", 2, 5, "missing key 'model'"),
    ] as [(String, Int, Int, String)])
    func badVM(_ text: String, _ line: Int, _ column: Int, _ message: String) throws {
        let root = try node(text)
        #expect {
            try InputDecoder.vmConfiguration(root, defaultName: "vm")
        } throws: { error in
            guard let error = error as? InputError else { return false }
            return error.location == SourceLocation(file: "vm.yaml", line: line, column: column) && error.message.contains(message)
        }
    }

    @Test("an inventory keeps its hosts and implementations in order")
    func inventory() throws {
        let inventory = try InputDecoder.hostInventory(try node("hosts:\n  b: [x.com/1, y.com/2]\n  a: [x.com/1]\n"))
        #expect(inventory.hosts.map(\.name) == ["b", "a"])
        #expect(inventory.hosts[0].implementations.map(\.id) == ["x.com/1", "y.com/2"])
    }

    @Test("bad inventories are input errors", arguments: ["hosts: {}\n", "hosts:\n  a: []\n", "hosts: [a]\n", "host: {}\n"])
    func badInventory(_ text: String) throws {
        let root = try node(text)
        #expect(throws: InputError.self) { try InputDecoder.hostInventory(root) }
    }
}
