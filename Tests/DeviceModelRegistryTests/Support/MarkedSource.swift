import DeviceModelRegistry

/// YAML text with location markers (`1️⃣` … `9️⃣`) written where a finding is expected.
///
/// The markers are removed; each records the 1-based line and column (in
/// Unicode scalars, as libyaml counts) of the character that followed it.
struct MarkedSource {
    let text: String
    let markers: [String: (line: Int, column: Int)]

    init(_ marked: String) {
        var text = ""
        var markers: [String: (line: Int, column: Int)] = [:]
        var line = 1
        var column = 1
        for character in marked {
            if let digit = Self.markerDigit(character) {
                markers[digit] = (line, column)
                continue
            }
            text.append(character)
            if character == "\u{FEFF}" && line == 1 && column == 1 {
                continue  // a byte order mark takes no column
            }
            if character == "\n" || character == "\r\n" {
                line += 1
                column = 1
            } else {
                column += character.unicodeScalars.count
            }
        }
        self.text = text
        self.markers = markers
    }

    private static func markerDigit(_ character: Character) -> String? {
        let scalars = Array(character.unicodeScalars)
        guard scalars.count == 3, scalars[1] == "\u{FE0F}", scalars[2] == "\u{20E3}",
            ("1"..."9").contains(scalars[0])
        else { return nil }
        return String(scalars[0])
    }
}

/// A registry made of marked files, loaded in memory.
struct MarkedRegistry {
    let loaded: LoadedRegistry
    /// Every marker of every file, by its digit.
    let markers: [String: SourceLocation]

    /// - Parameter files: (name, marked text), in registry order.
    init(_ files: [(String, String)]) {
        var yamlFiles: [YAMLFile] = []
        var markers: [String: SourceLocation] = [:]
        for (name, marked) in files {
            let source = MarkedSource(marked)
            for (digit, position) in source.markers {
                markers[digit] = SourceLocation(file: name, line: position.line, column: position.column)
            }
            yamlFiles.append(YAMLReader.read(Self.bytes(source.text), file: name))
        }
        loaded = RegistryLoader.load(yamlFiles)
        self.markers = markers
    }

    init(_ text: String) {
        self.init([("registry.yaml", text)])
    }

    var diagnostics: [Diagnostic] { loaded.diagnostics }

    /// The text as UTF-8, with each U+FFFD written as the invalid byte 0xFF.
    static func bytes(_ text: String) -> [UInt8] {
        var bytes: [UInt8] = []
        for scalar in text.unicodeScalars {
            if scalar == "\u{FFFD}" {
                bytes.append(0xFF)
            } else {
                bytes.append(contentsOf: Array(String(scalar).utf8))
            }
        }
        return bytes
    }

    /// The marked locations, in marker order.
    func locations(_ digits: String...) -> [SourceLocation] {
        digits.compactMap { markers[$0] }
    }
}
