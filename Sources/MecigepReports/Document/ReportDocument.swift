/// A report as a tree of sections and blocks, independent of its output format: built once in
/// a language (`ReportBuilder`), then written as Markdown or HTML.
public struct ReportDocument: Sendable {
    public var language: Language
    public var title: String
    public var subtitle: String?
    /// Short facts shown under the title (case, beneficiary, framework, date).
    public var facts: [(term: String, detail: String)]
    /// A notice shown on the cover (recommendations are non-binding).
    public var notice: String?
    public var sections: [ReportSection]
    /// The label of the table of contents.
    public var contentsLabel: String
}

/// A numbered section; printed on a new page.
public struct ReportSection: Sendable {
    /// Anchor id, stable across languages ("summary", "analysis").
    public var id: String
    public var title: String
    public var blocks: [Block]
}

/// Text with light emphasis.
public enum Inline: Sendable, Hashable {
    case text(String)
    case strong(String)
    case emphasis(String)
    /// Identifiers and case paths.
    case code(String)
    /// A short label with a look of its own (a level, a status); `style` names it for CSS.
    case badge(String, style: String)
}

/// A table: header cells, rows of cells, and which columns hold numbers (aligned right).
public struct Table: Sendable {
    public var header: [[Inline]]
    public var rows: [[[Inline]]]
    public var numeric: Set<Int> = []
    public var caption: String?
    /// CSS class.
    public var style: String?
}

/// An SVG picture with its text alternative.
public struct Chart: Sendable {
    /// The SVG element (no XML declaration), self-contained.
    public var svg: String
    /// A one-paragraph description for those who cannot see it.
    public var alternative: String
    /// A caption under the picture.
    public var caption: String?
    /// CSS class of the figure.
    public var style: String
}

public indirect enum Block: Sendable {
    case heading(level: Int, text: [Inline], id: String?)
    case paragraph([Inline])
    case list(ordered: Bool, start: Int, items: [[Block]])
    case table(Table)
    case chart(Chart)
    /// A framed note; `style` is "notice", "info" or "warning".
    case note(style: String, [Inline])
    case definitions([(term: [Inline], detail: [Inline])])
    /// Text reproduced exactly as received.
    case verbatim(String)
    /// Blocks kept together (an indicator, a recommendation), with a CSS class.
    case group(style: String, [Block])
}

extension Inline {
    /// Plain text of inlines, for alternatives and Markdown table cells.
    static func plain(_ inlines: [Inline]) -> String {
        inlines.map { i in
            switch i {
            case .text(let s), .strong(let s), .emphasis(let s), .code(let s), .badge(let s, _): return s
            }
        }.joined()
    }
}
