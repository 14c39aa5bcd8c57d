/// Bounds applied while loading a case document, so that no input (however malformed or
/// hostile) can make the loader allocate or work without limit.
public struct DocumentLimits: Sendable, Equatable {
    /// Largest file accepted, in bytes. Checked before the file is read.
    public var maxBytes: Int
    /// Deepest nesting of arrays/objects (the top-level container is level 1).
    public var maxDepth: Int
    /// Most values (containers and scalars) in the result, counted after YAML aliases are
    /// expanded: this is what stops "billion laughs" alias bombs.
    public var maxValues: Int

    public init(maxBytes: Int = 4 << 20, maxDepth: Int = 64, maxValues: Int = 200_000) {
        self.maxBytes = maxBytes
        self.maxDepth = maxDepth
        self.maxValues = maxValues
    }

    /// Most bytes of text (strings and keys) in the result after YAML aliases are expanded:
    /// eight times `maxBytes`. A document without aliases never comes near it; one that repeats
    /// a long text through thousands of aliases does.
    var maxExpandedTextBytes: Int {
        let (product, overflow) = max(maxBytes, 0).multipliedReportingOverflow(by: 8)
        return overflow ? Int.max : product
    }
}

/// The syntax of a document.
public enum DocumentFormat: Sendable {
    case json
    case yaml
}

/// Why a document could not be loaded: where (file, and line and column when known) and a message
/// that says both what is wrong and what to do about it.
public struct DocumentError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The path (or the name given to `DocumentLoader.parse`).
    public var file: String
    /// 1-based line, when the problem has a position.
    public var line: Int?
    /// 1-based column, counted in Unicode scalars (characters as an editor shows them).
    public var column: Int?
    /// What is wrong and what to do, e.g. `duplicate key "agency" (first at line 3); keep one`.
    public var message: String

    public init(file: String, line: Int? = nil, column: Int? = nil, message: String) {
        self.file = file
        self.line = line
        self.column = column
        self.message = message
    }

    /// `file:line:column: message`, leaving out the parts that are unknown.
    public var description: String {
        var out = file
        if let line {
            out += ":\(line)"
            if let column { out += ":\(column)" }
        }
        return out + ": " + message
    }
}
