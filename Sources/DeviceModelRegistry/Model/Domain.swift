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
///
/// A long list (an attacker's hundred thousand values) is indexed once, when the
/// domain is made: ``contains(_:)`` and ``covers(_:)`` then cost a hash or a
/// binary search, and ``isSubset(of:)`` O(n log m), where a scan of the items
/// would make every check of a list against another quadratic. A short list is
/// scanned: building a table would cost more than it saves.
public struct Domain: Hashable, Sendable, CustomStringConvertible {
    /// nil: no `allowed` list narrows it.
    public var items: [DomainItem]? {
        didSet { index = Index(items) }
    }

    /// Built from ``items`` for a long list; nil for a short one or none.
    private var index: Index?

    public init(_ items: [DomainItem]?) {
        self.items = items
        index = Index(items)
    }

    public static let unrestricted = Domain(nil)

    /// Two domains are equal when their items are, in order: the index is made from them.
    public static func == (lhs: Domain, rhs: Domain) -> Bool {
        lhs.items == rhs.items
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(items)
    }

    // Inlined: called out of line on a domain read in place, the domain's storage is retained and
    // released around every call, and two threads checking against one registry contend for it.
    @inline(__always)
    public func contains(_ value: ParameterValue) -> Bool {
        guard let items else { return true }
        if let index { return index.contains(value) }
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
    ///
    /// Inlined, as ``contains(_:)`` is: implementations are linked on two threads against one
    /// registry, and a call out of line retains the shared items around it.
    @inline(__always)
    public func covers(_ range: ClosedRange<Int64>) -> Bool {
        guard let items else { return true }
        if let index { return index.covers(range) }
        // One item holding all of it is the common answer; else the items merged may.
        for case .range(let item) in items where item.lowerBound <= range.lowerBound && item.upperBound >= range.upperBound {
            return true
        }
        return Self.mergedCover(range, items)
    }

    private static func mergedCover(_ range: ClosedRange<Int64>, _ items: [DomainItem]) -> Bool {
        Index.covers(range, Index.intervals(of: items))
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

    /// A long list's values by kind: integers as sorted disjoint intervals, strings hashed.
    ///
    /// A class, immutable once made: copies of a domain share one index.
    private final class Index: Sendable {
        /// Lists at most this long are scanned, not indexed.
        static let threshold = 16

        /// Ascending, with overlapping and adjacent intervals merged.
        let intervals: [ClosedRange<Int64>]
        let strings: Set<String>
        let hasFalse: Bool
        let hasTrue: Bool

        /// nil for no list or a short one.
        init?(_ items: [DomainItem]?) {
            guard let items, items.count > Self.threshold else { return nil }
            var strings: Set<String> = []
            var hasFalse = false
            var hasTrue = false
            for case .value(let value) in items {
                switch value {
                case .string(let string): strings.insert(string)
                case .bool(true): hasTrue = true
                case .bool(false): hasFalse = true
                case .int: continue
                }
            }
            intervals = Self.intervals(of: items)
            self.strings = strings
            self.hasFalse = hasFalse
            self.hasTrue = hasTrue
        }

        func contains(_ value: ParameterValue) -> Bool {
            switch value {
            case .int(let int): covers(int...int)
            case .string(let string): strings.contains(string)
            case .bool(let bool): bool ? hasTrue : hasFalse
            }
        }

        /// Whether one interval holds all of `range`: merged, the intervals leave no gap inside one.
        func covers(_ range: ClosedRange<Int64>) -> Bool {
            // The last interval starting at or below the range's start.
            var low = 0
            var high = intervals.count
            while low < high {
                let middle = (low + high) / 2
                if intervals[middle].lowerBound <= range.lowerBound { low = middle + 1 } else { high = middle }
            }
            return low > 0 && intervals[low - 1].upperBound >= range.upperBound
        }

        /// The integer items as ascending intervals, overlapping and adjacent ones merged.
        static func intervals(of items: [DomainItem]) -> [ClosedRange<Int64>] {
            var intervals: [ClosedRange<Int64>] = items.compactMap { item in
                switch item {
                case .range(let range): range
                case .value(.int(let value)): value...value
                default: nil
                }
            }
            intervals.sort { $0.lowerBound < $1.lowerBound }
            var merged: [ClosedRange<Int64>] = []
            merged.reserveCapacity(intervals.count)
            for interval in intervals {
                // last.upperBound + 1 would overflow at Int64.max, which already reaches every later bound.
                if let last = merged.last, last.upperBound == Int64.max || interval.lowerBound <= last.upperBound + 1 {
                    merged[merged.count - 1] = last.lowerBound...max(last.upperBound, interval.upperBound)
                } else {
                    merged.append(interval)
                }
            }
            return merged
        }

        /// Whether merged intervals cover every integer of `range`.
        static func covers(_ range: ClosedRange<Int64>, _ intervals: [ClosedRange<Int64>]) -> Bool {
            intervals.contains { $0.lowerBound <= range.lowerBound && $0.upperBound >= range.upperBound }
        }
    }
}
