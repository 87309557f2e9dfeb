public import DeviceModelRegistry
import MigrationCheck

/// A property value as QEMU was given it: text (`key=value` syntax) or a JSON scalar.
public enum QEMUValue: Hashable, Sendable {
    case text(String)
    case bool(Bool)
    /// A JSON number, as written.
    case number(String)

    /// The value's text: `true`/`false` for a JSON bool, the digits of a number.
    public var text: String {
        switch self {
        case .text(let text), .number(let text): text
        case .bool(let flag): flag ? "true" : "false"
        }
    }
}

/// QEMU's `key=value,...` option syntax (QemuOpts), exactly: `,,` is an escaped comma, the first
/// element may be a bare value for the option's implied key, a bare `key` elsewhere means
/// `key=on` and a bare `nokey` means `key=off`.
enum QEMUOptionString {
    /// - Parameter impliedKey: the key of a first element without `=` (`driver` for `-device`,
    ///   `type` for `-machine`, `size` for `-m`, `cpus` for `-smp`); nil when the option has none.
    /// - Returns: the pairs in the order written.
    static func parse(_ text: String, impliedKey: String?) -> [(key: String, value: String)] {
        var elements: [String] = []
        var current = ""
        var characters = text[...]
        while let character = characters.popFirst() {
            if character == "," {
                if characters.first == "," {
                    characters.removeFirst()
                    current.append(",")
                } else {
                    elements.append(current)
                    current = ""
                }
            } else {
                current.append(character)
            }
        }
        elements.append(current)
        var pairs: [(key: String, value: String)] = []
        for (index, element) in elements.enumerated() {
            if let equals = element.firstIndex(of: "=") {
                pairs.append((String(element[..<equals]), String(element[element.index(after: equals)...])))
            } else if index == 0, let impliedKey {
                pairs.append((impliedKey, element))
            } else if element.isEmpty {
                continue
            } else if element.hasPrefix("no") && element.count > 2 {
                pairs.append((String(element.dropFirst(2)), "off"))
            } else {
                pairs.append((element, "on"))
            }
        }
        return pairs
    }

    /// An option's value in either syntax: a JSON object (`{"driver": ...}`, as libvirt writes
    /// `-device`) or `key=value,...`.
    ///
    /// - Throws: ``InputError`` for JSON that does not parse or is not an object of scalars.
    static func parseEither(_ text: String, impliedKey: String?, option: String) throws(InputError) -> [(key: String, value: QEMUValue)] {
        guard text.first == "{" else {
            return parse(text, impliedKey: impliedKey).map { ($0.key, .text($0.value)) }
        }
        let object = try JSONText.object(text, what: "the JSON of \(option)")
        var pairs: [(key: String, value: QEMUValue)] = []
        for pair in object.pairs {
            let key = pair.key.text
            guard let value = JSONText.scalar(pair.value) else {
                throw InputError("\(option) '\(text.prefix(120))': the value of '\(key)' is not a string, number or boolean")
            }
            pairs.append((key, value))
        }
        return pairs
    }
}

/// JSON read with the project's strict YAML reader (libyaml), which every input goes through.
enum JSONText {
    /// The object a text holds.
    static func object(_ text: String, what: String) throws(InputError) -> YAMLNode {
        let node = try document(text, what: what)
        guard node.kind == .mapping else {
            throw InputError("\(what) is not a JSON object: '\(text.prefix(120))'")
        }
        return node
    }

    /// The one document of a JSON text.
    static func document(_ text: String, what: String) throws(InputError) -> YAMLNode {
        let file = JSONReader.read(Array(text.utf8), file: what)
        if let problem = file.diagnostics.first(where: { $0.severity == .error }) {
            throw InputError("\(what) is not valid JSON: \(problem.message) at column \(problem.location.column) (in '\(text.prefix(120))')")
        }
        guard file.documents.count == 1, let node = file.documents.first else {
            throw InputError("\(what) is not valid JSON: '\(text.prefix(120))'")
        }
        return node
    }

    /// A JSON scalar: a string (quoted), `true`/`false`, or a number; nil for null, for
    /// arrays and objects, and for a plain YAML scalar that is no JSON number (`e1000e`, an empty value).
    static func scalar(_ node: YAMLNode) -> QEMUValue? {
        guard node.kind == .scalar, let scalar = node.scalar else { return nil }
        if scalar.style != .plain { return .text(scalar.text) }
        switch scalar.text {
        case "true": return .bool(true)
        case "false": return .bool(false)
        default: return JSONValue.isNumber(scalar.text) ? .number(scalar.text) : nil
        }
    }

    /// The member of an object named `key`.
    static func member(_ node: YAMLNode, _ key: String) -> YAMLNode? {
        guard node.kind == .mapping else { return nil }
        return node.pairs.first { $0.key.text == key }?.value
    }
}
