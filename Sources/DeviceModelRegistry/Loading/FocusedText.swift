#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// The ids a question names — the models of a VM's devices, its machine, the
/// implementations of its destinations — so that a large registry can be read in
/// part for it (``RegistryLoader/load(directory:focus:above:)``).
public struct RegistryFocus: Sendable {
    public private(set) var ids: Set<String> = []
    /// Which lengths some id has (256: that or more), so that most words of a file are passed over unhashed.
    private var lengths = [Bool](repeating: false, count: 257)

    public init(_ ids: some Sequence<String> = []) {
        for id in ids { insert(id) }
    }

    public mutating func insert(_ id: String) {
        ids.insert(id)
        lengths[min(id.utf8.count, 256)] = true
    }

    func contains(_ word: UnsafeBufferPointer<UInt8>) -> Bool {
        lengths[min(word.count, 256)] && ids.contains(String(decoding: word, as: UTF8.self))
    }
}

/// Where the lines of a text kept in part came from: reduced line → line in the file.
struct LineMap: Sendable {
    /// Each run of lines copied whole: its first line in the reduced text and in the file.
    private var runs: [(reduced: Int, original: Int)] = []

    /// A run of lines starting at `reduced` that came from `original` on.
    mutating func add(reduced: Int, original: Int) {
        if let last = runs.last, original - last.original == reduced - last.reduced { return }
        runs.append((reduced, original))
    }

    /// The line in the file of a line of the reduced text (1-based both).
    func original(_ line: Int) -> Int {
        var low = 0
        var high = runs.count
        while low < high {
            let middle = (low + high) / 2
            if runs[middle].reduced <= line { low = middle + 1 } else { high = middle }
        }
        guard low > 0 else { return line }
        let run = runs[low - 1]
        return run.original + line - run.reduced
    }
}

/// The part of one registry file that a focused question needs.
///
/// A document is dropped when no id of the focus occurs in its text and it is a
/// model or an implementation (seen from its top-level keys); machine documents
/// and those it cannot classify are kept. Of an implementation document that is
/// kept, only the `models:` entries of focus models are kept, when its layout is
/// plain enough to be sure where each entry ends: block style, no quotes, every
/// flow collection closed on its line. Anything else keeps the document, or the
/// whole file (an escape, a tab, a CR, a byte order mark, `...` or a directive,
/// Unicode line breaks), whole: a file kept in part is never read differently
/// from the file, only less of it.
///
/// An id occurs in a text as a maximal run of id characters (2.3) — plain,
/// quoted or in a flow collection — unless an escape spells it, and a file with
/// a backslash is kept whole: so a document that names a focus id is never dropped.
struct FocusedText {
    var bytes: [UInt8] = []
    var lines = LineMap()
    /// Lines in `bytes` so far.
    private var line = 1

    /// Nil: read the file whole.
    static func reduce(_ file: UnsafeBufferPointer<UInt8>, focus: RegistryFocus) -> FocusedText? {
        let scanner = Scanner(file, focus: focus)
        guard scanner.isPlainEnough else { return nil }
        var reduced = FocusedText()
        // Each document is written out as soon as it ends: a file of a million documents holds none of them.
        let complete = scanner.forEachDocument { document in
            switch document.fate {
            case .drop: break
            case .keep: reduced.append(document.start..<document.end, line: document.line, of: file)
            case .prune(let pieces):
                for piece in pieces { reduced.append(piece.range, line: piece.line, of: file) }
            }
        }
        return complete ? reduced : nil
    }

    private mutating func append(_ range: Range<Int>, line original: Int, of file: UnsafeBufferPointer<UInt8>) {
        guard !range.isEmpty else { return }
        lines.add(reduced: line, original: original)
        let piece = UnsafeBufferPointer(rebasing: file[range])
        bytes.append(contentsOf: piece)
        line += Scanner.newlines(in: piece)
    }
}

extension FocusedText {
    struct Piece {
        var range: Range<Int>
        var line: Int
    }

    struct Document {
        enum Fate {
            case drop, keep
            case prune([Piece])
        }

        var start: Int
        var end: Int
        var line: Int
        var fate: Fate = .keep
    }

    /// Reads a file's layout line by line.
    struct Scanner {
        let file: UnsafeBufferPointer<UInt8>
        let focus: RegistryFocus

        init(_ file: UnsafeBufferPointer<UInt8>, focus: RegistryFocus) {
            self.file = file
            self.focus = focus
        }

        /// No byte that makes lines mean something else than `\n`-separated lines of spaces and text.
        var isPlainEnough: Bool {
            guard file.count <= YAMLReader.maximumFileSize, file.baseAddress != nil else { return false }
            if file.count >= 3 && file[0] == 0xEF && file[1] == 0xBB && file[2] == 0xBF { return false }
            for byte: UInt8 in [0x5C, 0x09, 0x0D] where contains(byte, in: 0..<file.count) { return false }
            // U+0085, U+2028 and U+2029 are line breaks to libyaml.
            return !occurs(0xC2, followedBy: { file[$0 + 1] == 0x85 }, width: 2)
                && !occurs(0xE2, followedBy: { file[$0 + 1] == 0x80 && (file[$0 + 2] == 0xA8 || file[$0 + 2] == 0xA9) }, width: 3)
        }

        /// Whether some `lead` byte, with `width - 1` bytes after it in the file, is one `rest` accepts (given its offset).
        private func occurs(_ lead: UInt8, followedBy rest: (Int) -> Bool, width: Int) -> Bool {
            var index = 0
            while let at = firstIndex(of: lead, in: index..<file.count) {
                if at + width <= file.count && rest(at) { return true }
                index = at + 1
            }
            return false
        }

        /// The end of the line starting at `start`: its `\n`, or the end of the file.
        func lineEnd(_ start: Int) -> Int {
            start < file.count ? firstIndex(of: 0x0A, in: start..<file.count) ?? file.count : file.count
        }

        static func newlines(in bytes: UnsafeBufferPointer<UInt8>) -> Int {
            var count = 0
            for byte in bytes where byte == 0x0A { count += 1 }
            return count
        }

        /// Hands each document, with what becomes of it, to `body`, in order.
        ///
        /// - Returns: false when the file must be read whole (what `body` was given is then moot).
        func forEachDocument(_ body: (Document) -> Void) -> Bool {
            var current = Top(start: 0, line: 1)
            var start = 0
            var line = 1
            while start < file.count {
                let end = lineEnd(start)
                let byte = file[start]
                if start == end || byte == UInt8(ascii: " ") || byte == UInt8(ascii: "#") {
                    // Indented, blank or a comment: not a top-level line.
                } else if marker("---", at: start, end: end) {
                    if start > current.start { body(current.document(self, end: start)) }
                    current = Top(start: start, line: line)
                    // Content after the marker (`--- {model: x}`): a layout not judged here.
                    if !isBlankOrComment(start + 3, end) { current.unclassifiable = true }
                } else if byte == UInt8(ascii: "%") || marker("...", at: start, end: end) {
                    return false
                } else {
                    current.topKey(start, end, line: line, self)
                }
                if !current.mentions { current.mentions = mentionsFocus(start, end) }
                line += 1
                start = end + 1
            }
            body(current.document(self, end: file.count))
            return true
        }

        func marker(_ text: StaticString, at start: Int, end: Int) -> Bool {
            guard end - start >= 3 else { return false }
            let bytes = UnsafeBufferPointer(start: text.utf8Start, count: 3)
            return file[start] == bytes[0] && file[start + 1] == bytes[1] && file[start + 2] == bytes[2]
                && (end - start == 3 || file[start + 3] == UInt8(ascii: " "))
        }

        func isBlankOrComment(_ start: Int, _ end: Int) -> Bool {
            var index = start
            while index < end && file[index] == UInt8(ascii: " ") { index += 1 }
            return index == end || file[index] == UInt8(ascii: "#")
        }

        static func isIDByte(_ byte: UInt8) -> Bool {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
                UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "~"), UInt8(ascii: "+"), UInt8(ascii: "-"), UInt8(ascii: "/"):
                true
            default: false
            }
        }

        /// Whether a focus id occurs in the line as a word of id characters.
        func mentionsFocus(_ start: Int, _ end: Int) -> Bool {
            var index = start
            while let slash = firstIndex(of: UInt8(ascii: "/"), in: index..<end) {
                var first = slash
                while first > start && Scanner.isIDByte(file[first - 1]) { first -= 1 }
                var last = slash + 1
                while last < end && Scanner.isIDByte(file[last]) { last += 1 }
                if focus.contains(UnsafeBufferPointer(rebasing: file[first..<last])) { return true }
                index = last
            }
            return false
        }

        /// The key of a `KEY:` line: id characters from `start` to a colon that ends the line or is followed
        /// by a space. Nil for any other line.
        func key(_ start: Int, _ end: Int) -> Range<Int>? {
            var index = start
            while index < end && Scanner.isIDByte(file[index]) { index += 1 }
            guard index > start, index < end, file[index] == UInt8(ascii: ":"),
                index + 1 == end || file[index + 1] == UInt8(ascii: " ")
            else { return nil }
            return start..<index
        }

        func equals(_ range: Range<Int>, _ text: StaticString) -> Bool {
            range.count == text.utf8CodeUnitCount
                && memcmp(file.baseAddress! + range.lowerBound, text.utf8Start, range.count) == 0
        }

        /// Whether the line's flow collections close on it (comments aside); the file has no quotes.
        func isBalanced(_ start: Int, _ end: Int) -> Bool {
            var depth = 0
            var index = start
            while index < end {
                switch file[index] {
                case UInt8(ascii: "{"), UInt8(ascii: "["): depth += 1
                case UInt8(ascii: "}"), UInt8(ascii: "]"):
                    depth -= 1
                    if depth < 0 { return false }
                case UInt8(ascii: "#") where index == start || file[index - 1] == UInt8(ascii: " "):
                    return depth == 0
                default: break
                }
                index += 1
            }
            return depth == 0
        }

        func contains(_ byte: UInt8, in range: Range<Int>) -> Bool {
            firstIndex(of: byte, in: range) != nil
        }

        /// The offset of the first `byte` in `range` of the file (`memchr`).
        func firstIndex(of byte: UInt8, in range: Range<Int>) -> Int? {
            guard !range.isEmpty, let found = memchr(file.baseAddress! + range.lowerBound, Int32(byte), range.count) else {
                return nil
            }
            return file.baseAddress!.distance(to: found.assumingMemoryBound(to: UInt8.self))
        }
    }

    /// One document's top-level keys, as its lines show them.
    struct Top {
        var start: Int
        var line: Int
        var isModel = false
        var isImplementation = false
        var isMachine = false
        var unclassifiable = false
        var mentions = false
        /// The line `models:` (nothing after it), where an implementation's entries start.
        var models: (start: Int, line: Int)?

        mutating func topKey(_ start: Int, _ end: Int, line: Int, _ scanner: Scanner) {
            guard let key = scanner.key(start, end) else {
                unclassifiable = true
                return
            }
            if scanner.equals(key, "model") {
                isModel = true
            } else if scanner.equals(key, "implementation") {
                isImplementation = true
            } else if scanner.equals(key, "machine") {
                isMachine = true
            } else if scanner.equals(key, "models") && scanner.isBlankOrComment(key.upperBound + 1, end) {
                models = (start, line)
            }
        }

        func document(_ scanner: Scanner, end: Int) -> Document {
            var document = Document(start: start, end: end, line: line)
            if unclassifiable || isMachine || !(isModel || isImplementation) {
                document.fate = .keep
            } else if !mentions {
                document.fate = .drop
            } else if isImplementation && !isModel, let models, let pieces = prune(models, document, scanner) {
                document.fate = .prune(pieces)
            }
            return document
        }

        /// The header up to the entries, the entries of focus models, and what follows them;
        /// nil when the layout is not plain enough to be sure where an entry ends.
        func prune(_ models: (start: Int, line: Int), _ document: Document, _ scanner: Scanner) -> [Piece]? {
            let range = document.start..<document.end
            guard !scanner.contains(UInt8(ascii: "'"), in: range), !scanner.contains(UInt8(ascii: "\""), in: range) else {
                return nil
            }
            // The header's flow collections must close before `models:` does.
            var start = document.start
            while start < models.start {
                let end = scanner.lineEnd(start)
                guard scanner.isBalanced(start, end) else { return nil }
                start = end + 1
            }
            var entries: [(start: Int, line: Int, keep: Bool)] = []
            var indent: Int?
            var sectionEnd = (start: document.end, line: 0)  // the line matters only when something follows
            var line = models.line
            start = scanner.lineEnd(models.start) + 1
            line += 1
            while start < document.end {
                let end = scanner.lineEnd(start)
                defer {
                    start = end + 1
                    line += 1
                }
                if scanner.isBlankOrComment(start, end) { continue }
                var first = start
                while scanner.file[first] == UInt8(ascii: " ") { first += 1 }
                if first == start {
                    sectionEnd = (start, line)
                    break
                }
                let depth = first - start
                if indent == nil { indent = depth }
                if depth == indent {
                    guard let key = scanner.key(first, end) else { return nil }
                    entries.append((start, line, scanner.focus.contains(UnsafeBufferPointer(rebasing: scanner.file[key]))))
                } else if depth < indent! {
                    return nil
                }
                guard scanner.isBalanced(first, end) else { return nil }
            }
            guard !entries.isEmpty else { return nil }
            // `models:` keeps one entry, so that it stays a mapping: one of a model not read is passed over.
            if !entries.contains(where: \.keep) { entries[0].keep = true }
            var pieces = [Piece(range: document.start..<entries[0].start, line: document.line)]
            for (index, entry) in entries.enumerated() where entry.keep {
                let end = index + 1 < entries.count ? entries[index + 1].start : sectionEnd.start
                pieces.append(Piece(range: entry.start..<end, line: entry.line))
            }
            pieces.append(Piece(range: sectionEnd.start..<document.end, line: sectionEnd.line))
            return pieces
        }
    }
}
