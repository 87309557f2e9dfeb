import ConfigExpansion
import DeviceModelRegistry

/// Works out the fixes of SPEC 5 for one refused device on one destination.
///
/// Two ways out: run the source device with the parameter at a supported
/// value, together with the newest version of the model the destination
/// accepts (a guest-visible change); or pick a destination with an
/// implementation that accepts the device as configured.
struct FixAdvisor {
    let device: ExpandedDevice
    let destination: Destination
    /// The newest version whose expansion the destination accepts.
    let version: String?
    /// Implementations of the registry accepting the device as configured, in registry order.
    let implementations: [String]
    /// The way out that every fix ends with: another destination.
    private let elsewhere: String

    /// - Parameters:
    ///   - version: the newest version whose expansion one of the destination's implementations of the model accepts.
    ///   - implementations: the registry's implementations that accept the device as configured, in registry order.
    init(device: ExpandedDevice, destination: Destination, version: String?, implementations: [String]) {
        self.device = device
        self.destination = destination
        self.version = version
        self.implementations = implementations
        elsewhere = implementations.isEmpty
            ? "no implementation in the registry accepts the device as configured"
            : "migrate to a destination with " + Self.list(implementations)
    }

    func fix(for finding: CheckFinding) -> Fix {
        var ways: [String] = []
        var values: String?
        if let parameterName = finding.parameter, let parameter = device.model.parameter(named: parameterName) {
            if finding.rule == Rule.valueNotSupported.id {
                values = finding.supported
                ways.append("run '\(parameterName)' at a value '\(finding.implementation ?? destination.name)' supports, \(finding.supported ?? "")")
            } else if let defaultValue = parameter.defaultValue {
                values = defaultValue.description
                ways.append("run '\(parameterName)' at its default \(defaultValue.quoted)")
            }
        }
        if let version {
            let change = "version '\(version)' is the newest whose expansion '\(destination.name)' accepts"
            ways = ways.isEmpty ? ["create the device with version '\(version)', the newest '\(destination.name)' accepts"]
                : ways.map { $0 + " (\(change))" }
        }
        if !ways.isEmpty {
            ways[ways.count - 1] += " — a guest-visible change: restart the VM or re-plug the device"
        }
        ways.append(elsewhere)
        return Fix(
            parameter: values == nil ? nil : finding.parameter, values: values, version: version,
            implementations: implementations, description: ways.joined(separator: "; or "))
    }

    /// `a`, `a or b`, `a, b or c`.
    static func list(_ items: [String]) -> String {
        let quoted = items.map { "'\($0)'" }
        guard quoted.count > 1 else { return quoted.first ?? "" }
        return quoted.dropLast().joined(separator: ", ") + " or " + quoted.last!
    }
}
