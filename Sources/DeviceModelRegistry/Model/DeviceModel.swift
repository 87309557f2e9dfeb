/// A guest-visible device interface and its state representation (SPEC 2.5).
///
/// A class: every expanded device refers to its model, and checks hand devices
/// around by the hundred thousand; a reference costs one count, a copy of all
/// these tables several.
public final class DeviceModel: Sendable {
    public let id: String
    public let description: String?
    /// In the order written: the order of expansion and of the check.
    public let parameters: [Parameter]
    /// Oldest first: the last is the newest.
    public let versions: [ModelVersion]
    /// Where the model id is written.
    public let location: SourceLocation
    /// Properties that only wire the device to the host (SPEC 10.2): read from a real VM, they are dropped.
    public let hostSide: [String]

    /// Parameter name → index in `parameters`.
    let parameterIndex: NameTable
    /// The positions of the parameters with no default, which every implementation must recognise.
    let requiredPositions: [Int]
    private let versionIndex: NameTable
    /// By version, its settings with the position of their parameter, those of parameters the model
    /// lacks left out: an expansion places values without hashing a name.
    private let placedSettings: [(position: Int, value: ParameterValue)]
    /// Where each version's settings start in ``placedSettings``, and where the last one's end: one
    /// array for all versions, not an array each.
    private let placedStarts: [Int32]
    /// By version: its parent's position (``extends``), or ``root``, or ``notWalked`` (a repeated name, or an
    /// `extends` naming no earlier version): the versions' forest without hashing a name.
    let versionLinks: [Int32]
    static let root: Int32 = -1
    static let notWalked: Int32 = -2

    /// - Parameters:
    ///   - parameters: names must be unique (the first of a repeated name is kept).
    ///   - versions: names should be unique; lookups find the first.
    public convenience init(
        id: String, description: String? = nil, parameters: [Parameter], versions: [ModelVersion],
        hostSide: [String] = [], location: SourceLocation
    ) {
        self.init(
            id: id, description: description, parameters: parameters,
            parameterIndex: NameTable(parameters.map(\.name)),
            versions: versions, hostSide: hostSide, location: location)
    }

    /// Whether a property is one that only wires the device to the host.
    public func isHostSide(_ property: String) -> Bool {
        hostSide.contains(property)
    }

    /// The position of a parameter in ``parameters``.
    public func parameterPosition(named name: String) -> Int? {
        parameterIndex.position(of: name) { parameters[$0].name == name }
    }

    /// The same model with other versions, its parameter index kept.
    func with(versions: [ModelVersion]) -> DeviceModel {
        DeviceModel(
            id: id, description: description, parameters: parameters, parameterIndex: parameterIndex, versions: versions,
            hostSide: hostSide, location: location)
    }

    /// - Parameters:
    ///   - parameterIndex: the parameters' names, as ``NameTable`` makes it of them.
    ///   - settingPositions: when the caller found them already, the position in `parameters` of each
    ///     version's settings, in order (every setting names a parameter of the model).
    init(
        id: String, description: String?, parameters: [Parameter], parameterIndex: NameTable, versions: [ModelVersion],
        hostSide: [String], location: SourceLocation, settingPositions: [Int]? = nil
    ) {
        self.hostSide = hostSide
        self.id = id
        self.description = description
        self.parameters = parameters
        self.parameterIndex = parameterIndex
        requiredPositions = parameters.indices.filter { parameters[$0].defaultValue == nil }
        self.versions = versions
        self.location = location
        let versionIndex = NameTable(versions.map(\.name))
        self.versionIndex = versionIndex
        func versionAt(_ name: String) -> Int? { versionIndex.position(of: name) { versions[$0].name == name } }
        var links: [Int32] = []
        links.reserveCapacity(versions.count)
        // By position, not `for version in versions`: each version would be copied, its fields retained.
        for position in versions.indices {
            // With no name written twice, every version is the first of its name.
            guard !versionIndex.hasRepeats || versionAt(versions[position].name) == position else {
                links.append(Self.notWalked)
                continue
            }
            guard let parent = versions[position].extends else {
                links.append(Self.root)
                continue
            }
            guard let up = versionAt(parent), up < position else {
                links.append(Self.notWalked)
                continue
            }
            links.append(Int32(up))
        }
        versionLinks = links
        var placed: [(position: Int, value: ParameterValue)] = []
        var starts: [Int32] = []
        placed.reserveCapacity(versions.reduce(0) { $0 + ($1.settings?.count ?? 0) })
        starts.reserveCapacity(versions.count + 1)
        var given = settingPositions?.makeIterator()
        for position in versions.indices {
            starts.append(Int32(placed.count))
            for setting in versions[position].settings ?? [] {
                let name = setting.parameter
                let found = given == nil ? parameterIndex.position(of: name) { parameters[$0].name == name } : given!.next()
                if let position = found {
                    placed.append((position, setting.value))
                }
            }
        }
        starts.append(Int32(placed.count))
        placedSettings = placed
        placedStarts = starts
    }

    /// How many values the versions set, those of parameters the model lacks left out.
    var placedSettingsCount: Int { placedSettings.count }

    /// The values a version sets (the version at `position` in ``versions``), in order, each with the
    /// position of its parameter in ``parameters``; a setting of a parameter the model lacks is left out.
    public func settings(ofVersionAt position: Int) -> ArraySlice<(position: Int, value: ParameterValue)> {
        placedSettings[Int(placedStarts[position])..<Int(placedStarts[position + 1])]
    }

    public func parameter(named name: String) -> Parameter? {
        parameterPosition(named: name).map { parameters[$0] }
    }

    public func version(named name: String) -> ModelVersion? {
        versionPosition(name).map { versions[$0] }
    }

    /// The position of a version in the list (0 is the oldest).
    public func versionPosition(_ name: String) -> Int? {
        versionIndex.position(of: name) { versions[$0].name == name }
    }

    /// The `extends` chain of a version, root first, ending with the version itself.
    ///
    /// - Returns: nil when the version is unknown or its chain names a version
    ///   that is not an earlier one (a registry that validates has no such chain).
    public func versionChain(_ name: String) -> [ModelVersion]? {
        versionChainPositions(name).map { positions in positions.map { versions[$0] } }
    }

    /// The positions in ``versions`` of ``versionChain(_:)``: the chain without a copy of each version.
    public func versionChainPositions(_ name: String) -> [Int]? {
        guard var position = versionPosition(name) else { return nil }
        var chain = [position]
        while let parent = versions[position].extends {
            guard let parentPosition = versionPosition(parent), parentPosition < position else { return nil }
            position = parentPosition
            chain.append(position)
        }
        return chain.reversed()
    }
}
