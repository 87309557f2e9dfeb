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

    public static let machineNotSupported = Rule(
        id: "machine-not-supported", severity: .error,
        summary: "no implementation of the destination provides the VM's machine")
    public static let modelUnknown = Rule(
        id: "model-unknown", severity: .error,
        summary: "a device read from a real VM is of a model the registry lacks: verdict unknown")
    public static let parameterUnknown = Rule(
        id: "parameter-unknown", severity: .error,
        summary: "a device read from a real VM has a property that is neither a parameter of its model nor host-side: verdict unknown")
    public static let machineUnknown = Rule(
        id: "machine-unknown", severity: .error,
        summary: "a VM read from a real one runs on a machine the registry lacks: verdict unknown")

    /// The rules of the check (SPEC 5, 10.5), in the order of their tables.
    public static let checkRules: [Rule] = [
        .modelNotImplemented, .valueNotSupported, .parameterNotSupported, .machineNotSupported,
        .modelUnknown, .parameterUnknown, .machineUnknown, .waiverUnused,
    ]
}
