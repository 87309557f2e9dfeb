public import DeviceModelRegistry

/// Reads the VM a QEMU command line starts (SPEC 10.2, `qemu-args:`).
public enum QEMUCommandLineReader {
    /// The VM configuration of command-line text (a plain argv or a libvirt log).
    ///
    /// - Parameters:
    ///   - name: the VM's name when the command line has no `-name`.
    ///   - registry: gives each parameter's type, to read QEMU's bool spellings.
    /// - Throws: ``InputError`` for text with no command line, an unclosed quote, invalid
    ///   `-device` JSON, a machine type alias, or sizes QEMU would not take.
    public static func read(text: String, name: String, registry: Registry) throws(InputError) -> VMConfiguration {
        try read(arguments: try QEMUArgumentText.arguments(of: text), name: name, registry: registry)
    }

    /// The VM configuration of QEMU's arguments (those after the binary).
    public static func read(arguments: [String], name: String, registry: Registry) throws(InputError) -> VMConfiguration {
        // Without -smp, QEMU starts one vCPU (SPEC 10.2: default 1).
        var configuration = VMConfiguration(name: name, origin: .qemuArgs, cpus: 1, devices: [])
        var devices: [PendingDevice] = []
        var jsonDevices: [Int] = []
        var globals: [VMConfiguration.Global] = []
        var index = 0
        func value(of option: String) throws(InputError) -> String {
            guard index + 1 < arguments.count else { throw InputError("option '\(option)' needs a value") }
            index += 1
            return arguments[index]
        }
        while index < arguments.count {
            var option = arguments[index]
            if option.hasPrefix("--") { option.removeFirst() }
            switch option {
            case "-device":
                let text = try value(of: option)
                if isHelpRequest(text) { break }
                if text.first == "{" { jsonDevices.append(devices.count) }
                devices.append(try device(text))
            case "-machine", "-M":
                let pairs = QEMUOptionString.parse(try value(of: option), impliedKey: "type")
                if let type = pairs.last(where: { $0.key == "type" })?.value, !type.isEmpty {
                    configuration.machine = try machine(type)
                }
            case "-m":
                configuration.memory = try memory(try value(of: option))
            case "-smp":
                configuration.cpus = try cpus(try value(of: option))
            case "-cpu":
                let text = try value(of: option)
                configuration.cpu = String(text.prefix { $0 != "," })
            case "-global":
                globals.append(try global(try value(of: option)))
            case "-name":
                let pairs = QEMUOptionString.parse(try value(of: option), impliedKey: "guest")
                if let guest = pairs.last(where: { $0.key == "guest" })?.value, !guest.isEmpty { configuration.name = guest }
            default:
                break
            }
            index += 1
        }
        var seen: Set<String> = []
        for device in devices {
            guard let id = device.id else { continue }
            guard seen.insert(id).inserted else {
                throw InputError("two -device options have the id '\(id)': QEMU refuses such a command line (Duplicate ID)")
            }
        }
        // Without -machine QEMU starts its default, the alias `pc`: no machine the registry has, so the
        // VM's verdict is unknown (machine-unknown) rather than judged without a machine.
        if configuration.machine == nil { configuration.machine = QEMUDeviceMapping.machinePrefix + "pc" }
        // QEMU 7.2 creates the `key=value` devices first, in order, then the JSON ones.
        let traditional = devices.indices.filter { !jsonDevices.contains($0) }
        for (order, position) in (traditional + jsonDevices).enumerated() {
            devices[position].creationOrder = order
        }
        // -global: on every listed device of exactly that driver that does not set the property; the last wins.
        for global in globals {
            var applied = false
            for position in devices.indices where devices[position].driver == global.driver {
                applied = true
                if devices[position].properties.contains(where: { $0.name == global.property && !$0.isGlobal }) { continue }
                devices[position].properties.removeAll { $0.name == global.property }
                devices[position].properties.append((global.property, .text(global.value), isGlobal: true))
            }
            if !applied {
                configuration.globals.removeAll { $0.driver == global.driver && $0.property == global.property }
                configuration.globals.append(global)
            }
        }
        configuration.devices = QEMUDeviceMapping.configure(devices.map(\.device), registry: registry)
        return configuration
    }

    /// `-device help`, `-device ?`, `-device driver=help`, `-device e1000e,help`: QEMU prints help and
    /// creates nothing. A property whose value is `help` (`id=help`, `serial=help`) is no help request.
    private static func isHelpRequest(_ text: String) -> Bool {
        guard text.first != "{" else { return false }
        return QEMUOptionString.parse(text, impliedKey: "driver").contains { pair in
            (pair.key == "driver" && (pair.value == "help" || pair.value == "?"))
                || ((pair.key == "help" || pair.key == "?") && pair.value == "on")
        }
    }

    /// One `-device`, in either syntax.
    private static func device(_ text: String) throws(InputError) -> PendingDevice {
        let pairs = try QEMUOptionString.parseEither(text, impliedKey: "driver", option: "-device")
        guard let driver = pairs.last(where: { $0.key == "driver" })?.value.text, !driver.isEmpty else {
            throw InputError("-device '\(text.prefix(120))' names no driver")
        }
        let id = pairs.last { $0.key == "id" }?.value.text
        var properties: [(name: String, value: QEMUValue, isGlobal: Bool)] = []
        for (key, value) in pairs where key != "driver" && key != "id" {
            properties.removeAll { $0.name == key }
            properties.append((key, value, false))
        }
        let bus = properties.last { $0.name == "bus" }?.value.text
        return PendingDevice(driver: QEMUDeviceMapping.driver(driver), id: id, properties: properties, bus: bus)
    }

    /// `qemu.org/machines/TYPE`; an alias is refused, since it names different types in different releases.
    static func machine(_ type: String) throws(InputError) -> String {
        if QEMUDeviceMapping.machineAliases.contains(type) {
            throw InputError(
                "machine type '\(type)' is an alias, which names a different machine type in each QEMU release: "
                    + "give the full type (such as 'pc-q35-7.2' or 'pc-i440fx-7.2'), as libvirt writes it")
        }
        return QEMUDeviceMapping.machinePrefix + type
    }

    /// `-m`: QEMU's size syntax (`512`, `1G`, `size=524288k`), in MiB; no suffix means MiB.
    static func memory(_ text: String) throws(InputError) -> Int64 {
        let pairs = QEMUOptionString.parse(text, impliedKey: "size")
        guard let size = pairs.last(where: { $0.key == "size" })?.value, let bytes = QEMUSize.bytes(size, defaultUnit: 1 << 20)
        else {
            throw InputError("-m '\(text)': expected a size such as 512, 1G or size=524288k")
        }
        guard bytes >= 1 << 20 else { throw InputError("-m '\(text)': the VM's memory is less than 1 MiB") }
        return Int64(bytes >> 20)
    }

    /// `-smp`: `N`, `cpus=N`, else the product of the topology; 1 by default.
    static func cpus(_ text: String) throws(InputError) -> Int64 {
        let pairs = QEMUOptionString.parse(text, impliedKey: "cpus")
        func number(_ key: String) throws(InputError) -> Int64? {
            guard let value = pairs.last(where: { $0.key == key })?.value else { return nil }
            guard let number = Int64(value), number >= 0 else {
                throw InputError("-smp '\(text)': '\(key)' is '\(value)', not a count")
            }
            return number
        }
        if let cpus = try number("cpus"), cpus > 0 { return cpus }
        var product: Int64 = 1
        for key in ["sockets", "dies", "clusters", "cores", "threads"] {
            if let count = try number(key), count > 0 {
                let (result, overflow) = product.multipliedReportingOverflow(by: count)
                guard !overflow else { throw InputError("-smp '\(text)': the topology is too large") }
                product = result
            }
        }
        return product
    }

    /// `-global DRIVER.PROPERTY=VALUE` or `-global driver=D,property=P,value=V`.
    static func global(_ text: String) throws(InputError) -> VMConfiguration.Global {
        let pairs = QEMUOptionString.parse(text, impliedKey: nil)
        let keyed = Dictionary(pairs.map { ($0.key, $0.value) }, uniquingKeysWith: { _, last in last })
        if let driver = keyed["driver"], let property = keyed["property"], let value = keyed["value"] {
            return VMConfiguration.Global(driver: QEMUDeviceMapping.driver(driver), property: property, value: value)
        }
        guard let equals = text.firstIndex(of: "="), let dot = text[..<equals].firstIndex(of: "."),
            dot != text.startIndex, text.index(after: dot) != equals
        else {
            throw InputError("-global '\(text)': expected DRIVER.PROPERTY=VALUE or driver=D,property=P,value=V")
        }
        return VMConfiguration.Global(
            driver: QEMUDeviceMapping.driver(String(text[..<dot])), property: String(text[text.index(after: dot)..<equals]),
            value: String(text[text.index(after: equals)...]))
    }
}

/// A `-device` while the command line is read: properties from `-global` are marked.
private struct PendingDevice {
    var driver: String
    var id: String?
    var properties: [(name: String, value: QEMUValue, isGlobal: Bool)]
    var bus: String?
    var creationOrder = 0

    var device: QEMUDevice {
        QEMUDevice(
            driver: driver, id: id, properties: properties.map { ($0.name, $0.value) }, bus: bus, creationOrder: creationOrder)
    }
}

/// QEMU's size syntax: a number (decimals allowed) and an optional suffix B, K, M, G, T, P, E (either case).
enum QEMUSize {
    static func bytes(_ text: String, defaultUnit: UInt64) -> UInt64? {
        guard !text.isEmpty else { return nil }
        var number = text[...]
        var unit = defaultUnit
        if let last = number.last, last.isLetter {
            let shifts: [Character: UInt64] = ["b": 0, "k": 10, "m": 20, "g": 30, "t": 40, "p": 50, "e": 60]
            guard let shift = shifts[Character(last.lowercased())] else { return nil }
            unit = 1 << shift
            number = number.dropLast()
        }
        guard !number.isEmpty, number.allSatisfy({ $0.isASCII && ($0.isNumber || $0 == ".") }),
            number.filter({ $0 == "." }).count <= 1, number.first != ".", number.last != "."
        else { return nil }
        if let whole = UInt64(number) {
            let (result, overflow) = whole.multipliedReportingOverflow(by: unit)
            return overflow ? nil : result
        }
        guard let value = Double(number) else { return nil }
        let result = value * Double(unit)
        guard result < 1.8e19 else { return nil }
        return UInt64(result)
    }
}
