import Foundation

/// A radar chart of the criteria: one axis per criterion, rings at the scale's levels, the
/// rules' levels as a filled shape and each peer's as a dashed outline. An axis whose criterion
/// lacks information is drawn dashed with a hatched "?" marker and breaks the outline, so it
/// never reads as a low level. With fewer than three criteria it draws bars instead.
struct RadarChart {
    struct Series {
        var name: String
        /// Scores, one per axis; nil where there is none.
        var values: [Double?]
    }

    var id: String
    var axes: [String]
    /// Axes whose criterion has insufficient information (for the rules).
    var insufficient: [Bool]
    /// Rings: score and label, lowest first.
    var rings: [(score: Double, label: String)]
    var series: [Series]
    /// "insufficient information" in the report's language.
    var insufficientLabel: String
    var title: String
    var description: String

    private var minScore: Double { rings.first?.score ?? 0 }
    private var maxScore: Double { rings.last?.score ?? 1 }

    func svg() -> String {
        axes.count >= 3 ? radar() : bars()
    }

    private func radius(_ score: Double, _ R: Double) -> Double {
        let inner = R * 0.12
        let span = maxScore - minScore
        return inner + (span > 0 ? (score - minScore) / span : 0) * (R - inner)
    }

    private func point(_ axis: Int, _ r: Double, cx: Double, cy: Double) -> (Double, Double) {
        let angle = -Double.pi / 2 + 2 * Double.pi * Double(axis) / Double(axes.count)
        return (cx + r * cos(angle), cy + r * sin(angle))
    }

    private func open(width: Int, height: Int) -> String {
        "<svg viewBox=\"0 0 \(width) \(height)\" width=\"\(width)\" height=\"\(height)\" "
            + "role=\"img\" aria-labelledby=\"\(id)-title \(id)-desc\" class=\"chart radar\">"
            + "<title id=\"\(id)-title\">\(SVG.escape(title))</title><desc id=\"\(id)-desc\">\(SVG.escape(description))</desc>"
            + "<defs>\(SVG.hatch("\(id)-hatch"))</defs>"
    }

    private func marker(_ s: Int, _ x: Double, _ y: Double, colour: String) -> String {
        let (X, Y) = (SVG.n(x), SVG.n(y))
        switch s % 4 {
        case 0: return "<circle cx=\"\(X)\" cy=\"\(Y)\" r=\"4\" fill=\"\(colour)\"/>"
        case 1: return "<rect x=\"\(SVG.n(x - 3.5))\" y=\"\(SVG.n(y - 3.5))\" width=\"7\" height=\"7\" fill=\"#fff\" stroke=\"\(colour)\" stroke-width=\"2\"/>"
        case 2: return "<path d=\"M\(X) \(SVG.n(y - 5))L\(SVG.n(x + 4.5)) \(SVG.n(y + 3.5))L\(SVG.n(x - 4.5)) \(SVG.n(y + 3.5))Z\" fill=\"#fff\" stroke=\"\(colour)\" stroke-width=\"2\"/>"
        default: return "<path d=\"M\(X) \(SVG.n(y - 5))L\(SVG.n(x + 5)) \(Y)L\(X) \(SVG.n(y + 5))L\(SVG.n(x - 5)) \(Y)Z\" fill=\"#fff\" stroke=\"\(colour)\" stroke-width=\"2\"/>"
        }
    }

    /// The legend from `y` down, wrapped to rows within `width`; `charWidth` and `rowHeight` are
    /// for the largest font the stylesheet gives the legend. Returns the SVG and its last row's y.
    private func legend(y: Double, width: Int, charWidth: Double = 6.6, rowHeight: Double = 20) -> (svg: String, lastRow: Double) {
        var out = ""
        let widths = series.map { 40 + Double($0.name.count) * charWidth }
            + (insufficient.contains(true) ? [40 + Double(insufficientLabel.count) * charWidth] : [])
        let total = widths.reduce(0, +)
        var x = total < Double(width) - 40 ? (Double(width) - total) / 2 : 20.0
        var row = y
        for (s, series) in series.enumerated() {
            let colour = SVG.seriesColours[s % SVG.seriesColours.count]
            let w = 40 + Double(series.name.count) * charWidth
            if x + w > Double(width) - 10 && x > 20 { x = 20; row += rowHeight }
            let dash = s == 0 ? "" : " stroke-dasharray=\"5 3\""
            out += "<line x1=\"\(SVG.n(x))\" y1=\"\(SVG.n(row))\" x2=\"\(SVG.n(x + 22))\" y2=\"\(SVG.n(row))\" stroke=\"\(colour)\" stroke-width=\"2.5\"\(dash)/>"
            out += marker(s, x + 11, row, colour: colour)
            out += "<text x=\"\(SVG.n(x + 28))\" y=\"\(SVG.n(row + 4))\" class=\"legend\">\(SVG.escape(series.name))</text>"
            x += w
        }
        if insufficient.contains(true) {
            if x + 40 + Double(insufficientLabel.count) * charWidth > Double(width) - 10 && x > 20 { x = 20; row += rowHeight }
            out += "<rect x=\"\(SVG.n(x))\" y=\"\(SVG.n(row - 7))\" width=\"22\" height=\"14\" fill=\"url(#\(id)-hatch)\" stroke=\"#777\"/>"
            out += "<text x=\"\(SVG.n(x + 28))\" y=\"\(SVG.n(row + 4))\" class=\"legend\">? \(SVG.escape(insufficientLabel))</text>"
        }
        return (out, row)
    }

    /// Splits a label into at most three lines of about `width` characters (a longer word stays whole).
    static func lines(_ s: String, width: Int) -> [String] {
        var lines: [String] = []
        // Words, and the parts of a hyphenated word ("Complexity-", "aware").
        let words = s.split(separator: " ").flatMap { word -> [Substring] in
            var parts: [Substring] = [], start = word.startIndex
            for i in word.indices where word[i] == "-" && i != word.startIndex && word.index(after: i) != word.endIndex {
                parts.append(word[start...i]); start = word.index(after: i)
            }
            return parts + [word[start...]]
        }
        for word in words {
            if let last = lines.last, last.hasSuffix("-") && last.count + word.count <= width {
                lines[lines.count - 1] = last + word
            } else if let last = lines.last, last.count + 1 + word.count <= width || lines.count == 3 {
                lines[lines.count - 1] = last + (last.hasSuffix("-") ? "" : " ") + word
            } else {
                lines.append(String(word))
            }
        }
        if let last = lines.last, lines.count == 3, last.count > width + 8 {
            lines[2] = String(last.prefix(width + 7)) + "…"
        }
        return lines
    }

    /// The radar is laid out for a phone: a 400-unit box whose text is 13 to 13.5 units in the
    /// narrow-screen stylesheet (so at least 11 px once the box is scaled to a 375 px screen);
    /// wider screens show it at up to 560 px with smaller text. Axis labels wrap to the room
    /// beside them, and their lines are spaced in em, so they follow whichever font size applies.
    private func radar() -> String {
        let width = 400, cx = 200.0, R = 80.0
        // The largest axis font (units), an average glyph width, a line's height.
        let font = 13.5, glyph = 0.6 * font, line = 1.2 * font
        struct Label { var x: Double, dy: Double, anchor: String, lines: [String], top: Double, bottom: Double }
        // Positions relative to the centre; the centre's height follows from the labels' extent.
        let labels: [Label] = axes.enumerated().map { i, text in
            let (lx, ly) = point(i, R + 16, cx: cx, cy: 0)
            let anchor = abs(lx - cx) < 8 ? "middle" : (lx > cx ? "start" : "end")
            let room = anchor == "middle" ? Double(width) - 12 : (anchor == "start" ? Double(width) - lx - 6 : lx - 6)
            let lines = Self.lines(text, width: max(6, Int(room / glyph)))
            let n = Double(lines.count - 1)
            if ly < -8 {  // above the centre: the lines go up from the axis end
                return Label(x: lx, dy: ly, anchor: anchor, lines: lines, top: ly - n * line - font, bottom: ly + 4)
            } else if ly > 8 {  // below: they go down
                return Label(x: lx, dy: ly, anchor: anchor, lines: lines, top: ly, bottom: ly + font + n * line + 4)
            } else {
                return Label(x: lx, dy: ly, anchor: anchor, lines: lines, top: ly - n * line / 2 - font, bottom: ly + n * line / 2 + font)
            }
        }
        let cy = max(R + 14, -(labels.map(\.top).min() ?? 0) + 6)
        let legendY = cy + max(R + 14, labels.map(\.bottom).max() ?? 0) + 22
        let (legendSVG, lastRow) = legend(y: legendY, width: width, charWidth: 0.58 * 13, rowHeight: 22)
        var out = open(width: width, height: Int((lastRow + 16).rounded()))
        // Rings and their labels.
        for ring in rings {
            let r = radius(ring.score, R)
            let pts = axes.indices.map { point($0, r, cx: cx, cy: cy) }.map { "\(SVG.n($0.0)),\(SVG.n($0.1))" }.joined(separator: " ")
            out += "<polygon points=\"\(pts)\" fill=\"none\" stroke=\"#d0d5da\" stroke-width=\"1\"/>"
            out += "<text x=\"\(SVG.n(cx + 4))\" y=\"\(SVG.n(cy - r + 11))\" class=\"ring\">\(SVG.escape(ring.label))</text>"
        }
        // Axes and labels.
        for (i, label) in labels.enumerated() {
            let (x, y) = point(i, R, cx: cx, cy: cy)
            let dash = insufficient[i] ? " stroke-dasharray=\"3 3\"" : ""
            out += "<line x1=\"\(SVG.n(cx))\" y1=\"\(SVG.n(cy))\" x2=\"\(SVG.n(x))\" y2=\"\(SVG.n(y))\" stroke=\"#aab2ba\"\(dash)/>"
            let n = Double(label.lines.count - 1)
            // The first line's shift, in em: up by the extra lines above, down by a cap height below.
            let first = label.dy < -8 ? -1.2 * n : (label.dy > 8 ? 0.8 : 0.35 - 0.6 * n)
            out += "<text x=\"\(SVG.n(label.x))\" y=\"\(SVG.n(cy + label.dy))\" text-anchor=\"\(label.anchor)\" class=\"axis\">"
            for (k, text) in label.lines.enumerated() {
                out += "<tspan x=\"\(SVG.n(label.x))\" dy=\"\(k == 0 ? SVG.n(first) + "em" : "1.2em")\">\(SVG.escape(text))</tspan>"
            }
            out += "</text>"
        }
        // Series: the rules filled, peers dashed; breaks where a value is missing.
        // The rules' shape is drawn last, on top of the peers' outlines.
        for (s, series) in series.enumerated().reversed() {
            let colour = SVG.seriesColours[s % SVG.seriesColours.count]
            let pts = series.values.enumerated().map { i, v in v.map { point(i, radius($0, R), cx: cx, cy: cy) } }
            let dash = s == 0 ? "" : " stroke-dasharray=\"5 3\""
            if pts.allSatisfy({ $0 != nil }) {
                let list = pts.map { "\(SVG.n($0!.0)),\(SVG.n($0!.1))" }.joined(separator: " ")
                let fill = s == 0 ? "\(colour)\" fill-opacity=\"0.18" : "none"
                out += "<polygon points=\"\(list)\" fill=\"\(fill)\" stroke=\"\(colour)\" stroke-width=\"2.5\"\(dash)/>"
            } else {
                for i in pts.indices {
                    guard let a = pts[i], let b = pts[(i + 1) % pts.count] else { continue }
                    out += "<line x1=\"\(SVG.n(a.0))\" y1=\"\(SVG.n(a.1))\" x2=\"\(SVG.n(b.0))\" y2=\"\(SVG.n(b.1))\" stroke=\"\(colour)\" stroke-width=\"2.5\"\(dash)/>"
                }
            }
            for p in pts.compactMap({ $0 }) { out += marker(s, p.0, p.1, colour: colour) }
        }
        // Insufficient information: a hatched "?" on the axis, at the rim.
        for (i, missing) in insufficient.enumerated() where missing {
            let (x, y) = point(i, R, cx: cx, cy: cy)
            out += "<g class=\"insufficient\"><circle cx=\"\(SVG.n(x))\" cy=\"\(SVG.n(y))\" r=\"10\" fill=\"url(#\(id)-hatch)\" stroke=\"#666\"/>"
            out += "<text x=\"\(SVG.n(x))\" y=\"\(SVG.n(y + 4.5))\" text-anchor=\"middle\" class=\"mark\">?</text></g>"
        }
        out += legendSVG
        return out + "</svg>"
    }

    /// Horizontal bars, one group per criterion, for frameworks with one or two criteria.
    private func bars() -> String {
        let width = 640
        let rowHeight = 18.0, labelWidth = 200.0, barWidth = 380.0
        let groupHeight = Double(series.count) * rowHeight + 14
        let height = Int(20 + Double(axes.count) * groupHeight + 50)
        var out = open(width: width, height: height)
        let span = maxScore - minScore
        func length(_ score: Double) -> Double { max(3, (span > 0 ? (score - minScore) / span : 1) * barWidth) }
        for ring in rings {
            let x = labelWidth + (span > 0 ? (ring.score - minScore) / span : 1) * barWidth
            out += "<line x1=\"\(SVG.n(x))\" y1=\"14\" x2=\"\(SVG.n(x))\" y2=\"\(SVG.n(Double(height) - 46))\" stroke=\"#d0d5da\"/>"
            out += "<text x=\"\(SVG.n(x))\" y=\"11\" text-anchor=\"middle\" class=\"ring\">\(SVG.escape(ring.label))</text>"
        }
        for (i, label) in axes.enumerated() {
            let top = 20 + Double(i) * groupHeight
            out += "<text x=\"\(SVG.n(labelWidth - 8))\" y=\"\(SVG.n(top + 13))\" text-anchor=\"end\" class=\"axis\">\(SVG.escape(label))</text>"
            for (s, series) in series.enumerated() {
                let colour = SVG.seriesColours[s % SVG.seriesColours.count]
                let y = top + Double(s) * rowHeight
                if let v = series.values[i] {
                    let opacity = s == 0 ? "0.85" : "0.55"
                    out += "<rect x=\"\(SVG.n(labelWidth))\" y=\"\(SVG.n(y + 2))\" width=\"\(SVG.n(length(v)))\" height=\"\(SVG.n(rowHeight - 5))\" fill=\"\(colour)\" fill-opacity=\"\(opacity)\"/>"
                } else if s > 0 {
                    out += "<text x=\"\(SVG.n(labelWidth + 4))\" y=\"\(SVG.n(y + 12))\" class=\"ring\">—</text>"
                } else if insufficient[i] {
                    out += "<g class=\"insufficient\"><rect x=\"\(SVG.n(labelWidth))\" y=\"\(SVG.n(y + 2))\" width=\"\(SVG.n(barWidth))\" height=\"\(SVG.n(rowHeight - 5))\" fill=\"url(#\(id)-hatch)\" stroke=\"#777\"/>"
                    out += "<text x=\"\(SVG.n(labelWidth + barWidth / 2))\" y=\"\(SVG.n(y + 13))\" text-anchor=\"middle\" class=\"mark\">? \(SVG.escape(insufficientLabel))</text></g>"
                }
            }
        }
        out += legend(y: Double(height) - 24, width: width).svg
        return out + "</svg>"
    }
}
