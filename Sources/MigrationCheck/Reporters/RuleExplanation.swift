/// What `migcheck rules RULE` says about one rule: what triggers it, an example, and how to fix it.
///
/// The explanations are data (``RuleExplanation/all``, in `RuleExplanations.swift`), one for every
/// rule of ``RuleCatalogue``; tests hold the catalogue to that and run the examples to check that
/// each finding line is what migcheck prints.
public struct RuleExplanation: Sendable {
    /// The rule's id.
    public let rule: String
    /// What makes migcheck report the rule: paragraphs separated by a blank line, code in backticks.
    public let triggers: String
    public let example: RuleExample
    /// How to fix it: paragraphs as in ``triggers``.
    public let fix: String

    /// - Parameters:
    ///   - triggers: prose; a single line break is a space (so the source can be wrapped), a blank
    ///     line separates paragraphs.
    ///   - fix: prose, as `triggers`.
    public init(rule: String, triggers: String, example: RuleExample, fix: String) {
        self.rule = rule
        self.triggers = Self.unwrapped(triggers)
        self.example = example
        self.fix = Self.unwrapped(fix)
    }

    /// The explanation of the rule `id`, if there is one.
    public static func explanation(for id: String) -> RuleExplanation? {
        all.first { $0.rule == id }
    }

    /// Paragraphs on one line each, separated by a blank line.
    static func unwrapped(_ text: String) -> String {
        text.split(separator: "\n", omittingEmptySubsequences: false)
            .split { $0.allSatisfy(\.isWhitespace) }
            .map { lines in lines.map(trimmed).joined(separator: " ") }
            .joined(separator: "\n\n")
    }
}

/// A minimal case that triggers a rule: the files it needs, a command line, and the finding line
/// migcheck prints for it.
public struct RuleExample: Sendable {
    /// A file to create, relative to the folder the command runs in.
    public struct File: Sendable {
        public let path: String
        /// The contents; a final line break is added when missing.
        public let text: String

        public init(_ path: String, _ text: String) {
            self.path = path
            self.text = text.hasSuffix("\n") ? text : text + "\n"
        }
    }

    /// A symbolic link to create, relative to the same folder; its target is written as given.
    public struct Link: Sendable {
        public let path: String
        public let target: String

        public init(_ path: String, to target: String) {
            self.path = path
            self.target = target
        }
    }

    public let files: [File]
    public let links: [Link]
    /// The arguments after `migcheck`, run in the folder that holds ``files`` (where `./registry`
    /// is the registry by default).
    public let arguments: [String]
    /// The line migcheck prints for the finding, without the indentation it has under a device.
    public let finding: String

    public init(files: [File], links: [Link] = [], arguments: [String], finding: String) {
        self.files = files
        self.links = links
        self.arguments = arguments
        self.finding = finding
    }

    /// `migcheck ARGUMENTS`, each argument quoted for a POSIX shell where it needs it.
    public var commandLine: String {
        (["migcheck"] + arguments.map(Self.shellQuoted)).joined(separator: " ")
    }

    /// Whether the example starts a QEMU binary (`probe`): the finding then names that binary's version.
    public var needsQEMU: Bool { arguments.first == "probe" }

    static func shellQuoted(_ word: String) -> String {
        let plain = !word.isEmpty && word.unicodeScalars.allSatisfy {
            $0.isASCII && ($0.properties.isAlphabetic || $0.properties.numericType != nil || "._/:=,@%+-".unicodeScalars.contains($0))
        }
        return plain ? word : "'" + word.replacingAll("'", with: #"'\''"#) + "'"
    }
}

private func trimmed(_ line: Substring) -> Substring {
    var line = line
    while line.first?.isWhitespace == true { line.removeFirst() }
    while line.last?.isWhitespace == true { line.removeLast() }
    return line
}
