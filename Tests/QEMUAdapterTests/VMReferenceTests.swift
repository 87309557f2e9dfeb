import DeviceModelRegistry
import Foundation
import Testing

@testable import QEMUAdapter

@Suite("VM references: PATH, qemu-args:PATH, qmp:PATH (SPEC 10.2)")
struct VMReferenceTests {
    static let empty = Registry(models: [], implementations: [])

    @Test("qemu-args: names the VM after its file when the command line has no -name", arguments: [
        ("web-1.log", "web-1"), ("web-1.args", "web-1"), ("web-1.argv", "web-1"), ("web-1.txt", "web-1"), ("web-1", "web-1"),
        ("web-1.sh", "web-1.sh"),
    ])
    func nameFromFile(_ file: String, _ name: String) throws {
        let directory = try TemporaryDirectory()
        let path = try directory.write(file, "-machine\npc-q35-7.2\n-device\ne1000e,id=n0\n")
        let vm = try VMReference.read("qemu-args:" + path, registry: Self.empty)
        #expect(vm.name == name)
        #expect(vm.origin == .qemuArgs)
        #expect(vm.devices.map(\.id) == ["n0"])
    }

    @Test("qemu-args: a runnable fixture, with no -name, is named after its file")
    func runnableFixture() throws {
        let vm = try VMReference.read("qemu-args:\(Fixtures.libvirt)/runnable/pcguest.args", registry: Self.empty)
        #expect(vm.name == "pcguest")
        #expect(vm.devices.count == 18)
    }

    @Test("an error in the command line names the file")
    func errorNamesFile() throws {
        let directory = try TemporaryDirectory()
        let path = try directory.write("bad.args", "-machine\nq35\n")
        let error = #expect(throws: InputError.self) { try VMReference.read("qemu-args:" + path, registry: Self.empty) }
        #expect(error?.file == path)
        #expect(error?.description.contains(path) == true)
    }

    @Test("references without a path, or to nothing, are input errors", arguments: [
        "qemu-args:", "qmp:", "qemu-args:/nonexistent/x.args", "qmp:/nonexistent/x.sock", "/nonexistent/vm.yaml",
    ])
    func badReferences(_ reference: String) throws {
        #expect(throws: InputError.self) { try VMReference.read(reference, registry: Self.empty) }
    }

    @Test("qmp: a path that is no socket is refused without sending anything")
    func qmpNotASocket() throws {
        let directory = try TemporaryDirectory()
        let path = try directory.write("vm.sock", "")
        let error = #expect(throws: InputError.self) { try VMReference.read("qmp:" + path, registry: Self.empty) }
        #expect(error?.message.contains("not a socket") == true, "\(String(describing: error))")
    }

    @Test("qemu-args: text that is not UTF-8 is an input error")
    func notUTF8() throws {
        let directory = try TemporaryDirectory()
        let path = directory.path + "/bin.args"
        try Data([0x2D, 0x6D, 0x0A, 0xFF, 0xFE, 0x0A]).write(to: URL(fileURLWithPath: path))
        #expect(throws: InputError.self) { try VMReference.read("qemu-args:" + path, registry: Self.empty) }
    }
}
