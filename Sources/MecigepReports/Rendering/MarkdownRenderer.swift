import Foundation
/// Writes a report as Markdown (CommonMark with GitHub tables). Charts become their text
/// alternative; the beneficiary's comments a fenced block, so that they stay exactly as received.
public enum MarkdownRenderer {
    public static func render(_ doc: ReportDocument) -> String {
        let colon = doc.language == .fr ? "\u{00A0}:" : ":"
        var out: [String] = ["# " + escape(doc.title)]
        if let subtitle = doc.subtitle { out.append("_" + escape(subtitle) + "_") }
        if !doc.facts.isEmpty {
            out.append(doc.facts.map { "- **\(escape($0.term))\(colon)** \(escape($0.detail))" }.joined(separator: "\n"))
        }
        if let notice = doc.notice { out.append("> " + escape(notice)) }
        for s in doc.sections {
            out.append("## " + escape(s.title, lineStart: false))
            for b in s.blocks { out.append(block(b, colon: colon)) }
        }
        return out.filter { !$0.isEmpty }.joined(separator: "\n\n") + "\n"
    }

    /// Escapes characters that Markdown would read as markup.
    static func escape(_ s: String, inTable: Bool = false, lineStart: Bool = true) -> String {
        var out = ""
        for c in s {
            switch c {
            case "\\", "`", "*", "_", "[", "]", "<", ">", "|": out += "\\" + String(c)
            case "#" where out.isEmpty && lineStart: out += "\\#"
            case "\n" where inTable: out += " "
            default: out.append(c)
            }
        }
        // A paragraph that starts like an ordered list item ("1. ") must not become one.
        if lineStart, let dot = out.firstIndex(of: "."), out[..<dot].allSatisfy(\.isNumber), !out[..<dot].isEmpty,
           out.index(after: dot) < out.endIndex, out[out.index(after: dot)] == " " {
            out.insert("\\", at: dot)
        }
        return out
    }

    static func startsLikeList(_ t: String) -> Bool {
        guard let dot = t.firstIndex(of: "."), !t[..<dot].isEmpty, t[..<dot].allSatisfy(\.isNumber) else { return false }
        let next = t.index(after: dot)
        return next < t.endIndex && t[next] == " "
    }

    static func inline(_ parts: [Inline], inTable: Bool = false) -> String {
        parts.map { p in
            switch p {
            case .text(let s): return escape(s, inTable: inTable, lineStart: false)
            case .strong(let s): return wrap(s, "**", inTable: inTable)
            case .emphasis(let s): return wrap(s, "_", inTable: inTable)
            case .code(let s): return code(s)
            case .badge(let s, _): return "**[" + escape(s, inTable: inTable) + "]**"
            }
        }.joined()
    }

    /// Emphasis markers must touch the text: spaces (and no-break spaces) go outside them.
    static func wrap(_ s: String, _ marker: String, inTable: Bool) -> String {
        let isSpace: (Character) -> Bool = { $0 == " " || $0 == "\u{00A0}" || $0 == "\u{202F}" }
        guard let first = s.firstIndex(where: { !isSpace($0) }), let last = s.lastIndex(where: { !isSpace($0) }) else { return s }
        let core = String(s[first...last])
        return String(s[..<first]) + marker + escape(core, inTable: inTable, lineStart: false) + marker + String(s[s.index(after: last)...])
    }

    static func code(_ s: String) -> String {
        var fence = "`"
        while s.contains(fence) { fence += "`" }
        let pad = s.hasPrefix("`") || s.hasSuffix("`") ? " " : ""
        return fence + pad + s.replacingOccurrences(of: "\n", with: " ") + pad + fence
    }

    static func indent(_ text: String, by n: Int) -> String {
        let pad = String(repeating: " ", count: n)
        return text.split(separator: "\n", omittingEmptySubsequences: false)
            .map { $0.isEmpty ? "" : pad + $0 }.joined(separator: "\n")
    }

    /// One block; `colon` ends definition terms (":" or, in French, " :" with a no-break space).
    static func block(_ b: Block, colon: String = ":") -> String {
        switch b {
        case .heading(let level, let text, _):
            return String(repeating: "#", count: min(6, max(2, level))) + " " + inline(text)
        case .paragraph(let text):
            var line = inline(text)
            // A paragraph that starts like an ordered list item ("1. ") must not become one.
            if case .text(let t)? = text.first, startsLikeList(t) || t.hasPrefix("#") {
                line = escape(t, lineStart: true) + inline(Array(text.dropFirst()))
            }
            return line
        case .list(let ordered, let start, let items):
            let rendered = items.enumerated().map { n, item in
                let marker = ordered ? "\(start + n). " : "- "
                let body = item.map { block($0, colon: colon) }.joined(separator: "\n\n")
                let indented = indent(body, by: marker.count)
                return marker + indented.dropFirst(marker.count)
            }
            // A list whose items hold several paragraphs is a loose list: a blank line between items.
            return rendered.joined(separator: rendered.contains { $0.contains("\n") } ? "\n\n" : "\n")
        case .table(let t):
            var lines: [String] = []
            if let caption = t.caption { lines.append("**" + escape(caption) + "**"); lines.append("") }
            lines.append("| " + t.header.map { inline($0, inTable: true) }.joined(separator: " | ") + " |")
            lines.append("|" + t.header.indices.map { t.numeric.contains($0) ? " ---: |" : " --- |" }.joined())
            for row in t.rows {
                lines.append("| " + row.map { cell in
                    let s = inline(cell, inTable: true)
                    return s.isEmpty ? " " : s
                }.joined(separator: " | ") + " |")
            }
            return lines.joined(separator: "\n")
        case .chart(let c):
            return "> " + (c.caption.map { "**" + escape($0) + ".** " } ?? "") + escape(c.alternative)
        case .note(_, let text):
            return "> " + inline(text)
        case .definitions(let items):
            return items.map { "- **" + Inline.plain($0.term).markdownEscaped + colon + "** " + inline($0.detail) }.joined(separator: "\n")
        case .verbatim(let text):
            var fence = "```"
            while text.contains(fence) { fence += "`" }
            return fence + "text\n" + text + (text.hasSuffix("\n") ? "" : "\n") + fence
        case .group(_, let blocks):
            return blocks.map { block($0, colon: colon) }.filter { !$0.isEmpty }.joined(separator: "\n\n")
        }
    }
}

extension String {
    var markdownEscaped: String { MarkdownRenderer.escape(self) }
}
