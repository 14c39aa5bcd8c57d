import Foundation
import MecigepEngine
import Testing
@testable import MecigepReports

/// The HTML report, parsed by a real HTML5 parser (Python's html5lib, installed by
/// scripts/setup.sh): well-formed, the sections in order, the charts with text alternatives,
/// and nothing loaded from outside the file.
@Suite("HTML reports, parsed with html5lib")
struct HTMLReportTests {
    /// Parses an HTML file and describes what the tests check, as JSON.
    static let inspector = """
        import json, re, sys
        import html5lib
        text = open(sys.argv[1], encoding="utf-8").read()
        parser = html5lib.HTMLParser(tree=html5lib.getTreeBuilder("etree"), namespaceHTMLElements=False)
        root = parser.parse(text)
        def local(tag): return tag.split("}")[-1] if isinstance(tag, str) else ""
        def texts(e): return "".join(e.itertext())
        everything = list(root.iter())
        ids = [e.get("id") for e in everything if e.get("id")]
        external = []
        for e in everything:
            for name, value in e.attrib.items():
                n = local(name)
                if n in ("src", "srcset", "action", "data", "poster", "background") or n == "href" and not value.startswith("#"):
                    external.append(f"{local(e.tag)} {n}={value}")
                if re.search(r"(https?:|//|url\\((?!#))", value) and n != "xmlns":
                    external.append(f"{local(e.tag)} {n}={value}")
        style = "".join(texts(e) for e in everything if local(e.tag) == "style")
        references = set(re.findall(r"url\\(#([^)]+)\\)", text))
        svgs = [e for e in everything if local(e.tag) == "svg"]
        def child(e, tag): return [c for c in e if local(c.tag) == tag]
        sections = [e for e in everything if local(e.tag) == "section"]
        out = {
            "errors": [str(x) for x in parser.errors],
            "doctype": text.startswith("<!DOCTYPE html>"),
            "lang": root.get("lang"),
            "title": texts(child(child(root, "head")[0], "title")[0]),
            "sections": [s.get("id") for s in sections],
            "sectionTitles": [texts(child(s, "h2")[0]) if child(s, "h2") else None for s in sections],
            "forbidden": sorted({local(e.tag) for e in everything if local(e.tag) in ("script", "link", "img", "iframe", "object", "embed", "base", "video", "audio", "source", "frame")}),
            "external": external,
            "styleImports": "@import" in style or "url(" in style,
            "print": "@media print" in style and "break-before: page" in style,
            "svgs": [{"class": s.get("class"), "role": s.get("role"), "labelled": s.get("aria-labelledby"),
                      "title": texts(child(s, "title")[0]) if child(s, "title") else "",
                      "desc": texts(child(s, "desc")[0]) if child(s, "desc") else ""} for s in svgs],
            "missingReferences": sorted(r for r in references if r not in ids),
            "duplicateIds": sorted({i for i in ids if ids.count(i) > 1}),
            "insufficientMarks": len([e for e in everything if e.get("class") == "insufficient"]),
            "agreedMarks": len([e for e in everything if e.get("class") == "agreed"]),
            "bold": len([e for e in everything if local(e.tag) == "b"]),
            "verbatim": [texts(e) for e in everything if e.get("class") == "verbatim"],
            "figcaptions": len([e for e in everything if local(e.tag) == "figcaption"]),
            "tocLinks": [a.get("href") for a in everything if local(a.tag) == "a"],
        }
        print(json.dumps(out))
        """

    struct Inspection: Decodable {
        struct SVG: Decodable {
            var `class`: String?
            var role: String?
            var labelled: String?
            var title: String
            var desc: String
        }
        var errors: [String]
        var doctype: Bool
        var lang: String?
        var title: String
        var sections: [String]
        var sectionTitles: [String?]
        var forbidden: [String]
        var external: [String]
        var styleImports: Bool
        var print: Bool
        var svgs: [SVG]
        var missingReferences: [String]
        var duplicateIds: [String]
        var insufficientMarks: Int
        var agreedMarks: Int
        var bold: Int
        var verbatim: [String]
        var figcaptions: Int
        var tocLinks: [String]
    }

    static func inspect(_ html: String) throws -> Inspection {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("mecigep-report-\(UUID().uuidString).html")
        try Data(html.utf8).write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        let output = try Python.run(inspector, [file.path])
        return try JSONDecoder().decode(Inspection.self, from: Data(output.utf8))
    }

    /// What every report must satisfy, whatever its content.
    static func checkSelfContained(_ i: Inspection) {
        #expect(i.errors.isEmpty, "html5lib parse errors: \(i.errors)")
        #expect(i.doctype)
        #expect(i.forbidden.isEmpty, "elements that load something: \(i.forbidden)")
        #expect(i.external.isEmpty, "references outside the file: \(i.external)")
        #expect(!i.styleImports, "the stylesheet must not import or load anything")
        #expect(i.print, "a print stylesheet with page breaks between sections")
        #expect(i.missingReferences.isEmpty, "url(#...) references without a target: \(i.missingReferences)")
        #expect(i.duplicateIds.isEmpty, "ids used twice: \(i.duplicateIds)")
        #expect(i.tocLinks.allSatisfy { $0.hasPrefix("#") })
        for svg in i.svgs {
            #expect(svg.role == "img")
            #expect(!svg.title.isEmpty && !svg.desc.isEmpty, "every chart has a title and a description")
            #expect(svg.labelled?.split(separator: " ").count == 2)
        }
        #expect(i.figcaptions == i.svgs.count, "every chart has a caption with its text alternative")
    }

    @Test func roundReportStructure() throws {
        let content = try ReportFixtures.roundContent()
        let i = try Self.inspect(PeerReviewReport.render(content, language: .es, format: .html))
        Self.checkSelfContained(i)
        #expect(i.lang == "es")
        #expect(i.title == "Informe de revisión entre pares — Ventanilla única de permisos de construcción")
        #expect(i.sections == ["summary", "process", "case", "analysis", "peers", "recommendations", "comments", "follow-up",
                               "scoring", "provenance"])
        #expect(i.sectionTitles.first == "1. Resumen ejecutivo")
        #expect(i.sectionTitles.last == "Anexo B. Procedencia")
        // One chart of the criteria (bars: tiny has two), one bar per criterion.
        #expect(i.svgs.map(\.class) == ["chart radar", "chart bars", "chart bars"])
        #expect(i.svgs[2].desc.contains("Funding source (es) (funding): información insuficiente"))
        #expect(i.insufficientMarks == 1, "the funding indicator is hatched, not drawn as a low bar")
        #expect(i.agreedMarks >= 2, "agreed levels are marked on the bars")
        // The beneficiary's comments: escaped, exactly as received.
        #expect(i.bold == 0)
        #expect(i.verbatim == [content.round!.comments!.text])
    }

    @Test func plainAssessmentReportInEnglish() throws {
        let a = try ReportFixtures.assess(ReportFixtures.caseFile)
        let i = try Self.inspect(PeerReviewReport.render(a, language: "en", format: .html))
        Self.checkSelfContained(i)
        #expect(i.lang == "en")
        #expect(!i.sections.contains("follow-up"), "no follow-up section unless requested")
        #expect(i.sectionTitles.contains("5. Peer experiences"))
    }

    @Test func theCoreFrameworkDrawsARadarOfSevenCriteria() throws {
        let rules = ReportFixtures.repository.appendingPathComponent("rules").path
        let file = ReportFixtures.repository.appendingPathComponent("examples/cases/br-participatory-budgeting.yaml").path
        guard FileManager.default.fileExists(atPath: rules + "/frameworks/mecigep-core/framework.lua"),
              FileManager.default.fileExists(atPath: file) else { return }
        let a = try ReportFixtures.assess([file], framework: "mecigep-core", rulesFolder: rules)[0]
        for language in Language.allCases {
            let i = try Self.inspect(PeerReviewReport.render(a, language: language.rawValue, format: .html))
            Self.checkSelfContained(i)
            #expect(i.svgs.first?.class == "chart radar")
            #expect(i.svgs.count == 1 + a.criteria.count)
            #expect(i.insufficientMarks == a.coverage.insufficient + a.criteria.filter { $0.status != .assessed }.count)
        }
    }
}
