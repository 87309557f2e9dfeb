import Synchronization

/// Reads YAML nodes against the schema's expectations, collecting every problem.
///
/// Each method reports what is wrong with the node it is given (wrong-type,
/// unknown-key, missing-key) and returns nil when nothing usable is there.
/// Nodes the YAML reader already refused (aliases) are passed over silently.
struct SchemaReader {
    /// The entries of a mapping with a fixed set of keys (``fields(_:of:known:required:)``).
    struct Fields {
        /// The most keys a mapping of fields can know.
        static let capacity = 16

        let node: YAMLNode
        private let known: [String]
        /// Where each known key, by its position in `known`, is in the tree: its first occurrence; -1 where absent.
        private let keys: SIMD16<Int32>

        fileprivate init(node: YAMLNode, known: [String], keys: SIMD16<Int32>) {
            self.node = node
            self.known = known
            self.keys = keys
        }

        /// The entry of `key`, one of the known keys, when the mapping has it.
        subscript(key: String) -> YAMLPair? {
            guard let position = known.firstIndex(of: key), keys[position] >= 0 else { return nil }
            let tree = node.tree
            let index = Int(keys[position])
            return YAMLPair(key: YAMLNode(tree, index), value: YAMLNode(tree, tree.next(after: index)))
        }
    }

    var diagnostics: [Diagnostic] = []
    /// Shared by every reader of one registry: "did you mean" costs a search of the
    /// candidates, so a file of thousands of unknown names gets it for the first ones only.
    var suggestions = SuggestionBudget()
    /// What is being read: filled into the diagnostics that do not say it themselves.
    var model: String?
    var version: String?
    var parameter: String?

    /// `; did you mean 'x'?` while the budget lasts; the candidates are built only then.
    func hint(for name: String, among candidates: @autoclosure () -> [String]) -> String {
        suggestions.take() ? Suggestion.hint(for: name, among: candidates()) : ""
    }

    mutating func report(_ diagnostic: Diagnostic) {
        var diagnostic = diagnostic
        diagnostic.model = diagnostic.model ?? model
        diagnostic.version = diagnostic.version ?? version
        diagnostic.parameter = diagnostic.parameter ?? parameter
        diagnostics.append(diagnostic)
    }

    /// Reports that `node` is not what `what` should be.
    mutating func wrongType(_ node: YAMLNode, expected: String, for what: @autoclosure () -> String) {
        if node.kind == .invalid { return }
        report(Diagnostic(.wrongType, "expected \(expected) for \(what()), found \(node.kindDescription)", at: node.location))
    }

    /// The pairs of a mapping node, each key a non-null scalar.
    mutating func mapping(_ node: YAMLNode, for what: @autoclosure () -> String) -> [(key: String, pair: YAMLPair)]? {
        guard node.kind == .mapping else {
            wrongType(node, expected: "a mapping", for: what())
            return nil
        }
        let pairs = node.pairs
        guard !pairs.isEmpty else { return [] }
        var keyed: [(key: String, pair: YAMLPair)] = []
        keyed.reserveCapacity(pairs.count)
        for pair in pairs where isKeyName(pair.key.tree, pair.key.index, of: what()) {
            keyed.append((pair.key.text, pair))
        }
        return keyed
    }

    /// Whether the node at `index` can name a key: a scalar that is not null; reported when not.
    private mutating func isKeyName(_ tree: YAMLTree, _ index: Int, of what: @autoclosure () -> String) -> Bool {
        let record = tree.records[index]
        guard record.isScalar, !YAMLNode.isNull(tree.text, record) else {
            wrongType(YAMLNode(tree, index), expected: "a key name", for: "a key of \(what())")
            return false
        }
        return true
    }

    /// A mapping with a fixed set of keys (at most ``Fields/capacity``, `required` among them):
    /// unknown keys and missing required keys are reported.
    ///
    /// Keys are matched as bytes in the tree; only an unknown key becomes a string, for its message.
    mutating func fields(_ node: YAMLNode, of what: @autoclosure () -> String, known: [String], required: [String] = []) -> Fields? {
        assert(known.count <= Fields.capacity && required.allSatisfy(known.contains))
        guard node.kind == .mapping else {
            wrongType(node, expected: "a mapping", for: what())
            return nil
        }
        let tree = node.tree
        var keys = SIMD16<Int32>(repeating: -1)
        var unknown: [Int] = []
        var index = node.index + 1
        for _ in 0..<node.count {
            let key = index
            index = tree.next(after: tree.next(after: key))
            guard isKeyName(tree, key, of: what()) else { continue }
            let record = tree.records[key]
            if let position = known.firstIndex(where: { YAMLNode.hasText(tree.text, record, $0) }) {
                if keys[position] < 0 { keys[position] = Int32(key) }
            } else {
                unknown.append(key)
            }
        }
        for key in unknown {
            let name = YAMLNode.string(tree.text, tree.records[key])
            report(Diagnostic(
                .unknownKey, "unknown key '\(name.truncatedForMessage)' in \(what())" + hint(for: name, among: known),
                at: YAMLNode(tree, key).location))
        }
        for key in required where keys[known.firstIndex(of: key) ?? 0] < 0 {
            report(Diagnostic(.missingKey, "missing key '\(key)' in \(what())", at: node.location))
        }
        return Fields(node: node, known: known, keys: keys)
    }

    /// The items of a sequence node.
    mutating func sequence(_ node: YAMLNode, for what: @autoclosure () -> String) -> YAMLNode.Items? {
        guard node.kind == .sequence else {
            wrongType(node, expected: "a sequence", for: what())
            return nil
        }
        return node.items
    }

    /// The text of a scalar that is not null.
    mutating func text(_ node: YAMLNode, for what: @autoclosure () -> String) -> String? {
        isText(node, for: what()) ? node.text : nil
    }

    /// Whether `node` is a scalar that is not null, as ``text(_:for:)`` asks, without building its text.
    @discardableResult
    mutating func isText(_ node: YAMLNode, for what: @autoclosure () -> String) -> Bool {
        guard node.kind == .scalar, !node.isNull else {
            wrongType(node, expected: "a scalar", for: what())
            return false
        }
        return true
    }

    /// A model or implementation id, checked against SPEC 2.3.
    mutating func id(_ node: YAMLNode, for what: @autoclosure () -> String) -> String? {
        guard let text = text(node, for: what()) else { return nil }
        checkID(text, at: node.location, for: what())
        return text
    }

    /// Reports an id that breaks SPEC 2.3; a written scheme gets the id without it suggested.
    mutating func checkID(_ text: String, at location: SourceLocation, for what: @autoclosure () -> String) {
        guard !Identifier.isValidID(text) else { return }
        var message = "invalid \(what()) '\(text.truncatedForMessage)': expected a domain name and a path, like 'example.com/devices/nic'"
        if let bare = Identifier.withoutScheme(text) {
            message = "invalid \(what()) '\(text.truncatedForMessage)': ids have no scheme; did you mean '\(bare)'?"
        }
        report(Diagnostic(.invalidID, message, at: location))
    }

    /// A version or enum value name (1–64 printable ASCII characters, no whitespace).
    mutating func name(_ node: YAMLNode, for what: @autoclosure () -> String) -> String? {
        guard let text = text(node, for: what()) else { return nil }
        guard Identifier.isValidName(text) else {
            report(Diagnostic(
                .invalidID, "invalid \(what()) '\(text.truncatedForMessage)': expected 1 to 64 printable ASCII characters without whitespace",
                at: node.location))
            return nil
        }
        return text
    }

    /// A value of `type`, read from a scalar whatever its quoting.
    mutating func value(_ node: YAMLNode, of type: ParameterType, for what: @autoclosure () -> String) -> ParameterValue? {
        guard node.kind == .scalar, !node.isNull else {
            wrongType(node, expected: type.expectation, for: what())
            return nil
        }
        let text = node.text
        guard let value = type.parse(text) else {
            report(Diagnostic(
                .wrongType, "'\(text.truncatedForMessage)' is not \(type.expectation), for \(what())",
                at: node.location))
            return nil
        }
        return value
    }
}

extension String {
    /// The text, cut to a length that fits in a message.
    var truncatedForMessage: String {
        let limit = 80
        guard unicodeScalars.count > limit else { return self }
        return String(String.UnicodeScalarView(unicodeScalars.prefix(limit))) + "…"
    }
}

/// How many "did you mean" searches are left for one registry.
final class SuggestionBudget: Sendable {
    private let remaining = Atomic<Int>(200)

    /// Whether one more search may be made.
    func take() -> Bool {
        remaining.subtract(1, ordering: .relaxed).newValue >= 0
    }
}
