public import DeviceModelRegistry

extension Rule {
    public static let modelNotImplemented = Rule(
        id: "model-not-implemented", severity: .error,
        summary: "no implementation of the destination implements the device's model")
    public static let valueNotSupported = Rule(
        id: "value-not-supported", severity: .error,
        summary: "the destination recognises the parameter but does not support the device's value")
    public static let parameterNotSupported = Rule(
        id: "parameter-not-supported", severity: .error,
        summary: "the destination does not recognise the parameter, and the device's value is not its default")

    /// The rules of the check (SPEC 5), in the order of its table.
    public static let checkRules: [Rule] = [.modelNotImplemented, .valueNotSupported, .parameterNotSupported]
}
