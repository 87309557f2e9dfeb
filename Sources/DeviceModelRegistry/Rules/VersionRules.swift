/// The rules that need a model's versions expanded: `version-missing-value`
/// and `identical-versions`.
enum VersionRules {
    /// Versions whose `extends` or `set` had errors, and versions extending
    /// them, are not checked; nor are parameters whose definition had errors.
    static func check(_ decoded: DecodedModel, reader: inout SchemaReader) {
        let model = decoded.model
        let broken = decoded.brokenVersions
        reader.model = model.id
        defer { reader.model = nil }
        // Values in the model's parameter order: arrays compare faster than dictionaries.
        var expansions: [(version: ModelVersion, values: [ParameterValue?])] = []
        let defaults = model.parameters.map(\.defaultValue)
        for (position, version) in model.versions.enumerated() {
            // A repeated name was reported already; the first of the name is the one used.
            guard model.versionPosition(version.name) == position,
                let chain = model.versionChain(version.name),
                !chain.contains(where: { broken.contains($0.name) })
            else { continue }
            var values = defaults
            for link in chain {
                for setting in link.settings ?? [] {
                    if let index = model.parameterIndex[setting.parameter] { values[index] = setting.value }
                }
            }
            for (index, parameter) in model.parameters.enumerated()
            where values[index] == nil && !decoded.brokenParameters.contains(parameter.name) {
                reader.report(Diagnostic(
                    .versionMissingValue,
                    "version '\(version.name)' leaves '\(parameter.name)' unset, and it has no default",
                    at: version.location, version: version.name, parameter: parameter.name))
            }
            if version.settings != nil, let same = expansions.first(where: { $0.values == values }) {
                reader.report(Diagnostic(
                    .identicalVersions,
                    "version '\(version.name)' expands to exactly the values of version '\(same.version.name)': "
                        + "give the change a parameter, or drop 'set' to make it a synonym",
                    at: version.location, notes: [Note("version '\(same.version.name)' defined here", at: same.version.location)],
                    version: version.name))
            }
            expansions.append((version, values))
        }
    }
}
