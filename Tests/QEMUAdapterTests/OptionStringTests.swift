import DeviceModelRegistry
import Testing

@testable import QEMUAdapter

@Suite("QEMU's key=value option syntax and libvirt's JSON -device (SPEC 10.2)")
struct OptionStringTests {
    private func pairs(_ text: String, _ impliedKey: String? = "driver") -> [String] {
        QEMUOptionString.parse(text, impliedKey: impliedKey).map { "\($0.key)=\($0.value)" }
    }

    @Test("',,' is an escaped comma, in keys' values and in the implied value", arguments: [
        ("e1000e,id=a,,b", ["driver=e1000e", "id=a,b"]),
        ("e1000e,serial=x,,,,y,id=n", ["driver=e1000e", "serial=x,,y", "id=n"]),
        ("e1000e,serial=x,,,id=n", ["driver=e1000e", "serial=x,", "id=n"]),
        ("a,,b,id=n", ["driver=a,b", "id=n"]),
    ])
    func escapedComma(_ text: String, _ expected: [String]) {
        #expect(pairs(text) == expected)
    }

    @Test("a first element without '=' is the implied key's value; with '=' it is a pair like the others")
    func impliedKey() {
        #expect(pairs("virtio-net-pci,id=n0") == ["driver=virtio-net-pci", "id=n0"])
        #expect(pairs("driver=virtio-net-pci,id=n0") == ["driver=virtio-net-pci", "id=n0"])
        #expect(pairs("pc-q35-7.2,usb=off", "type") == ["type=pc-q35-7.2", "usb=off"])
        #expect(pairs("type=pc-i440fx-7.2", "type") == ["type=pc-i440fx-7.2"])
        // Without an implied key, a bare first element is a flag like any other.
        #expect(pairs("usb", nil) == ["usb=on"])
    }

    @Test("a bare 'key' is key=on, a bare 'nokey' is key=off, 'key=' is an empty value", arguments: [
        ("e1000e,mq", ["driver=e1000e", "mq=on"]),
        ("e1000e,nomq", ["driver=e1000e", "mq=off"]),
        ("e1000e,serial=", ["driver=e1000e", "serial="]),
        ("e1000e,serial=,id=x", ["driver=e1000e", "serial=", "id=x"]),
        // Only the first '=' splits: the value keeps the others.
        ("e1000e,romfile=a=b", ["driver=e1000e", "romfile=a=b"]),
    ])
    func flagsAndEmptyValues(_ text: String, _ expected: [String]) {
        #expect(pairs(text) == expected)
    }

    @Test("JSON -device: strings stay text, numbers keep their digits, bools are bools, in the order written")
    func jsonDevice() throws {
        let parsed = try QEMUOptionString.parseEither(
            #"{"driver":"pcie-root-port","port":16,"chassis":"1","multifunction":true,"x":false,"addr":"0x2","neg":-1}"#,
            impliedKey: "driver", option: "-device")
        #expect(parsed.map(\.key) == ["driver", "port", "chassis", "multifunction", "x", "addr", "neg"])
        #expect(parsed.map(\.value) == [
            .text("pcie-root-port"), .number("16"), .text("1"), .bool(true), .bool(false), .text("0x2"), .number("-1"),
        ])
        // A number and its string have one text: "port":"1" and "port":1 are one value.
        #expect(QEMUValue.number("1").text == QEMUValue.text("1").text)
        #expect(QEMUValue.bool(true).text == "true")
    }

    @Test("the key=value syntax through parseEither gives text values")
    func keyValueThroughEither() throws {
        let parsed = try QEMUOptionString.parseEither("virtio-net-pci,vectors=6,mq", impliedKey: "driver", option: "-device")
        #expect(parsed.map(\.key) == ["driver", "vectors", "mq"])
        #expect(parsed.map(\.value) == [.text("virtio-net-pci"), .text("6"), .text("on")])
    }

    @Test("JSON that does not parse, or is not an object of scalars, is an input error", arguments: [
        #"{"driver":"e1000e","id":"n0""#,
        #"{"driver":e1000e}"#,
        #"{"driver":"e1000e","queues":two}"#,
        #"{"driver":"e1000e","id":}"#,
        #"{"driver":"e1000e","opts":{"a":1}}"#,
        #"{"driver":"e1000e","list":[1,2]}"#,
        #"{"driver":"e1000e","id":null}"#,
    ])
    func invalidJSON(_ text: String) {
        let error = #expect(throws: InputError.self) {
            try QEMUOptionString.parseEither(text, impliedKey: "driver", option: "-device")
        }
        #expect(error?.message.contains("-device") == true, "\(String(describing: error))")
    }
}
