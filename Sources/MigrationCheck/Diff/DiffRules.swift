public import DeviceModelRegistry

extension Rule {
    public static let modelRemoved = Rule(
        id: "model-removed", severity: .error,
        summary: "a model disappeared")
    public static let versionRemoved = Rule(
        id: "version-removed", severity: .error,
        summary: "a version disappeared")
    public static let versionChanged = Rule(
        id: "version-changed", severity: .error,
        summary: "a version now expands to different values (the message names them, old → new)")
    public static let parameterRemoved = Rule(
        id: "parameter-removed", severity: .error,
        summary: "a parameter disappeared")
    public static let parameterTypeChanged = Rule(
        id: "parameter-type-changed", severity: .error,
        summary: "a parameter changed type")
    public static let defaultChanged = Rule(
        id: "default-changed", severity: .error,
        summary: "a default changed, was added or was removed")
    public static let domainNarrowed = Rule(
        id: "domain-narrowed", severity: .error,
        summary: "values that were valid no longer are (the message names them)")
    public static let parameterAddedWithoutDefault = Rule(
        id: "parameter-added-without-default", severity: .error,
        summary: "a parameter without a default was added: existing configurations can no longer be expanded")
    public static let implementationRemoved = Rule(
        id: "implementation-removed", severity: .warning,
        summary: "an implementation disappeared")
    public static let implementationNarrowed = Rule(
        id: "implementation-narrowed", severity: .warning,
        summary: "an implementation no longer claims a model, parameter or value it claimed")
    public static let versionOrderChanged = Rule(
        id: "version-order-changed", severity: .warning,
        summary: "versions were reordered (changes what \"newest\" means)")
    public static let modelAdded = Rule(
        id: "model-added", severity: .info,
        summary: "a model appeared")
    public static let versionAdded = Rule(
        id: "version-added", severity: .info,
        summary: "a version appeared")
    public static let parameterAdded = Rule(
        id: "parameter-added", severity: .info,
        summary: "a parameter with a default appeared: configurations that worked before still expand")
    public static let domainWidened = Rule(
        id: "domain-widened", severity: .info,
        summary: "values that were not valid now are (the message names them)")
    public static let implementationAdded = Rule(
        id: "implementation-added", severity: .info,
        summary: "an implementation appeared")
    public static let implementationWidened = Rule(
        id: "implementation-widened", severity: .info,
        summary: "an implementation now claims a model, parameter or value it did not")

    public static let machineRemoved = Rule(
        id: "machine-removed", severity: .error,
        summary: "a machine disappeared: VMs on it can no longer be expanded or checked")
    public static let machineChanged = Rule(
        id: "machine-changed", severity: .error,
        summary: "a machine now maps some model to another version (the message names them)")
    public static let machineAdded = Rule(
        id: "machine-added", severity: .info,
        summary: "a machine appeared")

    /// The rules of `migcheck diff` (SPEC 7, 10.1): the table's, in its order, then the
    /// `info` rules for additions.
    public static let diffRules: [Rule] = [
        .modelRemoved, .versionRemoved, .versionChanged, .parameterRemoved, .parameterTypeChanged,
        .defaultChanged, .domainNarrowed, .parameterAddedWithoutDefault, .implementationRemoved,
        .implementationNarrowed, .versionOrderChanged, .machineRemoved, .machineChanged,
        .modelAdded, .machineAdded, .versionAdded, .parameterAdded, .domainWidened, .implementationAdded, .implementationWidened,
    ]
}
