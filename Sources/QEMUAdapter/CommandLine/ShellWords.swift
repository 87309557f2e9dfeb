public import DeviceModelRegistry

/// Splits command-line text the way a POSIX shell does, and finds QEMU's command in it (SPEC 10.2).
enum ShellWords {
    /// The words of one line: blanks separate them; single quotes keep everything, double
    /// quotes keep all but `\"`, `\\`, `\$` and `` \` ``, and a backslash outside quotes keeps
    /// the next character.
    ///
    /// - Returns: nil when a quote is not closed.
    static func split(_ line: Substring) -> [String]? {
        var words: [String] = []
        var word = ""
        var inWord = false
        var iterator = line.makeIterator()
        while let character = iterator.next() {
            switch character {
            case " ", "\t":
                if inWord { words.append(word); word = ""; inWord = false }
            case "'":
                inWord = true
                var closed = false
                while let next = iterator.next() {
                    if next == "'" { closed = true; break }
                    word.append(next)
                }
                if !closed { return nil }
            case "\"":
                inWord = true
                var closed = false
                while let next = iterator.next() {
                    if next == "\"" { closed = true; break }
                    if next == "\\" {
                        guard let escaped = iterator.next() else { return nil }
                        if !"\"\\$`".contains(escaped) { word.append("\\") }
                        word.append(escaped)
                        continue
                    }
                    word.append(next)
                }
                if !closed { return nil }
            case "\\":
                inWord = true
                if let escaped = iterator.next() { word.append(escaped) }
            default:
                inWord = true
                word.append(character)
            }
        }
        if inWord { words.append(word) }
        return words
    }

    /// Whether a word names a QEMU binary: it ends in `qemu-system-<arch>` or `qemu-kvm`.
    static func isQEMUBinary(_ word: String) -> Bool {
        let name = word.split(separator: "/").last.map(String.init) ?? word
        if name == "qemu-kvm" { return true }
        guard name.hasPrefix("qemu-system-") else { return false }
        // The architecture: x86_64, aarch64, s390x... (`qemu-system-x86_64:` starts one of QEMU's messages).
        let arch = name.dropFirst("qemu-system-".count)
        return !arch.isEmpty && arch.allSatisfy { $0 == "_" || $0.isASCII && ($0.isLetter || $0.isNumber) }
    }

    /// Whether a word is an environment assignment, `NAME=value`.
    static func isAssignment(_ word: String) -> Bool {
        guard let equals = word.firstIndex(of: "="), equals != word.startIndex else { return false }
        let name = word[..<equals]
        return name.allSatisfy { $0 == "_" || $0.isASCII && ($0.isLetter || $0.isNumber) } && !name.first!.isNumber
    }
}

/// QEMU's arguments from command-line text: a plain argv or a libvirt log file (SPEC 10.2).
public enum QEMUArgumentText {
    /// The arguments after the binary.
    ///
    /// Lines ending in `\` are joined to the next. When some line, split into shell words, has a
    /// QEMU binary word followed by more words, the last such line is the command: the words after
    /// the binary are the arguments. Otherwise the text is one argument per line, taken literally,
    /// the binary optional.
    ///
    /// - Throws: ``InputError`` when the command line has an unclosed quote, or there are no arguments.
    public static func arguments(of text: String) throws(InputError) -> [String] {
        var lines: [Substring] = []
        var pending = ""
        var joining = false
        // "\r\n" is one Character in Swift: split on it too.
        for raw in text.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" }) {
            var line = raw
            if line.last == "\r" { line = line.dropLast() }
            if trailingBackslashes(line) % 2 == 1 {
                pending += line.dropLast()
                joining = true
                continue
            }
            if joining {
                lines.append(Substring(pending + line))
                pending = ""
                joining = false
            } else {
                lines.append(line)
            }
        }
        if joining { lines.append(Substring(pending)) }

        var command: [String]?
        var unbalanced: Int?
        for (number, line) in lines.enumerated() where line.contains("qemu") {
            guard let words = ShellWords.split(line) else {
                if looksLikeCommand(line) { unbalanced = number + 1 }
                continue
            }
            if let binary = words.firstIndex(where: ShellWords.isQEMUBinary), binary + 1 < words.count,
                words[..<binary].allSatisfy(ShellWords.isAssignment)
            {
                command = Array(words[(binary + 1)...])
                unbalanced = nil
            }
        }
        if let unbalanced {
            throw InputError("the QEMU command line (line \(unbalanced) after joining continuations) has an unclosed quote")
        }
        if let command { return command }
        // One argument per line, taken literally; the binary may be the first.
        var arguments = lines.map(String.init).filter { !$0.isEmpty }
        if let first = arguments.first, ShellWords.isQEMUBinary(first) { arguments.removeFirst() }
        guard arguments.contains(where: { $0.hasPrefix("-") }) else {
            throw InputError(
                "no QEMU command line found: expected a line with a qemu-system-* or qemu-kvm binary and its arguments, or one argument per line")
        }
        return arguments
    }

    private static func trailingBackslashes(_ line: Substring) -> Int {
        line.reversed().prefix { $0 == "\\" }.count
    }

    /// A line whose first words (before any quote) are assignments and a QEMU binary.
    private static func looksLikeCommand(_ line: Substring) -> Bool {
        let head = line.prefix { $0 != "'" && $0 != "\"" }
        let words = head.split(separator: " ").map(String.init)
        guard let binary = words.firstIndex(where: ShellWords.isQEMUBinary) else { return false }
        return words[..<binary].allSatisfy(ShellWords.isAssignment)
    }
}
