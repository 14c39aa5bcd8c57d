/// Writes a report as one self-contained HTML file: inline CSS, inline SVG, no script, no
/// font, no image or link to anything outside the file; prints to PDF with one section per page.
public enum HTMLRenderer {
    public static func render(_ doc: ReportDocument) -> String {
        var out = "<!DOCTYPE html>\n<html lang=\"\(doc.language.rawValue)\">\n<head>\n<meta charset=\"utf-8\">\n"
        out += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
        out += "<title>\(HTML.escape(doc.title + (doc.subtitle.map { " — " + $0 } ?? "")))</title>\n"
        out += "<style>\n\(HTMLStylesheet.css)</style>\n</head>\n<body>\n"
        out += "<header class=\"cover\">\n<p class=\"kicker\">MECIGEP</p>\n<h1>\(HTML.escape(doc.title))</h1>\n"
        if let subtitle = doc.subtitle { out += "<p class=\"subtitle\">\(HTML.escape(subtitle))</p>\n" }
        if !doc.facts.isEmpty {
            out += "<dl class=\"facts\">\n"
            for f in doc.facts { out += "<dt>\(HTML.escape(f.term))</dt><dd>\(HTML.escape(f.detail))</dd>\n" }
            out += "</dl>\n"
        }
        if let notice = doc.notice { out += "<p class=\"notice\">\(HTML.escape(notice))</p>\n" }
        out += "<nav class=\"toc\" aria-label=\"\(HTML.escape(doc.contentsLabel))\">\n<h2>\(HTML.escape(doc.contentsLabel))</h2>\n<ul>\n"
        for s in doc.sections { out += "<li><a href=\"#\(s.id)\">\(HTML.escape(s.title))</a></li>\n" }
        out += "</ul>\n</nav>\n</header>\n<main>\n"
        for s in doc.sections {
            out += "<section id=\"\(s.id)\">\n<h2>\(HTML.escape(s.title))</h2>\n"
            for b in s.blocks { out += block(b) }
            out += "</section>\n"
        }
        return out + "</main>\n</body>\n</html>\n"
    }

    static func inline(_ parts: [Inline]) -> String {
        parts.map { p in
            switch p {
            case .text(let s): return HTML.escape(s)
            case .strong(let s): return "<strong>\(HTML.escape(s))</strong>"
            case .emphasis(let s): return "<em>\(HTML.escape(s))</em>"
            case .code(let s): return "<code>\(HTML.escape(s))</code>"
            case .badge(let s, let style): return "<span class=\"badge \(HTML.escape(style))\">\(HTML.escape(s))</span>"
            }
        }.joined()
    }

    static func block(_ b: Block) -> String {
        switch b {
        case .heading(let level, let text, let id):
            let l = min(6, max(2, level))
            return "<h\(l)\(id.map { " id=\"\(HTML.escape($0))\"" } ?? "")>\(inline(text))</h\(l)>\n"
        case .paragraph(let text):
            return "<p>\(inline(text))</p>\n"
        case .list(let ordered, let start, let items):
            let tag = ordered ? "ol" : "ul"
            var out = "<\(tag)\(ordered && start != 1 ? " start=\"\(start)\"" : "")>\n"
            for item in items {
                if item.count == 1, case .paragraph(let text) = item[0] {
                    out += "<li>\(inline(text))</li>\n"
                } else {
                    out += "<li>\n" + item.map(block).joined() + "</li>\n"
                }
            }
            return out + "</\(tag)>\n"
        case .table(let t):
            var out = "<div class=\"table-wrap\"><table\(t.style.map { " class=\"\(HTML.escape($0))\"" } ?? "")>\n"
            if let caption = t.caption { out += "<caption>\(HTML.escape(caption))</caption>\n" }
            out += "<thead><tr>"
            for (i, h) in t.header.enumerated() {
                out += "<th scope=\"col\"\(t.numeric.contains(i) ? " class=\"num\"" : "")>\(inline(h))</th>"
            }
            out += "</tr></thead>\n<tbody>\n"
            for row in t.rows {
                out += "<tr>"
                for (i, cell) in row.enumerated() {
                    if i == 0 { out += "<th scope=\"row\">\(inline(cell))</th>"; continue }
                    out += "<td\(t.numeric.contains(i) ? " class=\"num\"" : "")>\(inline(cell))</td>"
                }
                out += "</tr>\n"
            }
            return out + "</tbody>\n</table></div>\n"
        case .chart(let c):
            var out = "<figure class=\"\(HTML.escape(c.style))\">\n\(c.svg)\n"
            out += "<figcaption>\(c.caption.map { "<span class=\"caption\">\(HTML.escape($0))</span> " } ?? "")"
            out += "<span class=\"alt\">\(HTML.escape(c.alternative))</span></figcaption>\n</figure>\n"
            return out
        case .note(let style, let text):
            return "<aside class=\"note \(HTML.escape(style))\"><p>\(inline(text))</p></aside>\n"
        case .definitions(let items):
            var out = "<dl>\n"
            for i in items { out += "<dt>\(inline(i.term))</dt><dd>\(inline(i.detail))</dd>\n" }
            return out + "</dl>\n"
        case .verbatim(let text):
            return "<div class=\"verbatim\">\(HTML.escape(text))</div>\n"
        case .group(let style, let blocks):
            return "<div class=\"\(HTML.escape(style))\">\n" + blocks.map(block).joined() + "</div>\n"
        }
    }
}
