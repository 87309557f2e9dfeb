/// The rules that need a model's versions expanded: `version-missing-value`
/// and `identical-versions`.
///
/// Linear in the model's size, not in versions × parameters: the versions are walked along
/// `extends` with one row of values (``DeviceModel/walkVersions(from:skipping:change:visit:)``),
/// and each version's values kept as a node of a ``ValueTree``, which costs what its `set`
/// changes. Equal expansions are one node, so identical versions are found exactly, by the
/// node, and the parameters a version leaves unset are counted in the tree.
enum VersionRules {
    /// A parameter's value in a version's expansion.
    private enum Slot: Hashable {
        case value(ParameterValue)
        /// No value: the parameter has no default and nothing set it.
        case unset
        /// No value, for a parameter whose definition had errors: not reported.
        case unchecked
    }

    /// Versions whose `extends` or `set` had errors, and versions extending
    /// them, are not checked; nor are parameters whose definition had errors.
    static func check(_ decoded: DecodedModel, reader: inout SchemaReader) {
        let model = decoded.model
        reader.model = model.id
        defer { reader.model = nil }
        guard !model.versions.isEmpty else { return }
        let defaults = model.parameters.map(\.defaultValue)
        let unchecked = model.parameters.map { decoded.brokenParameters.contains($0.name) }
        func slot(_ value: ParameterValue?, at position: Int) -> Slot {
            value.map(Slot.value) ?? (unchecked[position] ? .unchecked : .unset)
        }
        var tree = ValueTree<Slot>(width: model.parameters.count) { $0 == .unset }
        var row = tree.row(defaults.enumerated().map { slot($1, at: $0) })
        // By position in `model.versions`: the version's values, or nil when not checked.
        var expansions = [ValueTree<Slot>.Node?](repeating: nil, count: model.versions.count)
        // A repeated name was reported already; the first of the name is the one walked.
        model.walkVersions(from: defaults, skipping: { decoded.brokenVersions.contains(model.versions[$0].name) }) { position, _, value, _ in
            row = tree.replacing(position, with: slot(value, at: position), in: row)
        } visit: { version in
            expansions[version] = row
        }
        var firstWith: [ValueTree<Slot>.Node: Int] = [:]
        for (position, version) in model.versions.enumerated() {
            guard let values = expansions[position] else { continue }
            // One finding a version, naming every parameter it leaves unset: a model with
            // thousands of both must not give millions of findings.
            let count = tree.count(in: values)
            if count > 0 {
                let unset = tree.counted(in: values, limit: 5)
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
                guard version.settings != nil else { continue }
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
}
