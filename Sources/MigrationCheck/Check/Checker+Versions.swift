public import ConfigExpansion
public import DeviceModelRegistry

extension Checker {
    /// The expansion of each candidate version of a model, newest first, with
    /// the overrides on top; a model without versions has one candidate, no version.
    ///
    /// - Throws: ``InputError`` when an override is not a value of its parameter.
    public func candidates(_ model: DeviceModel, overrides: [Override]) throws(InputError) -> [ExpandedDevice] {
        try Expander.expandEveryVersion(model, overrides: overrides).reversed()
    }

    /// `expand --for IMPL`: the newest version `implementation` can instantiate, or,
    /// when none can, the newest version with the findings that refuse it.
    ///
    /// - Throws: ``InputError`` for an unknown model or implementation, or a bad override.
    public func expansion(
        model id: String, overrides: [Override], for implementation: String
    ) throws(InputError) -> ExpansionReport {
        let target = try Destination.resolve(argument: implementation, in: registry)
        let model = try registry.requireModel(id)
        let devices = try candidates(model, overrides: overrides)
        if let fitting = devices.first(where: { accepts($0, on: target) }) {
            return ExpansionReport(device: fitting, implementation: implementation, refusal: [])
        }
        let newest = devices[0]
        let findings = check(newest, id: model.id, on: target).findings
        return ExpansionReport(device: newest, implementation: implementation, refusal: findings)
    }
}
