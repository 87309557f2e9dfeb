import DeviceModelRegistry
import Testing

/// A long `allowed` list is indexed when its domain is made; a short one is scanned.
/// Both must answer exactly as the items say, for values and ranges that mix and overlap.
@Suite("Domains: membership, cover and subset, scanned or indexed")
struct DomainTests {
    /// A deterministic generator, so a failure can be replayed.
    private struct Generator {
        var state: UInt64
        mutating func next(_ bound: Int) -> Int {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Int((state >> 33) % UInt64(bound))
        }
    }

    /// `count` items, values and ranges mixed, overlapping, inside 0...99.
    private static func items(_ count: Int, seed: UInt64) -> [DomainItem] {
        var generator = Generator(state: seed)
        return (0..<count).map { _ in
            let low = Int64(generator.next(100))
            if generator.next(3) == 0 { return .value(.int(low)) }
            return .range(low...min(99, low + Int64(generator.next(6))))
        }
    }

    /// The integers of 0...99 the items hold, by brute force.
    private static func members(_ items: [DomainItem]) -> Set<Int64> {
        Set((Int64(0)...99).filter { value in items.contains { $0.contains(.int(value)) } })
    }

    @Test("contains and covers agree with the items, for short and long lists", arguments: [3, 8, 16, 17, 40, 200])
    func intervals(count: Int) {
        for seed in UInt64(1)...20 {
            let items = Self.items(count, seed: seed)
            let domain = Domain(items)
            let members = Self.members(items)
            for value in Int64(-2)...101 {
                #expect(domain.contains(.int(value)) == members.contains(value), "\(domain) \(value)")
            }
            for low in Int64(-1)...100 {
                for high in [low, low + 1, low + 4, low + 30] {
                    let expected = (low...high).allSatisfy(members.contains)
                    #expect(domain.covers(low...high) == expected, "\(domain) \(low)...\(high)")
                }
            }
        }
    }

    @Test("isSubset agrees with the sets of values, between short and long lists of mixed items")
    func subsets() {
        let domains = (UInt64(1)...12).flatMap { seed in
            [4, 30, 120].map { count in Self.items(count, seed: seed) }
        }
        for a in domains {
            for b in domains {
                let expected = Self.members(a).isSubset(of: Self.members(b))
                #expect(Domain(a).isSubset(of: Domain(b)) == expected, "\(Domain(a)) ⊆ \(Domain(b))")
            }
            #expect(Domain(a).isSubset(of: .unrestricted))
            #expect(!Domain.unrestricted.isSubset(of: Domain(a)))
        }
    }

    @Test("the ends of Int64 are covered without overflow, indexed or not", arguments: [1, 20])
    func extremes(padding: Int) {
        let pad = (0..<padding).map { DomainItem.value(.int(Int64(1000 + 2 * $0))) }
        let domain = Domain(pad + [.range(Int64.max - 3...Int64.max), .range(Int64.min...Int64.min + 2), .value(.int(Int64.max - 4))])
        #expect(domain.covers(Int64.max - 4...Int64.max))
        #expect(domain.covers(Int64.min...Int64.min + 2))
        #expect(!domain.covers(Int64.min...Int64.min + 3))
        #expect(domain.contains(.int(Int64.max)))
        #expect(!domain.contains(.int(Int64.max - 5)))
    }

    @Test("strings, enum names and bools: scanned and indexed alike", arguments: [5, 500])
    func values(count: Int) {
        let names = (0..<count).map { "v\($0 * 2)" }
        let domain = Domain(names.map { .value(.string($0)) })
        #expect(domain.contains(.string("v0")))
        #expect(domain.contains(.string("v\((count - 1) * 2)")))
        #expect(!domain.contains(.string("v1")))
        #expect(!domain.contains(.int(0)))
        #expect(Domain(names.reversed().map { .value(.string($0)) }).isSubset(of: domain))
        #expect(!Domain([.value(.string("v1"))]).isSubset(of: domain))
        let bools = Domain(Array(repeating: DomainItem.value(.bool(true)), count: count))
        #expect(bools.contains(.bool(true)) && !bools.contains(.bool(false)))
    }

    @Test("equality and hashing follow the items; changing them re-indexes")
    func identity() {
        let items = Self.items(100, seed: 7)
        var domain = Domain(items)
        #expect(domain == Domain(items))
        #expect(domain.hashValue == Domain(items).hashValue)
        #expect(domain != Domain(items.reversed()))
        domain.items = [.value(.int(-7))]
        #expect(domain.contains(.int(-7)) && !domain.contains(.int(50)))
        domain.items = nil
        #expect(domain == .unrestricted && domain.contains(.int(123)))
        domain.items = (0..<50).map { .value(.int(Int64($0) * 10)) }
        #expect(domain.contains(.int(490)) && !domain.contains(.int(-7)) && !domain.contains(.int(5)))
    }

    @Test("an enum with many values knows each of them")
    func enumValues() {
        var parameter = Parameter(
            name: "mode", type: .enum, enumValues: (0..<300).map { "m\($0)" }, location: .start(of: "m.yaml"))
        #expect(parameter.isOfType(.string("m299")) && !parameter.isOfType(.string("m300")))
        parameter.enumValues = ["a", "b"]
        #expect(parameter.isOfType(.string("a")) && !parameter.isOfType(.string("m1")))
        parameter.enumValues = (0..<40).map { "x\($0)" }
        #expect(parameter.isOfType(.string("x39")) && !parameter.isOfType(.string("a")))
    }
}
