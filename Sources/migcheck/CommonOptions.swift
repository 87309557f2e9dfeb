import ArgumentParser
import DeviceModelRegistry
import MigrationCheck

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// `--format`: how results are printed.
enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
    case text, json, github, sarif, csv
}

/// `--color`: when text output is coloured.
enum ColorChoice: String, ExpressibleByArgument, CaseIterable {
    case auto, always, never
}

/// The formats a command writes: its `--help` and its usage error list those, and only those.
protocol FormatChoices {
    static var formats: [OutputFormat] { get }
}

enum TextOrJSON: FormatChoices {
    static let formats: [OutputFormat] = [.text, .json]
}

/// `validate`, `diff`: findings for people, programs and code-scanning dashboards.
enum FindingsFormats: FormatChoices {
    static let formats: [OutputFormat] = [.text, .json, .github, .sarif]
}

enum MatrixFormats: FormatChoices {
    static let formats: [OutputFormat] = [.text, .json, .csv]
}

/// `probe`: github with `--verify` only.
enum ProbeFormats: FormatChoices {
    static let formats: [OutputFormat] = [.text, .json, .github]
}

/// The options every command takes; `Formats` are the command's output formats.
struct CommonOptions<Formats: FormatChoices>: ParsableArguments {
    @Option(
        name: .long,
        help: ArgumentHelp(
            "The registry directory.",
            discussion: "Default: $MIGCHECK_REGISTRY, then ./registry when it exists, then the installed share/migcheck/registry.",
            valueName: "dir"))
    var registry: String?

    /// Read as text, so that `--help` lists this command's formats, not every format of migcheck.
    @Option(name: .customLong("format"), help: ArgumentHelp(
        "Output format: " + Formats.formats.map(\.rawValue).joined(separator: ", ") + ".",
        valueName: Formats.formats.map(\.rawValue).joined(separator: "|")))
    var formatName: String = "text"

    /// The chosen format; ``requireFormat(_:)`` has refused one the command lacks.
    var format: OutputFormat {
        OutputFormat(rawValue: formatName) ?? .text
    }

    @Option(name: .long, help: "Colour text output: auto (only on a terminal, and not with NO_COLOR), always or never.")
    var color: ColorChoice = .auto

    /// The style for text on standard output.
    var style: TextStyle {
        switch color {
        case .always: TextStyle(enabled: true)
        case .never: .plain
        case .auto:
            TextStyle(enabled: Console.outputIsTerminal && (Console.environment("NO_COLOR") ?? "").isEmpty)
        }
    }

    /// The registry directory to read, as SPEC 8 looks for it.
    func registryDirectory(explicit: String? = nil) -> String {
        if let explicit { return explicit }
        if let registry { return registry }
        if let variable = Console.environment("MIGCHECK_REGISTRY"), !variable.isEmpty { return variable }
        if isDirectory("registry") { return "registry" }
        if let installed = installedRegistry(), isDirectory(installed) { return installed }
        return "registry"
    }

    /// Whether the registry directory is the installed one, found by no option, variable or `./registry`.
    var registryIsInstalledFallback: Bool {
        registry == nil && (Console.environment("MIGCHECK_REGISTRY") ?? "").isEmpty && !isDirectory("registry")
    }

    /// `<prefix>/share/migcheck/registry`, for a binary installed as `<prefix>/bin/migcheck`.
    private func installedRegistry() -> String? {
        var buffer = [CChar](repeating: 0, count: 4096)
        let count = readlink("/proc/self/exe", &buffer, buffer.count - 1)
        guard count > 0 else { return nil }
        let executable = String(decoding: buffer[0..<count].map { UInt8(bitPattern: $0) }, as: UTF8.self)
        // <prefix>/bin/migcheck → <prefix>/share/migcheck/registry
        let components = executable.split(separator: "/", omittingEmptySubsequences: false).dropLast(2)
        guard !components.isEmpty else { return nil }
        return components.joined(separator: "/") + "/share/migcheck/registry"
    }

    private func isDirectory(_ path: String) -> Bool {
        var info = stat()
        return PathBytes.cString(path).withUnsafeBufferPointer { stat($0.baseAddress!, &info) } == 0
            && (info.st_mode & S_IFMT) == S_IFDIR
    }

    /// The registry, which must be valid for the command to go on.
    ///
    /// - Throws: ``InputError`` when it cannot be read or has errors (exit 2).
    func loadRegistry() throws(InputError) -> Registry {
        try valid(RegistryLoader.load(directory: registryDirectory()))
    }

    /// The answer to a question about a few registry ids (`check`, `expand`, `baseline`).
    ///
    /// A large registry (over ``RegistryLoader/focusThreshold``) is read in part, for the
    /// ids the question names (`ids`, nil when it cannot tell them without reading the
    /// whole registry), and the question answered from that part. Anything wrong there —
    /// an error in what was read, an unknown id — asks the question again of the whole
    /// registry, so that trouble is reported exactly as without the shortcut.
    ///
    /// - Parameter question: run once or twice: it must not write anything.
    func answer<Answer>(
        naming ids: () -> [String]?, _ question: (Registry) throws(InputError) -> Answer
    ) throws(InputError) -> Answer {
        if let ids = ids(), let loaded = try? RegistryLoader.load(directory: registryDirectory(), focus: RegistryFocus(ids)) {
            guard loaded.isPartial else { return try question(try valid(loaded)) }
            if loaded.isValid, let answer = try? question(loaded.registry) { return answer }
        }
        return try question(loadRegistry())
    }

    /// The registry, when it has no error.
    private func valid(_ loaded: LoadedRegistry) throws(InputError) -> Registry {
        let directory = loaded.registry.directory ?? registryDirectory()
        if let problem = loaded.diagnostics.first(where: { $0.severity == .error }) {
            let count = loaded.diagnostics.count { $0.severity == .error }
            throw InputError(
                "the registry has \(count) \(plural(count, "error")), the first: \(problem.message) [\(problem.rule)]; "
                    + "run 'migcheck validate \(directory)'",
                at: problem.location)
        }
        return loaded.registry
    }

    /// The reporter of findings (`validate`, `diff`) for the chosen format.
    var findingsReporter: any FindingsReporter {
        switch format {
        case .json: JSONFindingsReporter()
        case .github: GitHubFindingsReporter()
        case .sarif: SARIFFindingsReporter(toolVersion: Migcheck.version)
        case .text, .csv: TextFindingsReporter(style: style)
        }
    }

    /// Refuses the formats a command has no output for.
    func requireFormat(_ formats: [OutputFormat] = Formats.formats) throws {
        guard let chosen = OutputFormat(rawValue: formatName), formats.contains(chosen) else {
            let names = formats.map(\.rawValue)
            throw ValidationError(
                "--format \(formatName) is not an output of this command: use "
                    + names.dropLast().joined(separator: ", ") + " or " + names.last!)
        }
    }

    /// Prints trouble in the chosen format and exits 2 (SPEC 8: JSON is printed also then; SARIF
    /// too, as an unsuccessful invocation, so that an upload to a dashboard shows the trouble).
    func fail(_ error: InputError) -> ExitCode {
        if format == .json {
            Console.out(ErrorReport.json(error))
        } else if format == .sarif {
            Console.out(SARIFFindingsReporter(toolVersion: Migcheck.version).render(error))
        }
        Console.err(ErrorReport.text(error))
        return ExitCode(2)
    }
}
