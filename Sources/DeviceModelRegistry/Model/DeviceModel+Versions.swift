extension DeviceModel {
    /// The positions of the versions that ``walkVersions(from:skipping:change:visit:)`` visits — those
    /// whose `extends` chain resolves and that `skipping` refuses none of — in increasing order, so that
    /// a version's parent comes before it; without walking values.
    public func expandableVersions(skipping: (Int) -> Bool = { _ in false }) -> [Int] {
        var expandable = [Bool](repeating: false, count: versions.count)
        var positions: [Int] = []
        for position in versions.indices {
            let link = versionLinks[position]
            // Parents come first, so `expandable` already says whether the parent is.
            guard link == Self.root || (link >= 0 && expandable[Int(link)]), !skipping(position) else { continue }
            expandable[position] = true
            positions.append(position)
        }
        return positions
    }

    /// Walks every version's values with one row of values, depth first along `extends`:
    /// a version's values are its parent's with its own `set` on top, so entering it
    /// changes only what it sets, and leaving it changes those back. The walk ends with the
    /// last visit: what led to the last version is not changed back.
    ///
    /// No version's values are ever copied: a model of ten thousand parameters and ten
    /// thousand versions costs one row, not a hundred million values. A version is visited
    /// after its parent and before its children; siblings and roots in the model's order.
    ///
    /// Not visited: a version whose name an earlier version has (lookups find the first),
    /// one whose `extends` names no earlier version, one `skipping` refuses, and every
    /// version that extends one of these.
    ///
    /// Time O(parameters + versions + settings); memory O(parameters + versions).
    ///
    /// - Parameters:
    ///   - initial: a value (or none) for each parameter position: the row of a version without `extends`.
    ///   - skipping: positions in ``versions`` not to visit.
    ///   - change: a parameter's value is set in the row, from one value to another (an equal one when a
    ///     version sets what it inherits), by the version at this position in ``versions`` (nil: back to
    ///     its `initial` value). Provenance is the last version to set a value, equal or not.
    ///   - visit: the row holds the values of the version at this position in ``versions``.
    public func walkVersions(
        from initial: [ParameterValue?],
        skipping: (Int) -> Bool = { _ in false },
        change: (_ position: Int, _ from: ParameterValue?, _ to: ParameterValue?, _ setBy: Int?) -> Void,
        visit: (_ version: Int) -> Void
    ) {
        let count = versions.count
        // The versions' forest, children of each version listed in order: `start[v]..<start[v + 1]` in `children`.
        var parent = [Int](repeating: -1, count: count)
        var childCount = [Int](repeating: 0, count: count + 1)
        var roots: [Int] = []
        // The forest's links were resolved once, with the model: no name is hashed here.
        for position in expandableVersions(skipping: skipping) {
            let link = Int(versionLinks[position])
            if link >= 0 {
                parent[position] = link
                childCount[link] += 1
            } else {
                roots.append(position)
            }
        }
        var start = [Int](repeating: 0, count: count + 1)
        for position in 0..<count { start[position + 1] = start[position] + childCount[position] }
        var children = [Int](repeating: 0, count: start[count])
        var filled = start
        for position in 0..<count where parent[position] >= 0 {
            children[filled[parent[position]]] = position
            filled[parent[position]] += 1
        }

        // The last version visited, depth first: after it no version is entered, so nothing is undone.
        var last = roots.last
        while let version = last, start[version] < start[version + 1] { last = children[start[version + 1] - 1] }

        var row = initial
        // Which version set each position's value, if one did.
        var setBy = [Int?](repeating: nil, count: initial.count)
        // What entering each version on the stack changed: (position, the value before, who had set it).
        var undo: [Undo] = []
        var stack: [(version: Int, mark: Int, next: Int)] = []
        for root in roots {
            var entering: Int? = root
            while true {
                if let version = entering {
                    let mark = undo.count
                    for (position, value) in settings(ofVersionAt: version) {
                        undo.append(Undo(position: position, value: row[position], setBy: setBy[position]))
                        change(position, row[position], value, version)
                        row[position] = value
                        setBy[position] = version
                    }
                    visit(version)
                    if version == last { return }
                    stack.append((version, mark, start[version]))
                }
                guard let top = stack.last else { break }
                if top.next < start[top.version + 1] {
                    stack[stack.count - 1].next += 1
                    entering = children[top.next]
                } else {
                    while undo.count > top.mark {
                        let undone = undo.removeLast()
                        change(undone.position, row[undone.position], undone.value, undone.setBy)
                        row[undone.position] = undone.value
                        setBy[undone.position] = undone.setBy
                    }
                    stack.removeLast()
                    entering = nil
                }
            }
        }
    }
}

/// What entering a version changed at one position, to be undone when the walk leaves it.
/// A struct, not a tuple: an array of them is destroyed by code made for it.
private struct Undo {
    var position: Int
    var value: ParameterValue?
    var setBy: Int?
}
