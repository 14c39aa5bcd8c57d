import Testing
@testable import MecigepReports

@Suite("SVG charts")
struct ChartTests {
    func radar(_ axes: Int, insufficient: Set<Int> = []) -> String {
        RadarChart(id: "r", axes: (0..<axes).map { "Criterion \($0)" }, insufficient: (0..<axes).map { insufficient.contains($0) },
                   rings: [(0, "0"), (1, "1"), (2, "2"), (3, "3"), (4, "4")],
                   series: [.init(name: "Rules", values: (0..<axes).map { insufficient.contains($0) ? nil : Double($0 % 5) }),
                            .init(name: "Chile", values: (0..<axes).map { _ in 2 })],
                   insufficientLabel: "insufficient information", title: "Levels", description: "Levels by criterion").svg()
    }

    @Test func aRadarWithThreeCriteriaOrMore() {
        let svg = radar(7)
        #expect(svg.hasPrefix("<svg viewBox="))
        #expect(svg.contains("<title id=\"r-title\">Levels</title>"))
        #expect(svg.components(separatedBy: "<polygon").count - 1 == 5 + 2, "five rings, two series")
        #expect(!svg.contains("class=\"insufficient\""))
    }

    @Test func insufficientInformationBreaksTheOutlineAndIsHatched() {
        let svg = radar(5, insufficient: [2])
        #expect(svg.contains("<g class=\"insufficient\">"))
        #expect(svg.contains("fill=\"url(#r-hatch)\""))
        #expect(svg.components(separatedBy: "<polygon").count - 1 == 5 + 1, "the rules' outline is open, the peer's closed")
        #expect(svg.contains("? insufficient information"), "the legend explains the hatching")
    }

    @Test func barsForOneOrTwoCriteria() {
        let svg = radar(2, insufficient: [1])
        #expect(svg.contains("class=\"chart radar\""))
        #expect(!svg.contains("<polygon"))
        #expect(svg.contains("? insufficient information</text></g>"))
    }

    @Test func indicatorBars() {
        let bar = IndicatorBar(id: "b", items: [
            .init(id: "eb.baseline", score: 0, levelLabel: "0", insufficient: false, error: false, agreedScore: 2, agreedLabel: "→ 2"),
            .init(id: "eb.evidence_strength", score: nil, levelLabel: nil, insufficient: true, error: false),
            .init(id: "eb.plan", score: nil, levelLabel: nil, insufficient: false, error: true),
        ], minScore: 0, maxScore: 4, title: "Indicators", description: "baseline 0; strength insufficient; plan error").svg()
        #expect(bar.contains("<g class=\"insufficient\">"))
        #expect(bar.contains("class=\"mark error\">!</text>"))
        #expect(bar.contains("<g class=\"agreed\">"))
        #expect(bar.contains(">eb.evidence_</text>") && bar.contains(">strength</text>"), "long ids on two lines")
        #expect(!bar.contains(","), "coordinates use a dot, whatever the language")
    }

    @Test func svgNumbersAndIds() {
        #expect(SVG.n(12.04) == "12")
        #expect(SVG.n(-3.25) == "-3.3" || SVG.n(-3.25) == "-3.2")
        #expect(SVG.id("evidence_based") == "evidence-based")
        #expect(SVG.wrap("Informado por las ciencias del comportamiento", width: 22) == ["Informado por las", "ciencias del comportamiento"])
        #expect(HTML.escape("<a href=\"x\">O'Neil & co</a>") == "&lt;a href=&quot;x&quot;&gt;O&#39;Neil &amp; co&lt;/a&gt;")
    }
}
