public import DeviceModelRegistry

extension Rule {
    public static let deviceMissing = Rule(
        id: "device-missing", severity: .error, summary: "a device is on one side only (a renamed id counts as one missing and one extra)")
    public static let machineDiffers = Rule(
        id: "machine-differs", severity: .error, summary: "the two sides run on different machines")
    public static let vmDiffers = Rule(
        id: "vm-differs", severity: .error, summary: "the VM's memory, vCPU count, CPU model or globals differ")
    public static let modelDiffers = Rule(
        id: "model-differs", severity: .error, summary: "a device of one id is of different models on the two sides")
    public static let placementDiffers = Rule(
        id: "placement-differs", severity: .error, summary: "a device sits at a different bus or address")
    public static let valueDiffers = Rule(
        id: "value-differs", severity: .error, summary: "a parameter has different expanded values on the two sides")
    public static let valueUndetermined = Rule(
        id: "value-undetermined", severity: .warning,
        summary: "a parameter's value is decided by the VMM at start-up on one side: compare cannot tell")

    /// The rules of `compare` (SPEC 10.3); it also reports model-unknown, parameter-unknown and machine-unknown.
    public static let compareRules: [Rule] = [
        .deviceMissing, .machineDiffers, .vmDiffers, .modelDiffers, .placementDiffers, .valueDiffers, .valueUndetermined,
    ]
}
