import DeviceModelRegistry
import Testing

@testable import QEMUAdapter

@Suite("Command-line text: which words are QEMU's arguments (SPEC 10.2)")
struct ArgumentTextTests {
    @Test("lines ending in a backslash are joined to the next, as a shell joins them", arguments: [
        ("qemu-system-x86_64 \\\n  -machine pc-q35-7.2 \\\n  -m 512\n", ["-machine", "pc-q35-7.2", "-m", "512"]),
        // A continuation inside a word joins the word without a blank.
        ("qemu-system-x86_64 -m 5\\\n12", ["-m", "512"]),
        // CR LF line ends.
        ("qemu-system-x86_64 \\\r\n-m 64\r\n", ["-m", "64"]),
        // Two backslashes are an escaped backslash, not a continuation: the next line is not the command's.
        ("qemu-system-x86_64 -name x\\\\\n-m 512\n", ["-name", "x\\"]),
    ])
    func continuations(_ text: String, _ expected: [String]) throws {
        #expect(try QEMUArgumentText.arguments(of: text) == expected)
    }

    @Test("words are split as a POSIX shell splits them", arguments: [
        // Single quotes keep everything, JSON included.
        (#"qemu-system-x86_64 -device '{"driver":"e1000e","id":"n 0","x":"a\b"}'"#,
         ["-device", #"{"driver":"e1000e","id":"n 0","x":"a\b"}"#]),
        // Double quotes keep all but the escapes \" \\ \$ \` (a backslash before anything else stays).
        (#"qemu-system-x86_64 -name "a \"b\" \\ \$c \`d\` \n""#, ["-name", #"a "b" \ $c `d` \n"#]),
        // A backslash outside quotes keeps the next character; quotes join with the text around them.
        (#"qemu-system-x86_64 -name my\ guest -device virtio-net-pci,id='n 1'"#,
         ["-name", "my guest", "-device", "virtio-net-pci,id=n 1"]),
        // Blanks and tabs separate words; several count as one.
        ("qemu-system-x86_64\t -m   64 \t", ["-m", "64"]),
        // An empty quoted word is a word.
        ("qemu-system-x86_64 -append '' -m 64", ["-append", "", "-m", "64"]),
    ])
    func shellWords(_ text: String, _ expected: [String]) throws {
        #expect(try QEMUArgumentText.arguments(of: text) == expected)
    }

    @Test("environment assignments before the binary and the binary itself are skipped", arguments: [
        "LC_ALL=C PATH=/usr/bin:/bin QEMU_AUDIO_DRV=none /usr/bin/qemu-system-x86_64 -m 64",
        "/usr/libexec/qemu-kvm -m 64",
        "qemu-system-aarch64 -m 64",
        "LC_ALL=C \\\nHOME=/var/lib/libvirt/qemu/domain-1-x \\\n/usr/bin/qemu-system-x86_64 \\\n-m 64",
    ])
    func environmentAndBinary(_ text: String) throws {
        #expect(try QEMUArgumentText.arguments(of: text) == ["-m", "64"])
    }

    static let twoStarts = """
        2026-11-30 16:58:21.961+0000: starting up libvirt version: 9.0.0, qemu version: 7.2.22
        LC_ALL=C \\
        PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin \\
        /usr/bin/qemu-system-x86_64 \\
        -name guest=first,debug-threads=on \\
        -m 128
        2026-11-30 16:58:36.898279Z qemu-system-x86_64: terminating on signal 15 from pid 7846 (/usr/sbin/libvirtd)
        2026-11-30 16:58:38.300+0000: shutting down, reason=destroyed
        2026-11-30 17:00:21.951+0000: Starting external device: TPM Emulator
        /usr/bin/swtpm socket --ctrl type=unixio,path=/run/libvirt/qemu/swtpm/2-x-swtpm.sock,mode=0600 --tpm2
        2026-11-30 17:00:21.961+0000: starting up libvirt version: 9.0.0, qemu version: 7.2.22
        LC_ALL=C \\
        PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin \\
        /usr/bin/qemu-system-x86_64 \\
        -name 'guest=second,debug-threads=on' \\
        -device '{"driver":"virtio-net-pci","id":"net0"}' \\
        -m 256
        char device redirected to /dev/pts/0 (label charconsole0)
        /usr/bin/swtpm socket --ctrl type=unixio,path=/run/libvirt/qemu/swtpm/3-x-swtpm.sock,mode=0600 --tpm2
        2026-11-30T17:00:36.898279Z qemu-system-x86_64: terminating on signal 15 from pid 7846 (/usr/sbin/libvirtd)
        2026-11-30 17:00:38.300+0000: shutting down, reason=destroyed

        """

    @Test("in a libvirt log the last QEMU command line counts; swtpm's and QEMU's own messages are not command lines")
    func libvirtLogLastCommand() throws {
        let arguments = try QEMUArgumentText.arguments(of: Self.twoStarts)
        #expect(arguments == ["-name", "guest=second,debug-threads=on", "-device", #"{"driver":"virtio-net-pci","id":"net0"}"#, "-m", "256"])
    }

    @Test("the real libvirt logs, one after the other: the later start counts, whatever its order")
    func realLogsConcatenated() throws {
        let q35 = try Fixtures.text("libvirt/q35guest.log")
        let pc = try Fixtures.text("libvirt/pcguest.log")
        let qEnd = try QEMUArgumentText.arguments(of: pc + q35)
        let pEnd = try QEMUArgumentText.arguments(of: q35 + pc)
        #expect(qEnd.first == "-name")
        #expect(qEnd.dropFirst().first == "guest=q35guest,debug-threads=on")
        #expect(pEnd.dropFirst().first == "guest=pcguest,debug-threads=on")
        // q35guest's log starts with swtpm's command line, which is not QEMU's: the arguments are QEMU's alone.
        let alone = try QEMUArgumentText.arguments(of: q35)
        #expect(alone.first == "-name")
        #expect(!alone.contains { $0.contains("swtpm socket") || $0 == "--tpmstate" })
        #expect(alone.last == "timestamp=on")
        #expect(alone == qEnd)
    }

    @Test("a QEMU message without a timestamp (QEMU run without -msg timestamp=on) is not a command line")
    func untimestampedQEMUMessage() throws {
        let text = """
            LC_ALL=C \\
            /usr/bin/qemu-system-x86_64 \\
            -name guest=web \\
            -m 256
            qemu-system-x86_64: terminating on signal 15 from pid 7846 (/usr/sbin/libvirtd)

            """
        #expect(try QEMUArgumentText.arguments(of: text) == ["-name", "guest=web", "-m", "256"])
    }

    @Test("one argument per line, taken literally, with or without the binary first", arguments: [true, false])
    func oneArgumentPerLine(withBinary: Bool) throws {
        let lines = [
            "-machine", "pc-q35-7.2", "-device", #"{"driver": "e1000e", "id": "n 0"}"#, "-name", "it's \"mine\"", "-device",
            "qemu-xhci,id=usb",
        ]
        let text = (withBinary ? ["/usr/bin/qemu-system-x86_64"] : []) + lines
        #expect(try QEMUArgumentText.arguments(of: text.joined(separator: "\n") + "\n") == lines)
    }

    @Test("CR LF line ends: one argument per line, and a libvirt log")
    func crlf() throws {
        #expect(try QEMUArgumentText.arguments(of: "-machine\r\npc-q35-7.2\r\n-m\r\n512\r\n") == ["-machine", "pc-q35-7.2", "-m", "512"])
        let log = try Fixtures.text("libvirt/pcguest.log")
        let crlf = log.split(separator: "\n", omittingEmptySubsequences: false).joined(separator: "\r\n")
        #expect(try QEMUArgumentText.arguments(of: crlf) == QEMUArgumentText.arguments(of: log))
    }

    @Test("the runnable fixtures are one argument per line and are read so")
    func runnableFixtures() throws {
        for name in ["q35guest", "pcguest"] {
            let text = try Fixtures.text("libvirt/runnable/\(name).args")
            let lines = text.split(separator: "\n").map(String.init)
            #expect(try QEMUArgumentText.arguments(of: text) == lines, "\(name)")
        }
    }

    @Test("an unclosed quote in the command line is an error, not a guess", arguments: [
        #"qemu-system-x86_64 -device '{"driver":"e1000e"}"#,
        "LC_ALL=C \\\n/usr/bin/qemu-system-x86_64 \\\n-name \"web \\\n-m 128\n",
        // A good start earlier in the log does not hide a broken later one.
        "/usr/bin/qemu-system-x86_64 -m 128\n/usr/bin/qemu-system-x86_64 -name 'web -m 256\n",
    ])
    func unclosedQuote(_ text: String) throws {
        let error = #expect(throws: InputError.self) { try QEMUArgumentText.arguments(of: text) }
        #expect(error?.message.contains("unclosed quote") == true, "\(String(describing: error))")
    }

    @Test("a text with no command line is an error", arguments: [
        """
        2026-11-30 16:58:58.290+0000: starting up libvirt version: 9.0.0, package: 9.0.0-4+deb12u2 (Debian), qemu version: 7.2.22Debian 1:7.2+dfsg-7+deb12u18+b3, kernel: 6.18.44-fc-v657, hostname: vm
        2026-11-30 16:59:12.254+0000: shutting down, reason=destroyed

        """,
        "",
        "\n\n",
        "/usr/bin/qemu-system-x86_64\n",
    ])
    func noCommandLine(_ text: String) throws {
        let error = #expect(throws: InputError.self) { try QEMUArgumentText.arguments(of: text) }
        #expect(error?.message.contains("no QEMU command line") == true, "\(String(describing: error))")
    }
}
