/// The rules that need a model's versions expanded: `version-missing-value`
/// and `identical-versions`.
///
/// Linear in the model's size: each version's expansion is its parent's (an
/// earlier version, already expanded) with its own `set` on top, and
/// expansions are found again by hashing, not by comparing with every earlier one.
enum VersionRules {
    /// Versions whose `extends` or `set` had errors, and versions extending
    /// them, are not checked; nor are parameters whose definition had errors.
    static func check(_ decoded: DecodedModel, reader: inout SchemaReader) {
        let model = decoded.model
        reader.model = model.id
        defer { reader.model = nil }
        // By position in `model.versions`: the values in parameter order, or nil when not checked.
        var expansions: [[ParameterValue?]?] = []
        expansions.reserveCapacity(model.versions.count)
        var firstWith: [[ParameterValue?]: Int] = [:]
        let defaults = model.parameters.map(\.defaultValue)
        for (position, version) in model.versions.enumerated() {
            expansions.append(nil)
            // A repeated name was reported already; the first of the name is the one used.
            guard model.versionPosition(version.name) == position, !decoded.brokenVersions.contains(version.name) else { continue }
            var values = defaults
            if let parent = version.extends {
                // `extends` names an earlier version (or was reported and the version is broken).
                guard let parentPosition = model.versionPosition(parent), parentPosition < position,
                    let inherited = expansions[parentPosition]
                else { continue }
                values = inherited
            }
            for setting in version.settings ?? [] {
                if let index = model.parameterPosition(named: setting.parameter) { values[index] = setting.value }
            }
            expansions[position] = values
            // One finding a version, naming every parameter it leaves unset: a model with
            // thousands of both must not give millions of findings.
            let unset = model.parameters.indices.filter { index in
                values[index] == nil && !decoded.brokenParameters.contains(model.parameters[index].name)
            }
            if let first = unset.first {
                let names = unset.prefix(5).map { "'\(model.parameters[$0].name)'" }
                let more = unset.count > 5 ? " and \(unset.count - 5) more" : ""
                let message = unset.count == 1
                    ? "version '\(version.name)' leaves \(names[0]) unset, and it has no default"
                    : "version '\(version.name)' leaves \(names.joined(separator: ", "))\(more) unset, and they have no default"
                reader.report(Diagnostic(
                    .versionMissingValue, message, at: version.location, version: version.name,
                    parameter: model.parameters[first].name))
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
