/// One item of an `allowed` list: a value, or for `int` an inclusive range.
public enum DomainItem: Hashable, Sendable, CustomStringConvertible {
    case value(ParameterValue)
    case range(ClosedRange<Int64>)

    public func contains(_ value: ParameterValue) -> Bool {
        switch (self, value) {
        case (.value(let item), _): item == value
        case (.range(let range), .int(let int)): range.contains(int)
        default: false
        }
    }

    /// `32`, `'single'` or `{min: 48, max: 64}`.
    public var description: String {
        switch self {
        case .value(let value): value.quoted
        case .range(let range): "{min: \(range.lowerBound), max: \(range.upperBound)}"
        }
    }
}

/// A set of values: the items of an `allowed` list, or every value when there is none.
public struct Domain: Hashable, Sendable, CustomStringConvertible {
    /// nil: no `allowed` list narrows it.
    public var items: [DomainItem]?

    public init(_ items: [DomainItem]?) {
        self.items = items
    }

    public static let unrestricted = Domain(nil)

    public func contains(_ value: ParameterValue) -> Bool {
        guard let items else { return true }
        // By the value's kind, so that the loop neither copies nor matches pairs of enums.
        switch value {
        case .int(let int):
            for item in items {
                switch item {
                case .range(let range): if range.contains(int) { return true }
                case .value(.int(let allowed)): if allowed == int { return true }
                default: continue
                }
            }
        case .bool(let bool):
            for case .value(.bool(let allowed)) in items where allowed == bool { return true }
        case .string(let string):
            for case .value(.string(let allowed)) in items where allowed == string { return true }
        }
        return false
    }

    /// Whether every integer of `range` is in the domain (ranges and values may overlap).
    public func covers(_ range: ClosedRange<Int64>) -> Bool {
        guard let items else { return true }
        var intervals: [ClosedRange<Int64>] = items.compactMap { item in
            switch item {
            case .range(let range): range
            case .value(.int(let value)): value...value
            default: nil
            }
        }
        intervals.sort { $0.lowerBound < $1.lowerBound }
        var next = range.lowerBound  // the lowest integer not yet covered
        for interval in intervals where interval.upperBound >= next {
            guard interval.lowerBound <= next else { return false }
            if interval.upperBound >= range.upperBound { return true }
            next = interval.upperBound + 1
        }
        return false
    }

    /// Whether every item is in `other`.
    public func isSubset(of other: Domain) -> Bool {
        guard let items else { return other.items == nil }
        return items.allSatisfy { item in
            switch item {
            case .value(let value): other.contains(value)
            case .range(let range): other.covers(range)
            }
        }
    }

    /// `[0, 16, {min: 32, max: 64}]`, or `any` when unrestricted.
    public var description: String {
        guard let items else { return "any" }
        return "[" + items.map(\.description).joined(separator: ", ") + "]"
    }
}
