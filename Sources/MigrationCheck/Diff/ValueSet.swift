import DeviceModelRegistry

/// The values a parameter accepts, as a set: its type, its enum `values` and
/// its `allowed` list taken together.
///
/// However a domain is spelled — items in any order, values inside ranges,
/// overlapping or adjacent ranges — one set has one form, so two spellings of
/// the same set compare equal: `[0, 16, {min: 32, max: 64}]` and
/// `[{min: 32, max: 64}, 16, 0]` are one set, and both lie inside
/// `[{min: 0, max: 64}]`.
struct ValueSet: Equatable, CustomStringConvertible {
    enum Form {
        /// Ascending, disjoint and non-adjacent inclusive intervals: an `int` domain.
        case integers([ClosedRange<Int64>])
        /// Exactly these distinct values, in the order first written.
        case values([ParameterValue])
        /// Every value of the type but these: a `string` domain with no `allowed` list.
        case allBut([ParameterValue])
    }

    private(set) var form: Form

    private init(_ form: Form) {
        switch form {
        case .integers(let intervals): self.form = .integers(Self.normalized(intervals))
        case .values(let values): self.form = .values(Self.distinct(values))
        case .allBut(let values): self.form = .allBut(Self.distinct(values))
        }
    }

    /// The domain of a parameter: the values of its type (its enum's `values`),
    /// narrowed by its `allowed` list.
    init(_ parameter: Parameter) {
        let universe: Form = switch parameter.type {
        case .bool: .values([.bool(false), .bool(true)])
        case .int: .integers([Int64.min...Int64.max])
        case .enum: .values(parameter.enumValues.map(ParameterValue.string))
        case .string: .allBut([])
        }
        self = ValueSet(universe).restricted(to: parameter.allowed)
    }

    /// Exactly these values.
    init(values: [ParameterValue]) {
        self.init(.values(values))
    }

    /// The values of this set that an `allowed` list (a model's or an
    /// implementation's) lets through; all of them when it has no list.
    func restricted(to domain: Domain) -> ValueSet {
        guard let items = domain.items else { return self }
        if case .integers = form {
            return intersection(ValueSet(.integers(items.compactMap { item in
                switch item {
                case .range(let range): range
                case .value(.int(let value)): value...value
                case .value: nil
                }
            })))
        }
        return intersection(ValueSet(.values(items.compactMap { item in
            if case .value(let value) = item { return value }
            return nil
        })))
    }

    var isEmpty: Bool {
        switch form {
        case .integers(let intervals): intervals.isEmpty
        case .values(let values): values.isEmpty
        case .allBut: false
        }
    }

    /// The values of this set that are not in `other`.
    ///
    /// O(n log n) in the sizes of both: interval lists are swept side by side, and value lists hashed.
    func subtracting(_ other: ValueSet) -> ValueSet {
        switch (form, other.form) {
        case (.integers(let a), .integers(let b)): ValueSet(.integers(Self.difference(a, b)))
        case (.values(let a), .values(let b)): ValueSet(.values(Self.kept(a, notIn: b)))
        case (.values(let a), .allBut(let b)): ValueSet(.values(Self.kept(a, in: b)))
        case (.allBut(let a), .values(let b)): ValueSet(.allBut(a + b))
        case (.allBut(let a), .allBut(let b)): ValueSet(.values(Self.kept(b, notIn: a)))
        // Sets of different types share no value (callers compare like with like).
        default: self
        }
    }

    /// The values in both sets.
    func intersection(_ other: ValueSet) -> ValueSet {
        switch (form, other.form) {
        case (.integers(let a), .integers(let b)): ValueSet(.integers(Self.intersection(a, b)))
        case (.values(let a), .values(let b)): ValueSet(.values(Self.kept(a, in: b)))
        case (.values(let a), .allBut(let b)): ValueSet(.values(Self.kept(a, notIn: b)))
        case (.allBut(let a), .values(let b)): ValueSet(.values(Self.kept(b, notIn: a)))
        case (.allBut(let a), .allBut(let b)): ValueSet(.allBut(a + b))
        default: ValueSet(.values([]))
        }
    }

    static func == (lhs: ValueSet, rhs: ValueSet) -> Bool {
        switch (lhs.form, rhs.form) {
        case (.integers(let a), .integers(let b)): a == b
        case (.values(let a), .values(let b)), (.allBut(let a), .allBut(let b)): Set(a) == Set(b)
        default: false
        }
    }

    /// `33…64, 70`, `'single', 'multi'`, `true`, `any string` or `any string but 'a'`.
    var description: String {
        switch form {
        case .integers(let intervals):
            intervals.map { $0.lowerBound == $0.upperBound ? "\($0.lowerBound)" : "\($0.lowerBound)…\($0.upperBound)" }
                .joined(separator: ", ")
        case .values(let values):
            values.map(\.quoted).joined(separator: ", ")
        case .allBut(let values):
            values.isEmpty ? "any string" : "any string but " + values.map(\.quoted).joined(separator: ", ")
        }
    }

    // MARK: - Intervals

    private static func distinct(_ values: [ParameterValue]) -> [ParameterValue] {
        var seen: Set<ParameterValue> = []
        return values.filter { seen.insert($0).inserted }
    }

    /// Sorted, with overlapping and adjacent intervals merged.
    private static func normalized(_ intervals: [ClosedRange<Int64>]) -> [ClosedRange<Int64>] {
        var merged: [ClosedRange<Int64>] = []
        for interval in intervals.sorted(by: { $0.lowerBound < $1.lowerBound }) {
            guard let last = merged.last,
                last.upperBound == Int64.max || interval.lowerBound <= last.upperBound + 1
            else {
                merged.append(interval)
                continue
            }
            merged[merged.count - 1] = last.lowerBound...max(last.upperBound, interval.upperBound)
        }
        return merged
    }

    /// The values of `values` that are in `other`, in their order.
    private static func kept(_ values: [ParameterValue], in other: [ParameterValue]) -> [ParameterValue] {
        let other = Set(other)
        return values.filter { other.contains($0) }
    }

    /// The values of `values` that are not in `other`, in their order.
    private static func kept(_ values: [ParameterValue], notIn other: [ParameterValue]) -> [ParameterValue] {
        let other = Set(other)
        return values.filter { !other.contains($0) }
    }

    /// `a` less `b`, both normalized: one sweep of the two lists.
    private static func difference(_ a: [ClosedRange<Int64>], _ b: [ClosedRange<Int64>]) -> [ClosedRange<Int64>] {
        var pieces: [ClosedRange<Int64>] = []
        var next = 0  // the first interval of b that does not end before the current piece starts
        for piece in a {
            while next < b.count && b[next].upperBound < piece.lowerBound { next += 1 }
            var start: Int64? = piece.lowerBound  // the lowest value of the piece not yet cut or kept
            var cut = next
            while let from = start, cut < b.count && b[cut].lowerBound <= piece.upperBound {
                // b[cut].lowerBound > from ≥ Int64.min, so b[cut].lowerBound - 1 cannot overflow; likewise
                // b[cut].upperBound < piece.upperBound ≤ Int64.max below.
                if b[cut].lowerBound > from { pieces.append(from...(b[cut].lowerBound - 1)) }
                start = b[cut].upperBound < piece.upperBound ? b[cut].upperBound + 1 : nil
                cut += 1
            }
            if let from = start { pieces.append(from...piece.upperBound) }
        }
        return pieces
    }

    /// The values in both `a` and `b`, both normalized: one sweep of the two lists.
    private static func intersection(_ a: [ClosedRange<Int64>], _ b: [ClosedRange<Int64>]) -> [ClosedRange<Int64>] {
        var result: [ClosedRange<Int64>] = []
        var (i, j) = (0, 0)
        while i < a.count && j < b.count {
            let low = max(a[i].lowerBound, b[j].lowerBound)
            let high = min(a[i].upperBound, b[j].upperBound)
            if low <= high { result.append(low...high) }
            if a[i].upperBound < b[j].upperBound { i += 1 } else { j += 1 }
        }
        return result
    }
}
