/// The rules that need a model's versions expanded: `version-missing-value`
/// and `identical-versions`.
///
/// Linear in the model's size, not in versions × parameters: the versions are walked along
/// `extends` with one row of values (``DeviceModel/walkVersions(from:skipping:change:visit:)``).
/// A model of usual size (versions × parameters up to 65,536) keeps each version's row and
/// compares rows. A larger one keeps each version's values as a node of a ``ValueTree``,
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
            ? rows(model, from: slots, unchecked: unchecked, skipping: skipping)
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

    /// A slot's share of its row's hash: cheap for the bools and ints most values are (a mix of
    /// SplitMix64), the standard hash for text.
    private static func quickHash(_ slot: Slot, at position: Int) -> UInt64 {
        var word: UInt64
        switch slot {
        case .unset: word = 0x1
        case .unchecked: word = 0x2
        case .value(.bool(let flag)): word = flag ? 0x3 : 0x4
        case .value(.int(let int)): word = UInt64(bitPattern: int) &* 0x9E37_79B9_7F4A_7C15 &+ 0x5
        case .value(.string(let text)): word = UInt64(bitPattern: Int64(text.hashValue)) &+ 0x6
        }
        word ^= UInt64(position) &* 0xBF58_476D_1CE4_E5B9
        word = (word ^ (word >> 30)) &* 0xBF58_476D_1CE4_E5B9
        word = (word ^ (word >> 27)) &* 0x94D0_49BB_1331_11EB
        return word ^ (word >> 31)
    }

    /// Each version's row kept whole: for models whose versions × parameters is small. A version
    /// extends an earlier one, so the rows are made in order, each from its parent's; rows are told
    /// apart by a hash, and compared whole only when their hashes are equal.
    ///
    /// The rows are one buffer, a version's at its position times the row's width: one allocation
    /// for the model, not one a version.
    private static func rows(
        _ model: DeviceModel, from defaults: [Slot], unchecked: [Bool], skipping: (Int) -> Bool
    ) -> Expansions {
        let width = defaults.count
        var rows = [Slot](repeating: .unset, count: model.versions.count * width)
        var hasRow = [Bool](repeating: false, count: model.versions.count)
        func row(_ version: Int) -> Range<Int> { version * width..<(version + 1) * width }
        // A row's hash is the sum of its slots' hashes, so a version's is its parent's plus what its
        // `set` changes: O(settings) a version, not O(parameters).
        var hashes = [UInt64](repeating: 0, count: model.versions.count)
        let rootHash = defaults.indices.reduce(UInt64(0)) { $0 &+ quickHash(defaults[$1], at: $1) }
        var classes = [Int?](repeating: nil, count: model.versions.count)
        // The versions of each hash, as a chain: the last version with the hash, and from each
        // version the one before it with the same hash (-1 for none).
        var lastWith: [UInt64: Int] = [:]
        lastWith.reserveCapacity(model.versions.count)
        var sameHashBefore = [Int](repeating: -1, count: model.versions.count)
        var count = 0
        for version in model.expandableVersions(skipping: skipping) {
            let start = version * width
            var hash = rootHash
            let parent = Int(model.versionLinks[version])
            if parent >= 0 {
                for offset in 0..<width { rows[start + offset] = rows[parent * width + offset] }
                hash = hashes[parent]
            } else {
                for offset in 0..<width { rows[start + offset] = defaults[offset] }
            }
            for (position, value) in model.settings(ofVersionAt: version) {
                let slot = Slot.value(value)
                hash = hash &- quickHash(rows[start + position], at: position) &+ quickHash(slot, at: position)
                rows[start + position] = slot
            }
            hasRow[version] = true
            var same = lastWith[hash] ?? -1
            while same >= 0 && !rows[row(same)].elementsEqual(rows[row(version)]) { same = sameHashBefore[same] }
            if same >= 0 {
                classes[version] = classes[same]
            } else {
                sameHashBefore[version] = lastWith[hash] ?? -1
                lastWith[hash] = version
                classes[version] = count
                count += 1
            }
            hashes[version] = hash
        }
        let (finished, made) = (rows, hasRow)
        return Expansions(classes: classes) { version, limit in
            guard made[version] else { return (0, []) }
            // Only a parameter without a default can be unset.
            let unset = model.requiredPositions.filter { if case .unset = finished[version * width + $0] { true } else { false } }
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
