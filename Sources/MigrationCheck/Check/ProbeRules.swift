public import DeviceModelRegistry

extension Rule {
    public static let probeParameterAbsent = Rule(
        id: "probe-parameter-absent", severity: .error,
        summary: "the registry claims a parameter for the implementation that its binary lacks")
    public static let probeParameterUnclaimed = Rule(
        id: "probe-parameter-unclaimed", severity: .warning,
        summary: "the binary has a parameter of a registry model that the implementation's entry does not list")
    public static let probeModelAbsent = Rule(
        id: "probe-model-absent", severity: .error,
        summary: "the registry claims a model for the implementation that its binary lacks")
    public static let probeMachineAbsent = Rule(
        id: "probe-machine-absent", severity: .error,
        summary: "the registry claims a machine for the implementation that its binary lacks")
    public static let probeValueDiffers = Rule(
        id: "probe-value-differs", severity: .error,
        summary: "a device created on a machine has a property value other than the one the machine's version expands to")

    /// The rules of `probe --verify` (SPEC 10.4).
    public static let probeRules: [Rule] = [
        .probeParameterAbsent, .probeParameterUnclaimed, .probeModelAbsent, .probeMachineAbsent, .probeValueDiffers,
    ]
}
