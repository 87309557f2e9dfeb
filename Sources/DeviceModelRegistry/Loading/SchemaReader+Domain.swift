/// An item of an `allowed` list, read as far as it can be before its parameter's type is known.
///
/// An implementation's `allowed` lists wait for the models they narrow; most
/// are a few scalars or `{min: A, max: B}` ranges, kept in this small form.
/// Anything else stays a node, read once the type is known, so that every
/// problem is reported as if it had been read then.
enum RawAllowedItem: Sendable {
    case scalar(String, SourceLocation)
    /// A well-formed range: two integers, the smaller first.
    case range(ClosedRange<Int64>, SourceLocation)
    /// The node at this index of the tree the items are read with.
    case node(Int32)

    /// The item written at `node`; `.node` unless it is a non-null scalar or a well-formed range.
    init(_ node: YAMLNode) {
        self = Self.read(node) ?? .node(Int32(node.index))
    }

    private static func read(_ node: YAMLNode) -> RawAllowedItem? {
        switch node.kind {
        case .scalar:
            return node.isNull ? nil : .scalar(node.text, node.location)
        case .mapping:
            guard node.count == 2 else { return nil }
            var bounds: (min: Int64?, max: Int64?)
            for pair in node.pairs {
                guard pair.value.kind == .scalar, !pair.value.isNull,
                    let bound = IntegerSyntax.parse(pair.value.text)
                else { return nil }
                if pair.key.hasText("min") { bounds.min = bound } else if pair.key.hasText("max") { bounds.max = bound }
            }
            guard let min = bounds.min, let max = bounds.max, min <= max else { return nil }
            return .range(min...max, node.location)
        case .sequence, .invalid:
            return nil
        }
    }
}

extension SchemaReader {
    /// One item of an `allowed` list and where it was written.
    struct AllowedItem {
        var item: DomainItem
        var location: SourceLocation
    }

    /// Reads an `allowed` list of a parameter of `type`.
    ///
    /// Reports `wrong-type` for a node that is not a sequence and for items
    /// that are no value of the type (a range where the type is not `int`), and
    /// `invalid-domain` for an empty list, `min > max` and an item written
    /// twice. Whether the items lie in a domain is the caller's question.
    mutating func allowedItems(_ node: YAMLNode, type: ParameterType, for what: @autoclosure () -> String) -> [AllowedItem]? {
        guard let nodes = sequence(node, for: "'allowed' of \(what())") else { return nil }
        guard !nodes.isEmpty else {
            report(Diagnostic(.invalidDomain, "'allowed' of \(what()) is empty: it would allow no value", at: node.location))
            return nil
        }
        return allowedItems(nodes.map(RawAllowedItem.init), in: node.tree, type: type, for: what())
    }

    /// Types the items of a non-empty `allowed` list read before the type was known.
    ///
    /// - Parameter tree: where the `.node` items are.
    mutating func allowedItems(
        _ rawItems: some Collection<RawAllowedItem>, in tree: YAMLTree, type: ParameterType,
        for what: @autoclosure () -> String
    ) -> [AllowedItem] {
        var items: [AllowedItem] = []
        items.reserveCapacity(rawItems.count)
        // Lists are short: scanned for repeats, indexed only when long.
        var seen: [DomainItem: SourceLocation]? = rawItems.count > 8 ? [:] : nil
        for raw in rawItems {
            guard let (item, location) = allowedItem(raw, in: tree, type: type, for: what()) else { continue }
            let first = seen.map { $0[item] } ?? items.first(where: { $0.item == item })?.location
            if let first {
                report(Diagnostic(
                    .invalidDomain, "\(item) is listed twice in 'allowed' of \(what())", at: location,
                    notes: [Note("first listed here", at: first)]))
                continue
            }
            seen?[item] = location
            items.append(AllowedItem(item: item, location: location))
        }
        return items
    }

    private mutating func allowedItem(
        _ raw: RawAllowedItem, in tree: YAMLTree, type: ParameterType, for what: @autoclosure () -> String
    ) -> (DomainItem, SourceLocation)? {
        func item() -> String { "an item of 'allowed' of \(what())" }
        func notARange(at location: SourceLocation) {
            report(Diagnostic(
                .wrongType, "expected \(type.expectation) for \(item()) (ranges are for int parameters), found a mapping",
                at: location))
        }
        switch raw {
        case .scalar(let text, let location):
            guard let value = type.parse(text) else {
                report(Diagnostic(.wrongType, "'\(text.truncatedForMessage)' is not \(type.expectation), for \(item())", at: location))
                return nil
            }
            return (.value(value), location)
        case .range(let range, let location):
            guard type == .int else {
                notARange(at: location)
                return nil
            }
            return (.range(range), location)
        case .node(let index):
            let node = YAMLNode(tree, Int(index))
            guard node.kind == .mapping else {
                return value(node, of: type, for: item()).map { (.value($0), node.location) }
            }
            guard type == .int else {
                notARange(at: node.location)
                return nil
            }
            return range(node, for: what()).map { (.range($0), node.location) }
        }
    }

    private mutating func range(_ node: YAMLNode, for what: @autoclosure () -> String) -> ClosedRange<Int64>? {
        func range() -> String { "a range in 'allowed' of \(what())" }
        guard let fields = fields(node, of: range(), known: ["min", "max"], required: ["min", "max"]),
            let minNode = fields["min"]?.value, let maxNode = fields["max"]?.value
        else { return nil }
        let low = value(minNode, of: .int, for: "'min' of \(range())")
        let high = value(maxNode, of: .int, for: "'max' of \(range())")
        guard case .int(let min)? = low, case .int(let max)? = high else { return nil }
        guard min <= max else {
            report(Diagnostic(
                .invalidDomain, "range in 'allowed' of \(what()) has min \(min) greater than max \(max)", at: node.location))
            return nil
        }
        return min...max
    }
}
