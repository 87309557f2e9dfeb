import DeviceModelRegistry
import Foundation

/// A JSON value as JSON Schema sees it: built from a JSON text, or from a YAML document
/// typed as YAML 1.2's core schema would type it.
indirect enum JSONInstance: Equatable, CustomStringConvertible {
    case null
    case bool(Bool)
    case number(Double)
    case string(String)
    case array([JSONInstance])
    /// Members in the order written.
    case object([Member])

    struct Member: Equatable {
        var key: String
        var value: JSONInstance
    }

    /// The tree of a YAML or JSON document (``YAMLReader``, ``JSONReader``).
    ///
    /// Quoted and block scalars are strings; a plain scalar is typed as YAML 1.2's core
    /// schema does, which is how an editor's YAML language server sees it: `null`, `~` and
    /// nothing are null, `true`/`false` booleans, `12`, `-3`, `0x1F`, `0o17` integers,
    /// `1.5`, `1e3`, `.inf` numbers, anything else (`on`, `1.2.3`) a string.
    init(_ node: YAMLNode) {
        switch node.content {
        case .scalar(let scalar): self = Self.typed(scalar)
        case .mapping(let pairs): self = .object(pairs.map { Member(key: $0.key.text, value: JSONInstance($0.value)) })
        case .sequence(let items): self = .array(items.map(JSONInstance.init))
        case .invalid: self = .null
        }
    }

    static func typed(_ scalar: YAMLScalar) -> JSONInstance {
        guard scalar.style == .plain else { return .string(scalar.text) }
        let text = scalar.text
        switch text {
        case "", "~", "null", "Null", "NULL": return .null
        case "true", "True", "TRUE": return .bool(true)
        case "false", "False", "FALSE": return .bool(false)
        case ".inf", ".Inf", ".INF", "+.inf", "+.Inf", "+.INF": return .number(.infinity)
        case "-.inf", "-.Inf", "-.INF": return .number(-.infinity)
        case ".nan", ".NaN", ".NAN": return .number(.nan)
        default: break
        }
        if text.wholeMatch(of: #/[-+]?[0-9]+/#) != nil {
            return .number(Double(text.hasPrefix("+") ? String(text.dropFirst()) : text)!)
        }
        if text.wholeMatch(of: #/0x[0-9a-fA-F]+/#) != nil, let value = UInt64(text.dropFirst(2), radix: 16) {
            return .number(Double(value))
        }
        if text.wholeMatch(of: #/0o[0-7]+/#) != nil, let value = UInt64(text.dropFirst(2), radix: 8) {
            return .number(Double(value))
        }
        if text.wholeMatch(of: #/[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?/#) != nil, let value = Double(text) {
            return .number(value)
        }
        return .string(text)
    }

    /// Reads a JSON file with migcheck's own strict JSON reader.
    static func json(contentsOf url: URL) throws -> JSONInstance {
        let bytes = [UInt8](try Data(contentsOf: url))
        return try json(bytes, file: url.lastPathComponent)
    }

    static func json(_ text: String) throws -> JSONInstance {
        try json(Array(text.utf8), file: "<text>")
    }

    private static func json(_ bytes: [UInt8], file: String) throws -> JSONInstance {
        let read = JSONReader.read(bytes, file: file)
        if let problem = read.diagnostics.first { throw SchemaProblem("\(problem.location): \(problem.message)") }
        guard let root = read.documents.first else { throw SchemaProblem("\(file): no JSON document") }
        return JSONInstance(root)
    }

    // MARK: Reading a value

    subscript(key: String) -> JSONInstance? {
        guard case .object(let members) = self else { return nil }
        return members.first { $0.key == key }?.value
    }

    subscript(index: Int) -> JSONInstance? {
        guard case .array(let items) = self, items.indices.contains(index) else { return nil }
        return items[index]
    }

    var string: String? {
        if case .string(let text) = self { return text }
        return nil
    }

    var int: Int? {
        if case .number(let value) = self, value.rounded() == value, abs(value) < 1e15 { return Int(value) }
        return nil
    }

    var items: [JSONInstance] {
        if case .array(let items) = self { return items }
        return []
    }

    var keys: [String] {
        if case .object(let members) = self { return members.map(\.key) }
        return []
    }

    /// JSON Schema's equality: numbers by value, objects whatever their key order.
    static func == (lhs: JSONInstance, rhs: JSONInstance) -> Bool {
        switch (lhs, rhs) {
        case (.null, .null): true
        case (.bool(let a), .bool(let b)): a == b
        case (.number(let a), .number(let b)): a == b
        case (.string(let a), .string(let b)): a == b
        case (.array(let a), .array(let b)): a.count == b.count && zip(a, b).allSatisfy { $0 == $1 }
        case (.object(let a), .object(let b)):
            a.count == b.count && a.allSatisfy { member in b.contains { $0.key == member.key && $0.value == member.value } }
        default: false
        }
    }

    var description: String {
        switch self {
        case .null: "null"
        case .bool(let value): "\(value)"
        case .number(let value): value.rounded() == value && abs(value) < 1e15 ? "\(Int(value))" : "\(value)"
        case .string(let text): "\"\(text)\""
        case .array(let items): "[" + items.map(\.description).joined(separator: ", ") + "]"
        case .object(let members): "{" + members.map { "\($0.key): \($0.value)" }.joined(separator: ", ") + "}"
        }
    }
}

struct SchemaProblem: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}

/// A JSON Schema validator for the keywords the SARIF 2.1.0 schema and migcheck's own
/// schemas use (draft-04 to draft-07 meanings, which agree on them).
///
/// Assertions: `type`, `enum`, `const`, `required`, `properties`, `patternProperties`,
/// `additionalProperties`, `propertyNames`, `minProperties`, `items` (one schema),
/// `minItems`, `maxItems`, `uniqueItems`, `minimum`, `maximum`, `minLength`, `maxLength`,
/// `pattern`, `allOf`, `anyOf`, `oneOf`, `not`, `if`/`then`/`else`, and `$ref` to a JSON
/// pointer in the same document or in another schema file of the set (`other.json#/x`).
/// `format` is an annotation here (left unchecked), as are `title`, `description`,
/// `default` and the like. Any other keyword is reported as unsupported rather than
/// passed over, so the validator cannot approve what it did not check.
final class JSONSchemaValidator {
    /// The schema documents by file name.
    private let documents: [String: JSONInstance]
    private let root: String
    private var patterns: [String: NSRegularExpression] = [:]

    private static let annotations: Set<String> = [
        "$schema", "$id", "id", "title", "description", "markdownDescription", "default", "examples",
        "format", "definitions", "$defs", "$comment", "deprecationMessage",
    ]

    /// - Parameters:
    ///   - files: every schema file that `$ref`s may name, the root one among them.
    ///   - root: the file name of the schema to validate against.
    init(files: [URL], root: String) throws {
        var documents: [String: JSONInstance] = [:]
        for file in files {
            documents[file.lastPathComponent] = try JSONInstance.json(contentsOf: file)
        }
        guard documents[root] != nil else { throw SchemaProblem("no schema named \(root)") }
        self.documents = documents
        self.root = root
    }

    convenience init(file: URL) throws {
        try self.init(files: [file], root: file.lastPathComponent)
    }

    /// Every way the instance breaks the schema, each as `/json/pointer: what`; none when it is valid.
    func validate(_ instance: JSONInstance) -> [String] {
        var errors: [String] = []
        check(instance, against: documents[root]!, in: root, at: "", errors: &errors)
        return errors
    }

    private func check(_ instance: JSONInstance, against schema: JSONInstance, in document: String, at path: String,
                       errors: inout [String]) {
        switch schema {
        case .bool(true): return
        case .bool(false):
            errors.append("\(path): no value is allowed here")
            return
        case .object: break
        default:
            errors.append("\(path): the schema is neither an object nor a boolean")
            return
        }
        let at = path.isEmpty ? "/" : path
        func fail(_ message: String) { errors.append("\(at): \(message)") }
        func sub(_ value: JSONInstance, _ subschema: JSONInstance, _ subpath: String) {
            check(value, against: subschema, in: document, at: subpath, errors: &errors)
        }
        func passes(_ subschema: JSONInstance) -> [String] {
            var found: [String] = []
            check(instance, against: subschema, in: document, at: path, errors: &found)
            return found
        }

        for keyword in schema.keys {
            let value = schema[keyword]!
            switch keyword {
            case "$ref":
                guard let reference = value.string, let (target, file) = resolve(reference, from: document) else {
                    fail("cannot resolve $ref \(value)")
                    continue
                }
                check(instance, against: target, in: file, at: path, errors: &errors)
            case "type":
                let names = value.string.map { [$0] } ?? value.items.compactMap(\.string)
                if !names.contains(where: { Self.matches(instance, type: $0) }) {
                    fail("\(instance) is not of type \(names.joined(separator: " or "))")
                }
            case "enum":
                if !value.items.contains(instance) { fail("\(instance) is not one of \(value)") }
            case "const":
                if instance != value { fail("\(instance) is not \(value)") }
            case "required":
                guard case .object = instance else { continue }
                for key in value.items.compactMap(\.string) where instance[key] == nil {
                    fail("the required key '\(key)' is missing")
                }
            case "properties", "patternProperties", "additionalProperties":
                // Checked together below, once per object.
                continue
            case "propertyNames":
                for key in instance.keys { sub(.string(key), value, path + "/" + Self.escape(key)) }
            case "minProperties":
                if case .object(let members) = instance, let minimum = value.int, members.count < minimum {
                    fail("fewer than \(minimum) keys")
                }
            case "items":
                guard case .array(let items) = instance else { continue }
                if case .array = value {
                    fail("unsupported: 'items' as a list of schemas")
                    continue
                }
                for (index, item) in items.enumerated() { sub(item, value, path + "/\(index)") }
            case "minItems":
                if case .array(let items) = instance, let minimum = value.int, items.count < minimum {
                    fail("fewer than \(minimum) items")
                }
            case "maxItems":
                if case .array(let items) = instance, let maximum = value.int, items.count > maximum {
                    fail("more than \(maximum) items")
                }
            case "uniqueItems":
                if case .array(let items) = instance, value == .bool(true) {
                    for (index, item) in items.enumerated() where items[..<index].contains(item) {
                        fail("item \(index) repeats an earlier one")
                    }
                }
            case "minimum":
                if case .number(let number) = instance, case .number(let minimum) = value, number < minimum {
                    fail("\(instance) is less than \(value)")
                }
            case "maximum":
                if case .number(let number) = instance, case .number(let maximum) = value, number > maximum {
                    fail("\(instance) is more than \(value)")
                }
            case "minLength":
                if let text = instance.string, let minimum = value.int, text.unicodeScalars.count < minimum {
                    fail("\(instance) is shorter than \(minimum)")
                }
            case "maxLength":
                if let text = instance.string, let maximum = value.int, text.unicodeScalars.count > maximum {
                    fail("\(instance) is longer than \(maximum)")
                }
            case "pattern":
                guard let text = instance.string, let pattern = value.string else { continue }
                guard let regex = regex(pattern) else {
                    fail("the pattern \(pattern) does not compile")
                    continue
                }
                if regex.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)) == nil {
                    fail("\(instance) does not match \(pattern)")
                }
            case "allOf":
                for subschema in value.items { sub(instance, subschema, path) }
            case "anyOf":
                let failures = value.items.map(passes)
                if !failures.contains(where: \.isEmpty) {
                    fail("\(instance) matches none of anyOf: " + failures.map { $0.first ?? "" }.joined(separator: "; "))
                }
            case "oneOf":
                let failures = value.items.map(passes)
                let matching = failures.count(where: \.isEmpty)
                if matching == 0 {
                    fail("\(instance) matches none of oneOf: " + failures.map { $0.first ?? "" }.joined(separator: "; "))
                } else if matching > 1 {
                    fail("\(instance) matches \(matching) schemas of oneOf, not one")
                }
            case "not":
                if passes(value).isEmpty { fail("\(instance) matches a schema it must not") }
            case "if":
                if passes(value).isEmpty {
                    if let then = schema["then"] { sub(instance, then, path) }
                } else if let otherwise = schema["else"] {
                    sub(instance, otherwise, path)
                }
            case "then", "else":
                continue
            default:
                if !Self.annotations.contains(keyword) { fail("unsupported keyword '\(keyword)' in the schema") }
            }
        }

        // properties, patternProperties, additionalProperties.
        guard case .object(let members) = instance,
            schema["properties"] != nil || schema["patternProperties"] != nil || schema["additionalProperties"] != nil
        else { return }
        let properties = schema["properties"]
        let patternProperties = schema["patternProperties"]
        for member in members {
            let memberPath = path + "/" + Self.escape(member.key)
            var matched = false
            if let property = properties?[member.key] {
                matched = true
                sub(member.value, property, memberPath)
            }
            for pattern in patternProperties?.keys ?? [] {
                guard let regex = regex(pattern) else {
                    fail("the pattern \(pattern) does not compile")
                    continue
                }
                let key = member.key
                if regex.firstMatch(in: key, range: NSRange(key.startIndex..., in: key)) != nil {
                    matched = true
                    sub(member.value, patternProperties![pattern]!, memberPath)
                }
            }
            guard !matched, let additional = schema["additionalProperties"] else { continue }
            if additional == .bool(false) {
                fail("unknown key '\(member.key)'")
            } else {
                sub(member.value, additional, memberPath)
            }
        }
    }

    /// `#/definitions/x` in `document`, or `file.json` / `file.json#/pointer` in the set.
    private func resolve(_ reference: String, from document: String) -> (JSONInstance, String)? {
        let parts = reference.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false)
        let file = parts[0].isEmpty ? document : String(parts[0].split(separator: "/").last ?? "")
        guard var target = documents[file] else { return nil }
        let pointer = parts.count > 1 ? parts[1] : ""
        for token in pointer.split(separator: "/", omittingEmptySubsequences: true) {
            let key = token.replacingOccurrences(of: "~1", with: "/").replacingOccurrences(of: "~0", with: "~")
            if let index = Int(key), case .array = target {
                guard let item = target[index] else { return nil }
                target = item
            } else {
                guard let member = target[key] else { return nil }
                target = member
            }
        }
        return (target, file)
    }

    private func regex(_ pattern: String) -> NSRegularExpression? {
        if let cached = patterns[pattern] { return cached }
        let compiled = try? NSRegularExpression(pattern: pattern)
        patterns[pattern] = compiled
        return compiled
    }

    private static func matches(_ instance: JSONInstance, type: String) -> Bool {
        switch (type, instance) {
        case ("null", .null), ("boolean", .bool), ("number", .number), ("string", .string), ("array", .array),
             ("object", .object):
            true
        case ("integer", .number(let value)): value.rounded() == value && value.isFinite
        default: false
        }
    }

    /// A key as a JSON pointer token.
    private static func escape(_ key: String) -> String {
        key.replacingOccurrences(of: "~", with: "~0").replacingOccurrences(of: "/", with: "~1")
    }
}
