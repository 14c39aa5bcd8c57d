/// Helpers to write SVG by hand: coordinates with one decimal (always a dot: SVG is not
/// localised), escaped text, ids that are valid and unique within a report.
enum SVG {
    static func n(_ v: Double) -> String {
        let r = (v * 10).rounded() / 10
        if r == r.rounded() { return String(Int(r)) }
        return String(format1: r)
    }

    static func escape(_ s: String) -> String { HTML.escape(s) }

    /// "evidence_based" → "evidence-based"; anything but letters and digits becomes "-".
    static func id(_ s: String) -> String {
        String(s.unicodeScalars.map { ($0.properties.isAlphabetic && $0.isASCII) || ("0"..."9").contains($0) ? Character($0) : "-" })
    }

    /// Splits a label into at most two lines of about `width` characters.
    static func wrap(_ s: String, width: Int) -> [String] {
        guard s.count > width else { return [s] }
        var first = "", rest = ""
        for word in s.split(separator: " ") {
            if rest.isEmpty && (first.isEmpty || first.count + 1 + word.count <= width) {
                first += (first.isEmpty ? "" : " ") + word
            } else {
                rest += (rest.isEmpty ? "" : " ") + word
            }
        }
        if rest.count > width + 8 { rest = String(rest.prefix(width + 7)) + "…" }
        return rest.isEmpty ? [first] : [first, rest]
    }

    /// Colours: one per series, distinguishable in grey too (markers differ as well).
    static let seriesColours = ["#1f5f8b", "#c2571a", "#2e7d32", "#7b3f98", "#8d6e00"]
    /// Fill per level, light to dark, by position on the scale (0...1).
    static func levelColour(_ t: Double) -> String {
        let stops: [(Double, (Int, Int, Int))] = [(0, (214, 228, 240)), (0.5, (107, 158, 196)), (1, (18, 70, 110))]
        let x = min(1, max(0, t))
        var (a, b) = (stops[0], stops[1])
        if x > 0.5 { (a, b) = (stops[1], stops[2]) }
        let f = (x - a.0) / (b.0 - a.0)
        func mix(_ p: Int, _ q: Int) -> Int { Int((Double(p) + (Double(q) - Double(p)) * f).rounded()) }
        let (r, g, bl) = (mix(a.1.0, b.1.0), mix(a.1.1, b.1.1), mix(a.1.2, b.1.2))
        return "#" + [r, g, bl].map { v in let h = String(v, radix: 16); return h.count == 1 ? "0" + h : h }.joined()
    }

    /// The hatch pattern that marks "insufficient information".
    static func hatch(_ id: String) -> String {
        "<pattern id=\"\(id)\" width=\"6\" height=\"6\" patternUnits=\"userSpaceOnUse\" patternTransform=\"rotate(45)\">"
            + "<rect width=\"6\" height=\"6\" fill=\"#f3f3f3\"/><line x1=\"0\" y1=\"0\" x2=\"0\" y2=\"6\" stroke=\"#9a9a9a\" stroke-width=\"2\"/></pattern>"
    }
}

extension String {
    /// One decimal with a dot, without Foundation's locale-dependent formatting.
    init(format1 v: Double) {
        let negative = v < 0
        let tenths = Int((abs(v) * 10).rounded())
        self = (negative ? "-" : "") + "\(tenths / 10).\(tenths % 10)"
    }
}
