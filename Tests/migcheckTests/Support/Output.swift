import Foundation
import Testing

/// One line of text output: `file:line:column: severity: message [rule]`, or a `note:` line.
struct TextFinding: Equatable, CustomStringConvertible {
    var file: String
    var line: Int
    var column: Int
    /// `error`, `warning`, `info` or `note`.
    var severity: String
    var message: String
    /// Nil on a note line.
    var rule: String?

    /// `line:column`, to compare with ``MarkedSource/location(_:)``.
    var position: String { "\(line):\(column)" }

    var description: String { "\(file):\(line):\(column): \(severity): \(message)" + (rule.map { " [\($0)]" } ?? "") }

    /// Parses one line of text output; nil when the line has not that shape.
    init?(_ text: String) {
        guard let match = text.wholeMatch(of: #/(.+?):(\d+):(\d+): (error|warning|info|note): (.*)/#),
            let line = Int(match.2), let column = Int(match.3)
        else { return nil }
        file = String(match.1)
        self.line = line
        self.column = column
        severity = String(match.4)
        var message = String(match.5)
        rule = nil
        if severity != "note", let tail = message.firstMatch(of: #/ \[([a-z0-9-]+)\]$/#) {
            rule = String(tail.1)
            message = String(message[..<tail.range.lowerBound])
        }
        self.message = message
    }

    /// Every finding line of `run`'s standard output (notes excluded).
    static func findings(_ run: MigcheckRun) -> [TextFinding] {
        run.lines.compactMap(TextFinding.init).filter { $0.severity != "note" }
    }
}

/// Parses `text` as one JSON object.
func jsonObject(_ text: String, sourceLocation: SourceLocation = #_sourceLocation) throws -> [String: Any] {
    let value = try JSONSerialization.jsonObject(with: Data(text.utf8))
    return try #require(value as? [String: Any], "not a JSON object: \(text)", sourceLocation: sourceLocation)
}

/// The `findings` array of a JSON findings document.
func jsonFindings(_ document: [String: Any], sourceLocation: SourceLocation = #_sourceLocation) throws -> [[String: Any]] {
    try #require(document["findings"] as? [[String: Any]], "no findings array", sourceLocation: sourceLocation)
}

/// A JSON number that is an integer (not a string, not a boolean, not a fraction).
func jsonInt(_ value: Any?) -> Int? {
    guard let number = value as? NSNumber, !(value is String) else { return nil }
    // JSONSerialization returns booleans as NSNumbers of type 'c', fractions as 'd'.
    guard ["i", "l", "q", "s", "I", "L", "Q", "S"].contains(String(cString: number.objCType)) else { return nil }
    return number.intValue
}

/// How often `needle` occurs in `text`, ignoring case.
func occurrences(of needle: String, in text: String) -> Int {
    text.lowercased().components(separatedBy: needle.lowercased()).count - 1
}

/// Signs of a crash report or a stack trace in standard error.
func looksLikeCrash(_ stderr: String) -> Bool {
    ["Fatal error", "Stack dump", "stack trace", "Current stack trace", "💣", "Illegal instruction", "Segmentation fault",
     "backtrace"].contains { stderr.localizedCaseInsensitiveContains($0) }
}
