extension SchemaReader {
    /// One item of an `allowed` list and the node it was read from.
    struct AllowedItem {
        var item: DomainItem
        var node: YAMLNode
    }

    /// Reads an `allowed` list of a parameter of `type`.
    ///
    /// Reports `wrong-type` for items that are no value of the type (a range
    /// where the type is not `int`), and `invalid-domain` for an empty list,
    /// `min > max` and an item written twice. Whether the items lie in a
    /// domain is the caller's question.
    mutating func allowedItems(_ node: YAMLNode, type: ParameterType, for what: @autoclosure () -> String) -> [AllowedItem]? {
        guard let nodes = sequence(node, for: "'allowed' of \(what())") else { return nil }
        guard !nodes.isEmpty else {
            report(Diagnostic(.invalidDomain, "'allowed' of \(what()) is empty: it would allow no value", at: node.location))
            return nil
        }
        var items: [AllowedItem] = []
        items.reserveCapacity(nodes.count)
        // Lists are short: scanned for repeats, indexed only when long.
        var seen: [DomainItem: SourceLocation]? = nodes.count > 8 ? [:] : nil
        for itemNode in nodes {
            guard let item = allowedItem(itemNode, type: type, for: what()) else { continue }
            let first = seen.map { $0[item] } ?? items.first(where: { $0.item == item })?.node.location
            if let first {
                report(Diagnostic(
                    .invalidDomain, "\(item) is listed twice in 'allowed' of \(what())", at: itemNode.location,
                    notes: [Note("first listed here", at: first)]))
                continue
            }
            seen?[item] = itemNode.location
            items.append(AllowedItem(item: item, node: itemNode))
        }
        return items
    }

    private mutating func allowedItem(_ node: YAMLNode, type: ParameterType, for what: @autoclosure () -> String) -> DomainItem? {
        guard node.kind == .mapping else {
            return value(node, of: type, for: "an item of 'allowed' of \(what())").map(DomainItem.value)
        }
        guard type == .int else {
            wrongType(node, expected: type.expectation, for: "an item of 'allowed' of \(what()) (ranges are for int parameters)")
            return nil
        }
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
        return .range(min...max)
    }
}
