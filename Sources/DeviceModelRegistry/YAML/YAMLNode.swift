/// A node of a YAML document, as written, with where it was written.
///
/// Scalars keep their text and quoting style; they are typed later, by the
/// schema that expects them (SPEC 2.2). Mappings keep the order of their keys.
public struct YAMLNode: Sendable {
    public enum Content: Sendable {
        case scalar(YAMLScalar)
        case mapping([YAMLPair])
        case sequence([YAMLNode])
        /// A node the reader refused (an alias) and already reported: checks on it stay silent.
        case invalid
    }

    public var content: Content
    /// Where the node starts (its anchor, tag, quote, bracket or first key).
    public var location: SourceLocation

    public init(_ content: Content, at location: SourceLocation) {
        self.content = content
        self.location = location
    }

    /// The scalar, when this node is one.
    public var scalar: YAMLScalar? {
        if case .scalar(let scalar) = content { return scalar }
        return nil
    }

    /// A word for the node's kind, for messages ("expected a mapping, found a sequence").
    public var kindDescription: String {
        switch content {
        case .scalar(let scalar): scalar.isNull ? "nothing (null)" : "a scalar"
        case .mapping: "a mapping"
        case .sequence: "a sequence"
        case .invalid: "an alias"
        }
    }
}

/// One `key: value` entry of a mapping.
public struct YAMLPair: Sendable {
    public var key: YAMLNode
    public var value: YAMLNode
}

/// A scalar's text and how it was written.
public struct YAMLScalar: Sendable, Hashable {
    public enum Style: Sendable, Hashable {
        case plain, singleQuoted, doubleQuoted, literal, folded
    }

    public var text: String
    public var style: Style

    public init(text: String, style: Style) {
        self.text = text
        self.style = style
    }

    /// A plain `null`, `~` or empty scalar: no value at all.
    public var isNull: Bool {
        guard style == .plain else { return false }
        switch text {
        case "", "~", "null", "Null", "NULL": return true
        default: return false
        }
    }
}

/// The documents of one file and the problems met reading it.
public struct YAMLFile: Sendable {
    public var file: String
    /// Complete documents, in order; documents whose root is empty are left out.
    public var documents: [YAMLNode]
    public var diagnostics: [Diagnostic]
}
