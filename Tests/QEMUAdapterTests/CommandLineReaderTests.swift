import ConfigExpansion
import DeviceModelRegistry
import Testing

@testable import QEMUAdapter

@Suite("Reading a QEMU command line into a VM configuration (SPEC 10.2, qemu-args:)")
struct CommandLineReaderTests {
    /// Types for the bool spellings: e1000e's init-vet is a bool, romfile a string; pcie-root-port's port an int.
    static let registry: Registry = try! Fixtures.registry("""
        model: qemu.org/devices/e1000e
        parameters:
          init-vet: {type: bool, default: false}
          x-pcie-extcap-init: {type: bool, default: false}
          romfile: {type: string, default: "efi-e1000e.rom"}
        host-side: [netdev]
        ---
        model: qemu.org/devices/pcie-root-port
        parameters:
          port: {type: int, default: 0}
          chassis: {type: int, default: 0}
        """)

    private func read(_ arguments: String...) throws -> VMConfiguration {
        try QEMUCommandLineReader.read(arguments: arguments, name: "fallback", registry: Self.registry)
    }

    // MARK: The machine

    @Test("-machine/-M: the first bare value or type= is the machine type, as qemu.org/machines/TYPE", arguments: [
        (["-machine", "pc-q35-7.2,usb=off"], "qemu.org/machines/pc-q35-7.2"),
        (["-M", "type=pc-i440fx-7.2"], "qemu.org/machines/pc-i440fx-7.2"),
        (["-M", "pc-i440fx-7.2"], "qemu.org/machines/pc-i440fx-7.2"),
        (["-machine", "usb=off,type=pc-q35-7.1,dump-guest-core=off"], "qemu.org/machines/pc-q35-7.1"),
        (["--machine", "pc-q35-7.2"], "qemu.org/machines/pc-q35-7.2"),
        // A later -machine without a type keeps the type.
        (["-machine", "pc-q35-7.2", "-machine", "usb=off"], "qemu.org/machines/pc-q35-7.2"),
    ])
    func machine(_ arguments: [String], _ expected: String) throws {
        let vm = try QEMUCommandLineReader.read(arguments: arguments, name: "x", registry: Self.registry)
        #expect(vm.machine == expected)
        #expect(vm.origin == .qemuArgs)
    }

    @Test("no -machine: QEMU's default, the alias pc, which no registry defines: the VM's verdict is unknown")
    func noMachine() throws {
        let vm = try read("-m", "64", "-device", "e1000e")
        #expect(vm.machine == "qemu.org/machines/pc")
        let registry = try Fixtures.shippedRegistry()
        let expanded = try Expander.expand(vm, in: registry)
        #expect(expanded.machineUnknown)
    }

    @Test("a machine type alias (q35, pc) is an input error that asks for the full type", arguments: [
        ["-M", "q35"], ["-machine", "pc"], ["-machine", "type=q35,usb=off"], ["-machine", "pc,accel=tcg"],
    ])
    func machineAlias(_ arguments: [String]) throws {
        let error = #expect(throws: InputError.self) {
            try QEMUCommandLineReader.read(arguments: arguments, name: "x", registry: Self.registry)
        }
        #expect(error?.message.contains("alias") == true)
        #expect(error?.message.contains("full type") == true, "\(String(describing: error))")
    }

    // MARK: The VM's size

    @Test("-m in QEMU's size syntax, in MiB", arguments: [
        ("512", Int64(512)), ("1G", 1024), ("1g", 1024), ("size=524288k", 512), ("512M", 512), ("1.5G", 1536),
        ("512,slots=2,maxmem=4G", 512), ("size=2G,slots=1", 2048), ("536870912B", 512),
    ])
    func memory(_ text: String, _ mebibytes: Int64) throws {
        #expect(try read("-m", text).memory == mebibytes)
    }

    @Test("a -m QEMU would not take is an input error", arguments: ["lots", "512X", "", "size=", "1.2.3G", "0", "-1", ".5G", "G"])
    func badMemory(_ text: String) throws {
        #expect(throws: InputError.self) { try read("-m", text) }
    }

    @Test("-m, -smp, -device without their value are input errors", arguments: ["-m", "-smp", "-device", "-machine"])
    func optionWithoutValue(_ option: String) throws {
        #expect(throws: InputError.self) { try QEMUCommandLineReader.read(arguments: [option], name: "x", registry: Self.registry) }
    }

    @Test("-smp: N, cpus=N, else the product of the topology", arguments: [
        ("2", Int64(2)), ("cpus=3", 3), ("sockets=2,cores=2,threads=2", 8), ("2,sockets=2,cores=1,threads=1", 2),
        ("4,maxcpus=8", 4), ("sockets=2", 2), ("sockets=1,dies=2,cores=3", 6),
    ])
    func cpus(_ text: String, _ count: Int64) throws {
        #expect(try read("-smp", text).cpus == count)
    }

    @Test("no -smp: one vCPU, QEMU's default (SPEC 10.2: default 1)")
    func defaultCPUs() throws {
        #expect(try read("-m", "128").cpus == 1)
    }

    @Test("a -smp count that is no number is an input error", arguments: ["two", "cpus=x", "sockets=-1"])
    func badCPUs(_ text: String) throws {
        #expect(throws: InputError.self) { try read("-smp", text) }
    }

    @Test("-cpu: the model's name, the text before the first comma", arguments: [
        ("host,migratable=on", "host"), ("qemu64", "qemu64"), ("Skylake-Client-v4,+vmx,-hle", "Skylake-Client-v4"),
    ])
    func cpu(_ text: String, _ model: String) throws {
        #expect(try read("-cpu", text).cpu == model)
    }

    @Test("no -cpu and no -m: not stated")
    func sizeNotStated() throws {
        let vm = try read("-device", "e1000e,id=n")
        #expect(vm.cpu == nil)
        #expect(vm.memory == nil)
    }

    @Test("-name names the VM (guest= or the bare value); without it the name given stays", arguments: [
        (["-name", "guest=web,debug-threads=on"], "web"), (["-name", "web"], "web"), (["-name", "web,debug-threads=on"], "web"),
        (["-m", "64"], "fallback"),
    ])
    func name(_ arguments: [String], _ expected: String) throws {
        #expect(try QEMUCommandLineReader.read(arguments: arguments, name: "fallback", registry: Self.registry).name == expected)
    }

    // MARK: -global

    @Test("-global, in both syntaxes, sets the property on every listed device of that driver that does not set it")
    func globalsApplied() throws {
        let vm = try read(
            "-global", "e1000e.init-vet=off",
            "-device", "e1000e,id=a",
            "-device", "e1000e,id=b,init-vet=on",
            "-device", #"{"driver":"e1000e","id":"c","x-pcie-extcap-init":true}"#,
            "-global", "driver=e1000e,property=x-pcie-extcap-init,value=off")
        #expect(vm.device("a")?.override("init-vet") == "false")
        #expect(vm.device("a")?.override("x-pcie-extcap-init") == "false")
        // A device's own value is kept.
        #expect(vm.device("b")?.override("init-vet") == "true")
        #expect(vm.device("b")?.override("x-pcie-extcap-init") == "false")
        #expect(vm.device("c")?.override("init-vet") == "false")
        #expect(vm.device("c")?.override("x-pcie-extcap-init") == "true")
        #expect(vm.globals.isEmpty)
    }

    @Test("the last -global for a property wins, on devices and in globals")
    func lastGlobalWins() throws {
        let vm = try read(
            "-device", "e1000e,id=a",
            "-global", "e1000e.init-vet=off", "-global", "driver=e1000e,property=init-vet,value=on",
            "-global", "ICH9-LPC.disable_s3=1", "-global", "driver=ICH9-LPC,property=disable_s3,value=0")
        #expect(vm.device("a")?.overrides.filter { $0.parameter == "init-vet" }.map(\.text) == ["true"])
        #expect(vm.globals == [VMConfiguration.Global(driver: "ICH9-LPC", property: "disable_s3", value: "0")])
    }

    @Test("a -global applies to exactly its driver: one no listed device has is kept in globals")
    func globalOfOtherDriver() throws {
        let vm = try read(
            "-device", "e1000e,id=a",
            "-global", "e1000.init-vet=off",
            "-global", "kvm-pit.lost_tick_policy=delay",
            "-global", "ICH9-LPC.disable_s4=1")
        #expect(vm.device("a")?.override("init-vet") == nil)
        #expect(vm.globals.map(\.key) == ["e1000.init-vet", "kvm-pit.lost_tick_policy", "ICH9-LPC.disable_s4"])
        #expect(vm.globals.map(\.value) == ["off", "delay", "1"])
    }

    @Test("a -global that is neither syntax is an input error", arguments: ["e1000e=off", "init-vet=off", ".x=1", "e1000e.=1", "driver=e1000e,property=x"])
    func badGlobal(_ text: String) throws {
        #expect(throws: InputError.self) { try read("-global", text) }
    }

    // MARK: Devices and ids

    @Test("every -device is a device of model qemu.org/devices/DRIVER, in command-line order; -device help is not")
    func devices() throws {
        let vm = try read(
            "-device", "help", "-device", "e1000e,help", "-device", "?", "-device", "driver=help",
            "-device", "e1000e,id=n0", "-device", #"{"driver":"qemu-xhci","id":"usb"}"#, "-device", "driver=virtio-rng-pci,id=rng")
        #expect(vm.devices.map(\.id) == ["n0", "usb", "rng"])
        #expect(vm.devices.map(\.model) == ["qemu.org/devices/e1000e", "qemu.org/devices/qemu-xhci", "qemu.org/devices/virtio-rng-pci"])
        #expect(vm.devices.allSatisfy { $0.version == nil })
    }

    @Test("a property whose value is 'help' is no help request: the device is read")
    func helpAsValue() throws {
        let vm = try read("-device", "e1000e,id=n0,serial=help", "-device", "e1000e,id=help")
        #expect(vm.devices.map(\.id) == ["n0", "help"])
        #expect(vm.device("n0")?.override("serial") == "help")
    }

    @Test("a -device without a driver is an input error", arguments: ["id=x", "", #"{"id":"x"}"#])
    func deviceWithoutDriver(_ text: String) throws {
        #expect(throws: InputError.self) { try read("-device", text) }
    }

    @Test("id-less devices are DRIVER[k], k in QEMU's creation order: key=value devices first, then the JSON ones")
    func anonymousIDs() throws {
        let vm = try read(
            "-device", #"{"driver":"virtio-rng-pci"}"#,
            "-device", "virtio-rng-pci",
            "-device", "virtio-rng-pci,id=named",
            "-device", "e1000e",
            "-device", #"{"driver":"virtio-rng-pci","bus":"pcie.0"}"#,
            "-device", "virtio-rng-pci,bus=pcie.0")
        #expect(vm.devices.map(\.id) == [
            "virtio-rng-pci[2]", "virtio-rng-pci[0]", "named", "e1000e[0]", "virtio-rng-pci[3]", "virtio-rng-pci[1]",
        ])
    }

    @Test("a driver alias is read as the driver it stands for: model and DRIVER[k] alike")
    func driverAlias() throws {
        let vm = try read("-device", "virtio-net,id=n", "-device", "virtio-net", "-device", #"{"driver":"virtio-blk"}"#, "-device", "virtio-net-pci")
        #expect(vm.devices.map(\.model) == [
            "qemu.org/devices/virtio-net-pci", "qemu.org/devices/virtio-net-pci", "qemu.org/devices/virtio-blk-pci",
            "qemu.org/devices/virtio-net-pci",
        ])
        #expect(vm.devices.map(\.id) == ["n", "virtio-net-pci[0]", "virtio-blk-pci[0]", "virtio-net-pci[1]"])
    }

    // MARK: Placement

    @Test("a PCI addr is written %02x.%x: strings as QEMU reads them (hex), a JSON number as devfn", arguments: [
        ("addr=0x3", "03.0"), ("addr=3", "03.0"), ("addr=03", "03.0"), ("addr=3.0", "03.0"), ("addr=0x2.0x1", "02.1"),
        ("addr=0x1b", "1b.0"), ("addr=10", "10.0"), ("addr=0x1f.7", "1f.7"),
    ])
    func pciAddress(_ setting: String, _ address: String) throws {
        let vm = try read("-device", "e1000e,id=n,bus=pcie.0,\(setting)")
        #expect(vm.device("n")?.placement == VMConfiguration.Placement(bus: "pcie.0", address: address))
        #expect(vm.device("n")?.override("addr") == nil)
        #expect(vm.device("n")?.override("bus") == nil)
    }

    @Test("a PCI addr from JSON: strings as text, numbers as devfn (slot × 8 + function)", arguments: [
        (#""addr":"0x3""#, "03.0"), (#""addr":24"#, "03.0"), (#""addr":17"#, "02.1"), (#""addr":0"#, "00.0"),
        (#""addr":"0x2.0x1""#, "02.1"),
    ])
    func pciAddressJSON(_ member: String, _ address: String) throws {
        let vm = try read("-device", #"{"driver":"e1000e","id":"n","bus":"pcie.0","# + member + "}")
        #expect(vm.device("n")?.placement == VMConfiguration.Placement(bus: "pcie.0", address: address))
    }

    @Test("USB port, SCSI C:I:L, virtio-serial nr and IDE unit are the address on those buses; none is an override")
    func otherBuses() throws {
        let vm = try read(
            "-device", "usb-tablet,id=tablet,bus=usb.0,port=1",
            "-device", #"{"driver":"usb-kbd","id":"kbd","bus":"usb.0","port":"2"}"#,
            "-device", "scsi-hd,id=disk,bus=scsi0.0,channel=0,scsi-id=3,lun=2,drive=d0",
            "-device", #"{"driver":"scsi-cd","id":"cd","bus":"scsi0.0","channel":0,"scsi-id":1,"lun":0}"#,
            "-device", "virtserialport,id=ch,bus=virtio-serial0.0,nr=2,name=org.qemu.guest_agent.0",
            "-device", #"{"driver":"ide-cd","id":"ide","bus":"ide.0","unit":1}"#,
            "-device", #"{"driver":"virtconsole","id":"con","bus":"virtio-serial0.0","nr":0}"#)
        let placements = vm.devices.map { $0.placement.map { "\($0.bus) \($0.address)" } ?? "none" }
        #expect(placements == [
            "usb.0 1", "usb.0 2", "scsi0.0 0:3:2", "scsi0.0 0:1:0", "virtio-serial0.0 2", "ide.0 1", "virtio-serial0.0 0",
        ])
        let placementKeys: Set<String> = ["bus", "addr", "port", "channel", "scsi-id", "lun", "nr", "unit"]
        for device in vm.devices {
            #expect(device.overrides.allSatisfy { !placementKeys.contains($0.parameter) }, "\(device.id): \(device.overrides)")
        }
        #expect(vm.device("disk")?.override("drive") == "d0")
        #expect(vm.device("ch")?.override("name") == "org.qemu.guest_agent.0")
    }

    @Test("no bus= is the bus 'default'; address-less devices are auto:k per bus, in command-line order")
    func automaticPlacement() throws {
        let vm = try read(
            "-device", #"{"driver":"e1000e","id":"a","bus":"pcie.0"}"#,
            "-device", "e1000e,id=b,bus=pcie.0,addr=0x3",
            "-device", "e1000e,id=c",
            "-device", "e1000e,id=d,bus=pcie.0",
            "-device", #"{"driver":"e1000e","id":"e"}"#,
            "-device", "usb-tablet,id=t,bus=usb.0",
            "-device", "e1000e,id=f,addr=4")
        let byID = Dictionary(uniqueKeysWithValues: vm.devices.map { ($0.id, $0.placement) })
        #expect(byID["a"] == VMConfiguration.Placement(bus: "pcie.0", address: "auto:0"))
        #expect(byID["b"] == VMConfiguration.Placement(bus: "pcie.0", address: "03.0"))
        #expect(byID["c"] == VMConfiguration.Placement(bus: "default", address: "auto:0"))
        #expect(byID["d"] == VMConfiguration.Placement(bus: "pcie.0", address: "auto:1"))
        #expect(byID["e"] == VMConfiguration.Placement(bus: "default", address: "auto:1"))
        #expect(byID["t"] == VMConfiguration.Placement(bus: "usb.0", address: "auto:0"))
        #expect(byID["f"] == VMConfiguration.Placement(bus: "default", address: "04.0"))
    }

    // MARK: Values

    @Test("QEMU's bool spellings become true/false for a parameter the registry declares bool", arguments: [
        ("on", "true"), ("yes", "true"), ("y", "true"), ("true", "true"),
        ("off", "false"), ("no", "false"), ("n", "false"), ("false", "false"),
    ])
    func boolSpellings(_ spelling: String, _ canonical: String) throws {
        let vm = try read(
            "-device", "e1000e,id=n,init-vet=\(spelling),romfile=\(spelling),x-undeclared=\(spelling)",
            "-device", "virtio-net-pci,id=unknown-model,mq=\(spelling)")
        #expect(vm.device("n")?.override("init-vet") == canonical)
        // Not a bool: a string parameter, a property the model lacks, a model the registry lacks keep their text.
        #expect(vm.device("n")?.override("romfile") == spelling)
        #expect(vm.device("n")?.override("x-undeclared") == spelling)
        #expect(vm.device("unknown-model")?.override("mq") == spelling)
    }

    @Test("a bare flag and a 'no' flag on a bool parameter are true and false")
    func boolFlags() throws {
        let vm = try read("-device", "e1000e,id=n,init-vet,nox-pcie-extcap-init")
        #expect(vm.device("n")?.override("init-vet") == "true")
        #expect(vm.device("n")?.override("x-pcie-extcap-init") == "false")
    }

    @Test(#""port":"1", "port":1 and port=1 give the same override, and expand to the same value"#)
    func numberOrString() throws {
        let vm = try read(
            "-device", #"{"driver":"pcie-root-port","id":"a","port":"1","chassis":"0x10"}"#,
            "-device", #"{"driver":"pcie-root-port","id":"b","port":1,"chassis":16}"#,
            "-device", "pcie-root-port,id=c,port=1,chassis=16")
        #expect(vm.devices.map { $0.override("port") } == ["1", "1", "1"])
        let expanded = try Expander.expand(vm, in: Self.registry)
        let ports = expanded.devices.map { $0.device.value(of: "port") }
        let chassis = expanded.devices.map { $0.device.value(of: "chassis") }
        #expect(ports == [.int(1), .int(1), .int(1)])
        #expect(chassis == [.int(16), .int(16), .int(16)])
    }

    @Test("a repeated property: the last one written counts, once")
    func repeatedProperty() throws {
        let vm = try read("-device", "e1000e,id=n,init-vet=on,init-vet=off")
        #expect(vm.device("n")?.overrides.filter { $0.parameter == "init-vet" }.map(\.text) == ["false"])
    }
}
