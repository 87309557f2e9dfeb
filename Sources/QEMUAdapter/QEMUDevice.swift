public import DeviceModelRegistry

/// A device as QEMU has it, read from a command line or a running VM: its driver, id and properties.
struct QEMUDevice {
    var driver: String
    var id: String?
    /// Every property but `driver` and `id`, in the order given.
    var properties: [(name: String, value: QEMUValue)]
    /// The bus's id: `bus=` on a command line, the last component of the parent bus's path over QMP.
    var bus: String?
    /// Where QEMU created it among the devices (command-line order, JSON `-device`s after the others;
    /// over QMP the order of `device[N]`): decides `DRIVER[k]`.
    var creationOrder: Int

    func property(_ name: String) -> QEMUValue? {
        properties.last { $0.name == name }?.value
    }
}

/// How QEMU's devices become a VM configuration (SPEC 10.2): models, ids, placement, values.
enum QEMUDeviceMapping {
    /// QEMU 7.2's x86 driver aliases (`qemu-system-x86_64 -device help`): alias → driver.
    static let aliases: [String: String] = [
        "ahci": "ich9-ahci", "lsi": "lsi53c895a", "virtio-9p": "virtio-9p-pci", "virtio-blk": "virtio-blk-pci",
        "virtio-scsi": "virtio-scsi-pci", "e1000-82540em": "e1000", "virtio-net": "virtio-net-pci",
        "virtio-input-host": "virtio-input-host-pci", "virtio-keyboard": "virtio-keyboard-pci",
        "virtio-mouse": "virtio-mouse-pci", "virtio-serial": "virtio-serial-pci", "virtio-tablet": "virtio-tablet-pci",
        "virtio-gpu-gl": "virtio-gpu-gl-pci", "virtio-gpu": "virtio-gpu-pci", "ac97": "AC97", "es1370": "ES1370",
        "virtio-balloon": "virtio-balloon-pci", "virtio-iommu": "virtio-iommu-pci", "virtio-rng": "virtio-rng-pci",
    ]

    /// Machine type aliases, which name different types in different releases.
    static let machineAliases: Set<String> = ["pc", "q35"]

    static let modelPrefix = "qemu.org/devices/"
    static let machinePrefix = "qemu.org/machines/"

    /// The driver an alias stands for, or the driver itself.
    static func driver(_ name: String) -> String {
        aliases[name] ?? name
    }

    /// Which property is a device's address on its bus.
    enum AddressKind {
        /// `addr`, written `%02x.%x` (slot, function).
        case pci
        /// `port`.
        case usb
        /// `channel`, `scsi-id`, `lun`, written `C:I:L`.
        case scsi
        /// `nr`.
        case virtioSerial
        /// `unit`.
        case ide

        var properties: [String] {
            switch self {
            case .pci: ["addr"]
            case .usb: ["port"]
            case .scsi: ["channel", "scsi-id", "lun"]
            case .virtioSerial: ["nr"]
            case .ide: ["unit"]
            }
        }
    }

    static func addressKind(of driver: String) -> AddressKind {
        // usb-ehci is a PCI USB controller, not a device on a USB bus.
        if driver.hasPrefix("usb-") && driver != "usb-ehci" { return .usb }
        if driver.hasPrefix("scsi-") { return .scsi }
        if driver == "virtserialport" || driver == "virtconsole" { return .virtioSerial }
        if driver.hasPrefix("ide-") { return .ide }
        return .pci
    }

    /// The address written canonically, or nil when the device has none.
    static func address(of device: QEMUDevice, kind: AddressKind) -> String? {
        switch kind {
        case .pci:
            return device.property("addr").flatMap(pciAddress)
        case .usb:
            guard let port = device.property("port")?.text, !port.isEmpty else { return nil }
            return port
        case .scsi:
            guard let id = device.property("scsi-id").flatMap(integer), id >= 0 else { return nil }
            let channel = device.property("channel").flatMap(integer) ?? 0
            let lun = device.property("lun").flatMap(integer).map { max($0, 0) } ?? 0
            return "\(channel):\(id):\(lun)"
        case .virtioSerial:
            // Port 0 is a real address: virtconsole's, when asked for or given by QEMU.
            guard let nr = device.property("nr").flatMap(integer), nr >= 0 else { return nil }
            return String(nr)
        case .ide:
            guard let unit = device.property("unit").flatMap(integer), unit >= 0 else { return nil }
            return String(unit)
        }
    }

    /// `03.0` from `0x3`, `3`, `03`, `3.0`, `0x3.0x0` (hex, as QEMU reads them) or a devfn number.
    static func pciAddress(_ value: QEMUValue) -> String? {
        let slot: UInt64
        let function: UInt64
        switch value {
        case .number(let text):
            guard let devfn = UInt64(text), devfn < 256 else { return nil }
            (slot, function) = (devfn / 8, devfn % 8)
        case .text(let text):
            let parts = text.split(separator: ".", omittingEmptySubsequences: false)
            guard parts.count <= 2, let parsedSlot = hex(parts[0]), parsedSlot < 32 else { return nil }
            slot = parsedSlot
            if parts.count == 2 {
                guard let parsedFunction = hex(parts[1]), parsedFunction < 8 else { return nil }
                function = parsedFunction
            } else {
                function = 0
            }
        case .bool:
            return nil
        }
        let slotText = String(slot, radix: 16)
        return (slotText.count < 2 ? "0" + slotText : slotText) + "." + String(function, radix: 16)
    }

    private static func hex(_ text: Substring) -> UInt64? {
        var digits = text
        if digits.hasPrefix("0x") || digits.hasPrefix("0X") { digits = digits.dropFirst(2) }
        guard !digits.isEmpty else { return nil }
        return UInt64(digits, radix: 16)
    }

    private static func integer(_ value: QEMUValue) -> Int64? {
        Int64(value.text)
    }

    /// The VM configuration of QEMU devices: ids for id-less devices (`DRIVER[k]`, k in creation
    /// order), placements (`auto:k` for address-less devices, k in `devices` order per bus), and each
    /// remaining property as an override, bools in QEMU's spellings read by the registry's types.
    static func configure(_ devices: [QEMUDevice], registry: Registry) -> [VMConfiguration.Device] {
        var anonymousIndex: [Int: Int] = [:]
        var countByDriver: [String: Int] = [:]
        for (position, device) in devices.enumerated().sorted(by: { $0.element.creationOrder < $1.element.creationOrder })
        where device.id == nil {
            anonymousIndex[position] = countByDriver[device.driver, default: 0]
            countByDriver[device.driver, default: 0] += 1
        }
        var automaticByBus: [String: Int] = [:]
        var result: [VMConfiguration.Device] = []
        for (position, device) in devices.enumerated() {
            let model = modelPrefix + device.driver
            let kind = addressKind(of: device.driver)
            let bus = device.bus ?? "default"
            let address: String
            if let explicit = Self.address(of: device, kind: kind) {
                address = explicit
            } else {
                address = "auto:\(automaticByBus[bus, default: 0])"
                automaticByBus[bus, default: 0] += 1
            }
            let placementProperties = Set(kind.properties + ["bus"])
            let definition = registry.model(model)
            var overrides: [Override] = []
            for (name, value) in device.properties where !placementProperties.contains(name) {
                overrides.append(Override(parameter: name, text: canonical(value, for: definition?.parameter(named: name))))
            }
            result.append(VMConfiguration.Device(
                id: device.id ?? "\(device.driver)[\(anonymousIndex[position] ?? 0)]", model: model, overrides: overrides,
                placement: VMConfiguration.Placement(bus: bus, address: address)))
        }
        return result
    }

    /// A value's text, with QEMU's bool spellings (`on`/`off`, `yes`/`no`, `y`/`n`) read for a bool parameter.
    static func canonical(_ value: QEMUValue, for parameter: Parameter?) -> String {
        guard parameter?.type == .bool, case .text(let text) = value else { return value.text }
        switch text {
        case "on", "yes", "y", "true": return "true"
        case "off", "no", "n", "false": return "false"
        default: return text
        }
    }
}
