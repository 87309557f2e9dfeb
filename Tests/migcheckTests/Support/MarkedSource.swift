/// Fixture text with location markers (`1️⃣` … `9️⃣`) written where a finding is expected.
///
/// The markers are removed; each records the 1-based line and column (in Unicode
/// scalars, as libyaml counts them) of the character that followed it.
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
            if character == "\n" || character == "\r\n" || character == "\r" {
                line += 1
                column = 1
            } else {
                column += character.unicodeScalars.count
            }
        }
        self.text = text
        self.markers = markers
    }

    /// The location of marker `digit`, as `line:column`.
    func location(_ digit: String) -> String {
        guard let marker = markers[digit] else { return "(no marker \(digit))" }
        return "\(marker.line):\(marker.column)"
    }

    /// The text as UTF-8, with every U+FFFD written as `invalid` — a byte that is not UTF-8.
    func bytes(invalid: UInt8 = 0xFF) -> [UInt8] {
        var bytes: [UInt8] = []
        for scalar in text.unicodeScalars {
            if scalar == "\u{FFFD}" {
                bytes.append(invalid)
            } else {
                bytes.append(contentsOf: Array(String(scalar).utf8))
            }
        }
        return bytes
    }

    private static func markerDigit(_ character: Character) -> String? {
        let scalars = Array(character.unicodeScalars)
        guard scalars.count == 3, scalars[1] == "\u{FE0F}", scalars[2] == "\u{20E3}", ("1"..."9").contains(scalars[0])
        else { return nil }
        return String(scalars[0])
    }
}
