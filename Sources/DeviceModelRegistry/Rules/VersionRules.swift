#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// The rules that need a model's versions expanded: `version-missing-value`
/// and `identical-versions`.
///
/// Linear in the model's size, not in versions × parameters: the versions are walked along
/// `extends` with one row of values (``DeviceModel/walkVersions(from:skipping:change:visit:)``).
/// A model of usual size (versions × parameters up to 65,536) keeps each version's row, as
/// numbers standing for its values (``ValueNumbers``), and compares rows. A larger one keeps each version's values as a node of a ``ValueTree``,
/// which costs what its `set` changes: equal expansions are one node, so identical versions
/// are found exactly, by the node, and the parameters a version leaves unset are counted in
/// the tree.
enum VersionRules {
    /// A parameter's value in a version's expansion.
    private enum Slot: Hashable {
        case value(ParameterValue)
        /// No value: the parameter has no default and nothing set it.
        case unset
        /// No value, for a parameter whose definition had errors: not reported.
        case unchecked
    }

    /// What the rules need of the versions' expansions: which are equal, and what each leaves unset.
    private struct Expansions {
        /// By position in `model.versions`: a number that two versions share exactly when their
        /// expansions are equal; nil for a version not checked.
        var classes: [Int?]
        /// The parameters a version leaves unset: how many, and the positions of the first `limit`.
        var unset: (_ version: Int, _ limit: Int) -> (count: Int, first: [Int])
    }

    /// Versions whose `extends` or `set` had errors, and versions extending
    /// them, are not checked; nor are parameters whose definition had errors.
    static func check(_ decoded: DecodedModel, reader: inout SchemaReader) {
        let model = decoded.model
        reader.model = model.id
        defer { reader.model = nil }
        guard !model.versions.isEmpty else { return }
        let unchecked = model.parameters.map { decoded.brokenParameters.contains($0.name) }
        let slots = model.parameters.indices.map { position in slot(model.parameters[position].defaultValue, unchecked[position]) }
        let skipping = { (version: Int) in decoded.brokenVersions.contains(model.versions[version].name) }
        // A model of usual size keeps each version's row; a large one shares what versions have in common.
        let expansions = model.versions.count * model.parameters.count <= 1 << 16
            ? rows(model, from: slots, skipping: skipping)
            : tree(model, from: slots, unchecked: unchecked, skipping: skipping)
        var firstWith: [Int: Int] = [:]
        firstWith.reserveCapacity(model.versions.count)
        // By position, not `for version in model.versions`: each version would be copied, its fields retained.
        for position in model.versions.indices {
            guard let values = expansions.classes[position] else { continue }
            // One finding a version, naming every parameter it leaves unset: a model with
            // thousands of both must not give millions of findings.
            let (count, unset) = expansions.unset(position, 5)
            if count > 0 {
                let version = model.versions[position]
                let names = unset.map { "'\(model.parameters[$0].name)'" }
                let more = count > 5 ? " and \(count - 5) more" : ""
                let message = count == 1
                    ? "version '\(version.name)' leaves \(names[0]) unset, and it has no default"
                    : "version '\(version.name)' leaves \(names.joined(separator: ", "))\(more) unset, and they have no default"
                reader.report(Diagnostic(
                    .versionMissingValue, message, at: version.location, version: version.name,
                    parameter: model.parameters[unset[0]].name))
            }
            if let first = firstWith[values] {
                guard model.versions[position].settings != nil else { continue }
                let version = model.versions[position]
                let same = model.versions[first]
                reader.report(Diagnostic(
                    .identicalVersions,
                    "version '\(version.name)' expands to exactly the values of version '\(same.name)': "
                        + "give the change a parameter, or drop 'set' to make it a synonym",
                    at: version.location, notes: [Note("version '\(same.name)' defined here", at: same.location)],
                    version: version.name))
            } else {
                firstWith[values] = position
            }
        }
    }

    private static func slot(_ value: ParameterValue?, _ unchecked: Bool) -> Slot {
        value.map(Slot.value) ?? (unchecked ? .unchecked : .unset)
    }

    /// A value's share of its row's hash: the value's number at its position, mixed (SplitMix64)
    /// with this process's seed, so that rows written to collide in one run do not in the next.
    private static func quickHash(_ number: Int32, at position: Int, seed: UInt64) -> UInt64 {
        var word = (UInt64(UInt32(bitPattern: number)) << 32 | UInt64(UInt32(truncatingIfNeeded: position))) ^ seed
        word = (word ^ (word >> 30)) &* 0xBF58_476D_1CE4_E5B9
        word = (word ^ (word >> 27)) &* 0x94D0_49BB_1331_11EB
        return word ^ (word >> 31)
    }

    /// Numbers for a model's values, one a distinct value at a position: a row of numbers is copied,
    /// compared and hashed as plain memory, where a row of values retains and compares each value.
    /// ``unset`` and ``unchecked`` are the slots without a value.
    private struct ValueNumbers {
        static let unset: Int32 = 0
        static let unchecked: Int32 = 1
        /// By number (from 2): the value.
        private var values: [ParameterValue] = []
        /// By position: the newest number at the position, or -1; by number (from 2): the number before
        /// it at its position, or -1. A position's values are looked for along this chain.
        private var newest: [Int32]
        private var before: [Int32] = []
        /// Instead of the chains, when the model sets many values: a position's chain could be long.
        private var hashed: [Key: Int32]?

        private struct Key: Hashable {
            var position: Int
            var value: ParameterValue
        }

        init(width: Int, settings: Int) {
            newest = [Int32](repeating: -1, count: width)
            hashed = settings + width > 256 ? [:] : nil
            // At most one value a default and one a setting.
            values.reserveCapacity(width + settings)
            if hashed == nil { before.reserveCapacity(width + settings) }
        }

        mutating func number(_ slot: Slot, at position: Int) -> Int32 {
            switch slot {
            case .unset: return Self.unset
            case .unchecked: return Self.unchecked
            case .value(let value): return number(value, at: position)
            }
        }

        mutating func number(_ value: ParameterValue, at position: Int) -> Int32 {
            if hashed != nil {
                let key = Key(position: position, value: value)
                if let known = hashed![key] { return known }
                let number = Int32(values.count + 2)
                values.append(value)
                hashed![key] = number
                return number
            }
            var candidate = newest[position]
            while candidate >= 0 {
                if values[Int(candidate) - 2] == value { return candidate }
                candidate = before[Int(candidate) - 2]
            }
            let number = Int32(values.count + 2)
            values.append(value)
            before.append(newest[position])
            newest[position] = number
            return number
        }
    }

    /// Each version's row kept whole: for models whose versions × parameters is small. A version
    /// extends an earlier one, so the rows are made in order, each from its parent's; rows are told
    /// apart by a hash, and compared whole only when their hashes are equal.
    ///
    /// The rows are one buffer of value numbers (``ValueNumbers``), a version's at its position
    /// times the row's width: one allocation for the model, and no value retained or compared.
    private static func rows(
        _ model: DeviceModel, from defaults: [Slot], skipping: (Int) -> Bool
    ) -> Expansions {
        let width = defaults.count
        let versions = model.versions.count
        var numbers = ValueNumbers(width: width, settings: model.placedSettingsCount)
        let root = defaults.indices.map { numbers.number(defaults[$0], at: $0) }
        let seed = ScalarBytes.hashSeed
        // A row's hash is the sum of its slots' hashes, so a version's is its parent's plus what its
        // `set` changes: O(settings) a version, not O(parameters).
        var hashes = [UInt64](repeating: 0, count: versions)
        let rootHash = root.indices.reduce(UInt64(0)) { $0 &+ quickHash(root[$1], at: $1, seed: seed) }
        var classes = [Int?](repeating: nil, count: versions)
        // The first version of each class. Beyond a few, they are also found by hash: the last with
        // each hash, and from each the one before it with the same hash (-1 for none).
        var firstOfClass: [Int] = []
        var lastWith: [UInt64: Int]? = versions > 16 ? [:] : nil
        var sameHashBefore = [Int](repeating: -1, count: versions)
        // Never empty (a model may have no parameter): its buffer then surely has an address.
        var rows = [Int32](repeating: ValueNumbers.unset, count: max(1, versions * width))
        var hasRow = [Bool](repeating: false, count: versions)
        rows.withUnsafeMutableBufferPointer { rows in
            let base = rows.baseAddress!
            func same(_ a: Int, _ b: Int) -> Bool {
                hashes[a] == hashes[b] && memcmp(base + a * width, base + b * width, width * MemoryLayout<Int32>.stride) == 0
            }
            for version in model.expandableVersions(skipping: skipping) {
                let start = base + version * width
                var hash = rootHash
                let parent = Int(model.versionLinks[version])
                if parent >= 0 {
                    start.update(from: base + parent * width, count: width)
                    hash = hashes[parent]
                } else if width > 0 {
                    root.withUnsafeBufferPointer { start.update(from: $0.baseAddress!, count: width) }
                }
                for (position, value) in model.settings(ofVersionAt: version) {
                    let number = numbers.number(value, at: position)
                    hash = hash &- quickHash(start[position], at: position, seed: seed) &+ quickHash(number, at: position, seed: seed)
                    start[position] = number
                }
                hasRow[version] = true
                hashes[version] = hash
                var found = -1
                if let lastWith {
                    found = lastWith[hash] ?? -1
                    while found >= 0 && !same(found, version) { found = sameHashBefore[found] }
                } else {
                    found = firstOfClass.first { same($0, version) } ?? -1
                }
                if found >= 0 {
                    classes[version] = classes[found]
                } else {
                    if lastWith != nil {
                        sameHashBefore[version] = lastWith![hash] ?? -1
                        lastWith![hash] = version
                    }
                    classes[version] = firstOfClass.count
                    firstOfClass.append(version)
                }
            }
        }
        let (finished, made) = (rows, hasRow)
        return Expansions(classes: classes) { version, limit in
            guard made[version] else { return (0, []) }
            // Only a parameter without a default can be unset.
            let unset = model.requiredPositions.filter { finished[version * width + $0] == ValueNumbers.unset }
            return (unset.count, Array(unset.prefix(limit)))
        }
    }

    /// Each version's row as a node of a ``ValueTree``: what versions share is stored once.
    private static func tree(
        _ model: DeviceModel, from defaults: [Slot], unchecked: [Bool], skipping: (Int) -> Bool
    ) -> Expansions {
        var tree = ValueTree<Slot>(width: model.parameters.count) { $0 == .unset }
        var row = tree.row(defaults)
        // By position in `model.versions`: the version's values, or nil when not checked.
        var expansions = [ValueTree<Slot>.Node?](repeating: nil, count: model.versions.count)
        model.walkVersions(from: model.parameters.map(\.defaultValue), skipping: skipping) { position, _, value, _ in
            row = tree.replacing(position, with: slot(value, unchecked[position]), in: row)
        } visit: { version in
            expansions[version] = row
        }
        let finished = tree
        return Expansions(classes: expansions.map { $0.map(\.number) }) { version, limit in
            guard let node = expansions[version] else { return (0, []) }
            return (finished.count(in: node), finished.counted(in: node, limit: limit))
        }
    }
}
