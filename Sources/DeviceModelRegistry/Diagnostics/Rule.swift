/// A rule of the catalogue: a stable id (SPEC 2.7, 5, 7), its severity and what it is about.
///
/// Rule ids are never renamed and never reused.
public struct Rule: Hashable, Sendable {
    public let id: String
    public let severity: Severity
    public let summary: String

    public init(id: String, severity: Severity, summary: String) {
        self.id = id
        self.severity = severity
        self.summary = summary
    }
}

extension Rule {
    public static let yamlSyntax = Rule(
        id: "yaml-syntax", severity: .error,
        summary: "libyaml rejected the text (the message carries libyaml's problem and context)")
    public static let unsupportedYAML = Rule(
        id: "unsupported-yaml", severity: .error,
        summary: "anchor, alias, merge key, tag, nesting too deep, file too large")
    public static let duplicateKey = Rule(
        id: "duplicate-key", severity: .error,
        summary: "a key repeated in one mapping (a note points at the first)")
    public static let unknownKey = Rule(
        id: "unknown-key", severity: .error,
        summary: "a key the schema does not define (the closest known key is suggested)")
    public static let missingKey = Rule(
        id: "missing-key", severity: .error,
        summary: "a required key is absent")
    public static let wrongType = Rule(
        id: "wrong-type", severity: .error,
        summary: "a node of the wrong kind, or a scalar that is not a value of the expected type")
    public static let unknownDocument = Rule(
        id: "unknown-document", severity: .error,
        summary: "a document that is not exactly one of a model, an implementation and a machine")
    public static let invalidID = Rule(
        id: "invalid-id", severity: .error,
        summary: "a model, implementation, parameter, version or enum value name breaks the identifier syntax")
    public static let duplicateModel = Rule(
        id: "duplicate-model", severity: .error,
        summary: "two documents define one model id (a note points at the first)")
    public static let duplicateImplementation = Rule(
        id: "duplicate-implementation", severity: .error,
        summary: "two documents define one implementation id")
    public static let duplicateVersion = Rule(
        id: "duplicate-version", severity: .error,
        summary: "a version name used twice in one model")
    public static let invalidDomain = Rule(
        id: "invalid-domain", severity: .error,
        summary: "empty allowed, min > max, duplicate items or enum values, values on a non-enum, enum without values, allowed outside the type's values")
    public static let defaultNotAllowed = Rule(
        id: "default-not-allowed", severity: .error,
        summary: "a default outside its parameter's domain")
    public static let unknownParameter = Rule(
        id: "unknown-parameter", severity: .error,
        summary: "a version or implementation names a parameter the model lacks")
    public static let valueNotAllowed = Rule(
        id: "value-not-allowed", severity: .error,
        summary: "a version sets a value outside the parameter's domain")
    public static let unknownExtends = Rule(
        id: "unknown-extends", severity: .error,
        summary: "extends names no earlier version of the same model, or machines extend each other in a cycle")
    public static let versionMissingValue = Rule(
        id: "version-missing-value", severity: .error,
        summary: "a version leaves a parameter without default unset")
    public static let identicalVersions = Rule(
        id: "identical-versions", severity: .warning,
        summary: "a version with a set key expands to exactly the values of an earlier version")
    public static let unknownModel = Rule(
        id: "unknown-model", severity: .error,
        summary: "an implementation or a machine names a model the registry lacks")
    public static let allowedOutsideDomain = Rule(
        id: "allowed-outside-domain", severity: .error,
        summary: "an implementation allows values outside the model's domain")
    public static let missingRequiredParameter = Rule(
        id: "missing-required-parameter", severity: .error,
        summary: "an implementation omits a parameter that has no default")
    public static let defaultUnsupported = Rule(
        id: "default-unsupported", severity: .warning,
        summary: "an implementation cannot run a parameter at its default, so it cannot take devices from releases that predate the parameter")
    public static let unreadableFile = Rule(
        id: "unreadable-file", severity: .error,
        summary: "a file or folder below the registry that cannot be read: permissions, a symlink loop, not a regular file")

    public static let unknownMachine = Rule(
        id: "unknown-machine", severity: .error,
        summary: "a machine's extends or an implementation's machines names a machine the registry lacks")
    public static let duplicateMachine = Rule(
        id: "duplicate-machine", severity: .error,
        summary: "two documents define one machine id")
    public static let unknownVersion = Rule(
        id: "unknown-version", severity: .error,
        summary: "a machine maps a model to a version that model lacks")

    /// The registry validation rules of SPEC 2.7, in the order the spec lists them.
    public static let registryRules: [Rule] = [
        .yamlSyntax, .unsupportedYAML, .duplicateKey, .unknownKey, .missingKey, .wrongType,
        .unknownDocument, .invalidID, .duplicateModel, .duplicateImplementation, .duplicateVersion,
        .invalidDomain, .defaultNotAllowed, .unknownParameter, .valueNotAllowed, .unknownExtends,
        .versionMissingValue, .identicalVersions, .unknownModel, .allowedOutsideDomain,
        .missingRequiredParameter, .defaultUnsupported, .unreadableFile,
        .unknownMachine, .duplicateMachine, .unknownVersion,
    ]
}
