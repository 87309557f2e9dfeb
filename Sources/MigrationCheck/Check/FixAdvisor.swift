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
    /// Implementations of the registry accepting the device as configured, in natural order (9.2 before 10.2).
    let implementations: [String]
    /// The way out that every fix ends with: another destination.
    private let elsewhere: String

    /// - Parameters:
    ///   - version: the newest version whose expansion one of the destination's implementations of the model accepts.
    ///   - implementations: the registry's implementations that accept the device as configured, in natural order.
    init(device: ExpandedDevice, destination: Destination, version: String?, implementations: [String]) {
        self.device = device
        self.destination = destination
        self.version = version
        self.implementations = implementations
        elsewhere = implementations.isEmpty
            ? "no implementation in the registry accepts the device as configured"
            : "migrate to a destination with " + Self.list(self.implementations)
    }

    func fix(for finding: CheckFinding) -> Fix {
        var ways: [String] = []
        var values: Supported?
        if let parameterName = finding.parameter, let parameter = device.model.parameter(named: parameterName) {
            if finding.rule == Rule.valueNotSupported.id {
                values = finding.supported
                ways.append("run '\(parameterName)' at a value '\(finding.implementation ?? destination.name)' supports, \(finding.supported?.description ?? "")")
            } else if let defaultValue = parameter.defaultValue {
                values = .onlyDefault(defaultValue)
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

    /// The whole change that makes a refused device compatible, from its findings' fixes: the
    /// newest version the destination accepts (and the device's own overrides that it refuses),
    /// or every parameter to change; or another destination.
    ///
    /// - Parameter current: the device's version: no fix asks to create it with the version it has.
    static func whole(_ findings: [CheckFinding], destination: String, current: String? = nil) -> Fix? {
        let fixes = findings.filter { !$0.waived }.compactMap { finding in finding.fix.map { (finding, $0) } }
        guard !fixes.isEmpty else { return nil }
        let version = fixes.lazy.compactMap(\.1.version).first.flatMap { $0 == current ? nil : $0 }
        let implementations = fixes.first { !$0.1.implementations.isEmpty }?.1.implementations ?? []
        var settings: [String] = []
        // Parameters that must take a value from the same set are named together.
        var groups: [(whose: String, domain: Domain, parameters: [String])] = []
        var seen: Set<String> = []
        for (finding, fix) in fixes {
            guard let parameter = fix.parameter, let values = fix.values, seen.insert(parameter).inserted else { continue }
            // A version change resets what the versions set; the device's own overrides and the
            // host's narrowing stay to be changed.
            guard version == nil || finding.provenance == .override || finding.provenance == .observed || finding.narrowedBy != nil
            else { continue }
            switch values {
            case .onlyDefault(let value): settings.append("'\(parameter)' at its default \(value.quoted)")
            case .domain(let domain):
                let whose = finding.narrowedBy.map { "host '\($0)'" } ?? "'\(finding.implementation ?? destination)'"
                if let index = groups.firstIndex(where: { $0.whose == whose && $0.domain == domain }) {
                    groups[index].parameters.append(parameter)
                } else {
                    groups.append((whose, domain, [parameter]))
                }
            case .nothing: continue
            }
        }
        for group in groups {
            let values = group.parameters.count == 1 ? "a value" : "values"
            settings.append("\(list(group.parameters, joinedBy: "and")) at \(values) \(group.whose) supports, \(group.domain)")
        }
        var ways: [String] = []
        var change: [String] = []
        if let version { change.append("create it with version '\(version)', the newest '\(destination)' accepts") }
        if !settings.isEmpty { change.append("run " + settings.joined(separator: ", ")) }
        if !change.isEmpty {
            ways.append(change.joined(separator: " and ") + " — a guest-visible change: restart the VM or re-plug the device")
        }
        if !implementations.isEmpty {
            ways.append("move it to a destination with " + list(implementations))
        } else if fixes.contains(where: { $0.0.narrowedBy != nil }) {
            ways.append("move it to a host that does not narrow it")
        } else if ways.isEmpty {
            ways.append("no implementation in the registry accepts the device as configured")
        }
        return Fix(
            parameter: nil, values: nil, version: version, implementations: implementations,
            description: ways.joined(separator: "; or "))
    }

    /// `'a'`, `'a' or 'b'`, `'a', 'b' or 'c'` (or joined by `and`).
    static func list(_ items: [String], joinedBy word: String = "or") -> String {
        let quoted = items.map { "'\($0)'" }
        guard quoted.count > 1 else { return quoted.first ?? "" }
        return quoted.dropLast().joined(separator: ", ") + " \(word) " + quoted.last!
    }
}
