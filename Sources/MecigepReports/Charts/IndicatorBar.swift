/// A compact bar of a criterion's indicators: one column per indicator, as high as its level.
/// "Insufficient information" is a hatched column marked "?" (never an empty or short one),
/// a rule error a red frame marked "!"; an agreed level is a dark tick with a diamond.
struct IndicatorBar {
    struct Item {
        var id: String
        /// The rule's score, when assessed.
        var score: Double?
        var levelLabel: String?
        var insufficient: Bool
        var error: Bool
        var agreedScore: Double?
        var agreedLabel: String?
    }

    var id: String
    var items: [Item]
    var minScore: Double
    var maxScore: Double
    var title: String
    var description: String

    func svg() -> String {
        let column = 84.0, chartHeight = 84.0, top = 8.0
        let width = Int(Double(items.count) * column + 10)
        let height = 146
        var out = "<svg viewBox=\"0 0 \(width) \(height)\" width=\"\(width)\" height=\"\(height)\" "
            + "role=\"img\" aria-labelledby=\"\(id)-title \(id)-desc\" class=\"chart bars\">"
            + "<title id=\"\(id)-title\">\(SVG.escape(title))</title><desc id=\"\(id)-desc\">\(SVG.escape(description))</desc>"
            + "<defs>\(SVG.hatch("\(id)-hatch"))</defs>"
        let baseline = top + chartHeight
        out += "<line x1=\"4\" y1=\"\(SVG.n(baseline))\" x2=\"\(width - 4)\" y2=\"\(SVG.n(baseline))\" stroke=\"#aab2ba\"/>"
        let span = maxScore - minScore
        func h(_ score: Double) -> Double { 4 + (span > 0 ? (score - minScore) / span : 1) * (chartHeight - 4) }
        for (i, item) in items.enumerated() {
            let x = 8 + Double(i) * column
            let w = column - 16
            if let score = item.score {
                let bar = h(score)
                let t = span > 0 ? (score - minScore) / span : 1
                out += "<rect x=\"\(SVG.n(x))\" y=\"\(SVG.n(baseline - bar))\" width=\"\(SVG.n(w))\" height=\"\(SVG.n(bar))\" fill=\"\(SVG.levelColour(t))\" stroke=\"#12466e\" stroke-width=\"0.5\"/>"
                let labelY = bar > 18 ? baseline - bar + 13 : baseline - bar - 3
                let light = bar > 18 && t > 0.45
                out += "<text x=\"\(SVG.n(x + w / 2))\" y=\"\(SVG.n(labelY))\" text-anchor=\"middle\" class=\"value\(light ? " light" : "")\">\(SVG.escape(item.levelLabel ?? ""))</text>"
            } else if item.error {
                out += "<rect x=\"\(SVG.n(x))\" y=\"\(SVG.n(top))\" width=\"\(SVG.n(w))\" height=\"\(SVG.n(chartHeight))\" fill=\"#fff\" stroke=\"#b3261e\" stroke-width=\"2\"/>"
                out += "<text x=\"\(SVG.n(x + w / 2))\" y=\"\(SVG.n(top + chartHeight / 2 + 6))\" text-anchor=\"middle\" class=\"mark error\">!</text>"
            } else {
                out += "<g class=\"insufficient\"><rect x=\"\(SVG.n(x))\" y=\"\(SVG.n(top))\" width=\"\(SVG.n(w))\" height=\"\(SVG.n(chartHeight))\" fill=\"url(#\(id)-hatch)\" stroke=\"#777\" stroke-dasharray=\"3 2\"/>"
                out += "<text x=\"\(SVG.n(x + w / 2))\" y=\"\(SVG.n(top + chartHeight / 2 + 6))\" text-anchor=\"middle\" class=\"mark\">?</text></g>"
            }
            if let agreed = item.agreedScore {
                let y = baseline - h(agreed)
                out += "<g class=\"agreed\"><line x1=\"\(SVG.n(x - 4))\" y1=\"\(SVG.n(y))\" x2=\"\(SVG.n(x + w + 4))\" y2=\"\(SVG.n(y))\" stroke=\"#111\" stroke-width=\"2.5\"/>"
                out += "<path d=\"M\(SVG.n(x + w + 4)) \(SVG.n(y - 5))l5 5l-5 5l-5 -5Z\" fill=\"#111\"/></g>"
            }
            let lines = Self.tickLines(item.id)
            for (k, line) in lines.enumerated() {
                out += "<text x=\"\(SVG.n(x + w / 2))\" y=\"\(SVG.n(baseline + 13 + Double(k) * 11))\" text-anchor=\"middle\" class=\"tick\">\(SVG.escape(line))</text>"
            }
            if let agreedLabel = item.agreedLabel {
                out += "<text x=\"\(SVG.n(x + w / 2))\" y=\"\(SVG.n(baseline + 15 + Double(lines.count) * 11))\" text-anchor=\"middle\" class=\"tick agreed\">\(SVG.escape(agreedLabel))</text>"
            }
        }
        return out + "</svg>"
    }

    /// An indicator id on at most two short lines: "eb.evidence_strength" → "eb.evidence_", "strength".
    static func tickLines(_ id: String) -> [String] {
        let limit = 14
        guard id.count > limit else { return [id] }
        var cut = id.index(id.startIndex, offsetBy: limit)
        if let underscore = id[..<cut].lastIndex(where: { $0 == "_" || $0 == "." || $0 == "-" }) {
            cut = id.index(after: underscore)
        }
        let rest = String(id[cut...])
        return [String(id[..<cut]), rest.count > limit ? String(rest.prefix(limit - 1)) + "…" : rest]
    }
}
