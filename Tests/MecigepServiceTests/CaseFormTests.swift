import Foundation
import LuaRuntime
import MecigepEngine
@testable import MecigepService
import Testing

/// The case form generated from mecigep-core's case schema: what a browser posts back from a
/// rendered form reads back to the same case (nothing lost or altered by a save), edits land
/// where they were made, and the template explains the fields.
@Suite struct CaseFormTests {
    static let root = TestServer.projectRoot

    static func form(_ language: String = "en") throws -> CaseForm {
        let schema = try DocumentLoader.load(path: root.appendingPathComponent("rules/frameworks/mecigep-core/case.schema.json").path)
        return CaseForm(schema: schema, hints: CaseTemplateHints.load(folder: root.appendingPathComponent("examples/templates").path,
                                                                      language: language))
    }

    /// Every case shipped with the project (examples and the framework's test cases).
    static func shippedCases() throws -> [(String, LuaValue)] {
        var out: [(String, LuaValue)] = []
        for folder in ["examples/cases", "examples/cases/honest", "rules/frameworks/mecigep-core/tests/cases"] {
            let url = root.appendingPathComponent(folder)
            for name in try FileManager.default.contentsOfDirectory(atPath: url.path).sorted() where name.hasSuffix(".yaml") {
                out.append((folder + "/" + name, try DocumentLoader.load(path: url.appendingPathComponent(name).path)))
            }
        }
        return out
    }

    /// What a browser sends for a form: text inputs and hidden fields, checked boxes and radios,
    /// the selected option (or the first), text areas.
    static func submission(_ nodes: [HTMLNode]) -> [(String, String)] {
        var out: [(String, String)] = []
        func attribute(_ attributes: [(String, String)], _ key: String) -> String? { attributes.first { $0.0 == key }?.1 }
        func text(_ node: HTMLNode) -> String {
            switch node.kind {
            case .text(let s): return s
            case .element(_, _, let children): return children.map(text).joined()
            }
        }
        func walk(_ node: HTMLNode) {
            guard case .element(let name, let attributes, let children) = node.kind else { return }
            switch name {
            case "input":
                guard let field = attribute(attributes, "name") else { return }
                let type = attribute(attributes, "type") ?? "text"
                if type == "checkbox" || type == "radio" {
                    if attribute(attributes, "checked") != nil { out.append((field, attribute(attributes, "value") ?? "on")) }
                } else if type != "file" {
                    out.append((field, attribute(attributes, "value") ?? ""))
                }
            case "select":
                guard let field = attribute(attributes, "name") else { return }
                let options = children.compactMap { c -> (String, Bool)? in
                    guard case .element("option", let a, _) = c.kind else { return nil }
                    return (attribute(a, "value") ?? "", attribute(a, "selected") != nil)
                }
                if let chosen = options.first(where: \.1) ?? options.first { out.append((field, chosen.0)) }
            case "textarea":
                if let field = attribute(attributes, "name") { out.append((field, text(node))) }
            default:
                children.forEach(walk)
            }
        }
        nodes.forEach(walk)
        return out
    }

    static func roundTrip(_ form: CaseForm, _ value: LuaValue, edits: [(String, String?)] = []) -> LuaValue {
        var fields = submission(CaseFormRenderer(form: form, tr: { $0 }).sections(value))
        for (name, newValue) in edits {
            fields.removeAll { $0.0 == name }
            if let newValue { fields.append((name, newValue)) }
        }
        return CaseFormDecoder(form: form, fields: fields).decode(base: value)
    }

    @Test("saving an unchanged form gives back every shipped case exactly")
    func shippedCasesRoundTrip() throws {
        let form = try Self.form()
        let cases = try Self.shippedCases()
        #expect(cases.count >= 20)
        for (name, value) in cases {
            let back = Self.roundTrip(form, value)
            let same = back == value
            #expect(same, "\(name): \(CaseDiff.changes(value, back).prefix(5))")
        }
    }

    /// Guards "a save loses nothing" over many shapes of case, not only the shipped ones: fields
    /// removed, lists emptied, 'none' answers, text where numbers belong, unknown fields.
    @Test("property: a form posted unchanged reads back to the case it showed, over 200 generated cases")
    func generatedCasesRoundTrip() throws {
        let form = try Self.form()
        let cases = try Self.shippedCases().map(\.1)
        var generator = SplitMix64(seed: 20261205)
        for n in 0..<200 {
            var value = cases[n % cases.count]
            for _ in 0..<Int.random(in: 1...6, using: &generator) { value = Self.mutate(value, &generator) }
            let back = Self.roundTrip(form, value)
            let same = back == value
            #expect(same, "case \(n): \(CaseDiff.changes(value, back).prefix(5))")
        }
    }

    /// One random change somewhere in the tree.
    static func mutate(_ value: LuaValue, _ g: inout SplitMix64, depth: Int = 0) -> LuaValue {
        switch value {
        case .object(var members) where !members.isEmpty:
            let key = members.keys.sorted()[Int.random(in: 0..<members.count, using: &g)]
            switch Int.random(in: 0..<8, using: &g) {
            case 0: members[key] = nil
            case 1: members[key] = .string("none")
            case 2: members["x_unknown_\(depth)"] = .string("kept as it is")
            case 3: members[key] = .array([])
            default: members[key] = mutate(members[key]!, &g, depth: depth + 1)
            }
            return .object(members)
        case .array(var items) where !items.isEmpty:
            let i = Int.random(in: 0..<items.count, using: &g)
            if Bool.random(using: &g) { items.remove(at: i) } else { items[i] = mutate(items[i], &g, depth: depth + 1) }
            return .array(items)
        case .integer(let i): return Bool.random(using: &g) ? .string("\(i) approx.") : .double(Double(i) + 0.5)
        case .double: return .string("twelve")
        case .string(let s): return Bool.random(using: &g) ? .string(s + " (revised)\nsecond line") : .integer(7)
        case .bool(let b): return .bool(!b)
        default: return value
        }
    }

    @Test("an edit changes that field only; items are added in the blank slot and removed by their box")
    func edits() throws {
        let form = try Self.form()
        let (_, original) = try #require(try Self.shippedCases().first { $0.0.hasSuffix("uy-digital-government.yaml") })
        let retitled = Self.roundTrip(form, original, edits: [("c/identification/title", "Gobierno digital 2030")])
        #expect(CaseDiff.changes(original, retitled) == [.init(path: "identification.title", kind: .changed,
                                                               before: original["identification"]?["title"]?.stringValue,
                                                               after: "Gobierno digital 2030")])
        let baseline = original["problem"]?["baseline"]?.arrayValue ?? []
        #expect(!baseline.isEmpty)
        let added = Self.roundTrip(form, original, edits: [("c/problem/baseline/\(baseline.count)/indicator", "New figure"),
                                                           ("c/problem/baseline/\(baseline.count)/value", "12.5")])
        #expect(added["problem"]?["baseline"]?.arrayValue?.last == .object(["indicator": "New figure", "value": .double(12.5)]))
        let removed = Self.roundTrip(form, original, edits: [("c/problem/baseline/0/@remove", "on")])
        #expect(removed["problem"]?["baseline"]?.arrayValue == Array(baseline.dropFirst()))
        let typo = Self.roundTrip(form, original, edits: [("c/problem/baseline/0/value", "twelve")])
        #expect(typo["problem"]?["baseline"]?[0]?["value"] == .string("twelve"), "kept as typed, for validate to flag")
        let none = Self.roundTrip(form, original, edits: [("c/evidence/long_term/@state", "none")])
        #expect(none["evidence"]?["long_term"] == .string("none"))
        let emptied = Self.roundTrip(form, original, edits: [("c/identification/agency", "  ")])
        #expect(emptied["identification"]?["agency"] == nil, "an empty input means not reported")
    }

    @Test("a new case written in the form alone is the case typed")
    func newCase() throws {
        let form = try Self.form()
        let fields: [(String, String)] = [
            ("c/id", "BR-2027-01"), ("c/identification/country", "BR"), ("c/identification/title", "Orçamento"),
            ("c/identification/planned_launch", "2027-03-01"), ("c/problem/baseline/@count", "1"),
            ("c/problem/baseline/0/value", "31"), ("c/problem/baseline/0/year", "2025"),
            ("c/design/channels", "online"), ("c/design/channels", "phone"),
            ("c/evidence/fiscal/@state", "given"), ("c/evidence/fiscal/currency", "BRL"),
            ("c/design/partners/@count", "1"), ("c/design/partners/@none", "on"),
        ]
        let value = CaseFormDecoder(form: form, fields: fields).decode(base: nil)
        let expected: LuaValue = .object([
            "id": "BR-2027-01",
            "identification": ["country": "BR", "title": "Orçamento", "planned_launch": "2027-03-01"],
            "problem": ["baseline": [["value": 31, "year": 2025]]],
            "design": ["channels": ["online", "phone"], "partners": []],
            "evidence": ["fiscal": ["currency": "BRL"]],
        ])
        let same = value == expected
        #expect(same, "\(CaseDiff.changes(expected, value))")
    }

    @Test("the template orders and explains the fields, in the user's language")
    func templateHints() throws {
        let en = try Self.form("en"), es = try Self.form("es")
        let sections = en.sections(otherTitle: "Other")
        #expect(Array(sections.map(\.title).prefix(3)) == ["", "Identification", "Problem and baseline"])
        #expect(sections.contains { $0.title.hasPrefix("Evidence") && $0.fields.map(\.key) == ["evidence"] })
        #expect(en.hints.help["identification.planned_launch"]?.contains("YYYY-MM-DD") == true)
        #expect(es.hints.help["identification.planned_launch"]?.contains("AAAA-MM-DD") == true)
        #expect(en.hints.help["problem.baseline[].value"] != nil, "block examples explain list-item fields")
        #expect(en.hints.headings["evidence.long_term"]?.hasPrefix("1.") == true)
        #expect(en.hints.examples["design.milestones"]?.isEmpty == false)
        let html = CaseFormRenderer(form: es, tr: { $0 }).sections(nil).map { n -> String in var s = ""; n.render(into: &s); return s }.joined()
        #expect(html.contains("AAAA-MM-DD"))
        // Every input is labelled: a <label for> per id, or a fieldset legend for groups.
        let ids = Set(html.matches(of: /<(?:input|select|textarea)[^>]* id="([^"]+)"/).map { String($0.1) })
        let labels = Set(html.matches(of: /<label for="([^"]+)"/).map { String($0.1) })
        #expect(!ids.isEmpty && ids.isSubset(of: labels), "\(ids.subtracting(labels).prefix(5))")
    }

    @Test("validate's paths (lists from 1) find the form's inputs (lists from 0)")
    func problemPaths() throws {
        #expect(Service.formPath("problem.baseline[1].value") == "problem.baseline[0].value")
        #expect(Service.fieldAnchor("problem.baseline[2].value") == "f-problem-baseline-1-value")
        #expect(Service.fieldAnchor("identification.planned_launch") == "f-identification-planned_launch")
        let form = try Self.form()
        var renderer = CaseFormRenderer(form: form, tr: { $0 })
        renderer.problems = ["problem.baseline[0].value": ["expected a number"]]
        let value: LuaValue = ["problem": ["baseline": [["value": "twelve"]]]]
        let html = renderer.sections(value).map { n -> String in var s = ""; n.render(into: &s); return s }.joined()
        #expect(html.contains("id=\"f-problem-baseline-0-value\""))
        #expect(html.contains("aria-invalid=\"true\""))
        #expect(html.contains("expected a number"))
    }

    @Test("two revisions compared field by field")
    func diff() {
        let a: LuaValue = ["id": "X", "problem": ["baseline": [["value": 1], ["value": 2]]], "summary": "old"]
        let b: LuaValue = ["id": "X", "problem": ["baseline": [["value": 1], ["value": 3], ["value": 4]]], "objectives": ["general": "g"]]
        #expect(CaseDiff.changes(a, b) == [
            .init(path: "objectives.general", kind: .added, before: nil, after: "g"),
            .init(path: "problem.baseline[2].value", kind: .changed, before: "2", after: "3"),
            .init(path: "problem.baseline[3].value", kind: .added, before: nil, after: "4"),
            .init(path: "summary", kind: .removed, before: "old", after: nil),
        ])
        #expect(CaseDiff.changes(a, a).isEmpty)
    }
}

/// multipart/form-data as browsers send it.
@Suite struct MultipartTests {
    static let body = Data("""
        --XyZ\r
        Content-Disposition: form-data; name="_csrf"\r
        \r
        token\r
        --XyZ\r
        Content-Disposition: form-data; name="c/documents/0/@file"; filename="C:\\\\dir\\\\acta \\"final\\".pdf"\r
        Content-Type: application/pdf\r
        \r
        %PDF-1.4 \r\n--X not the end\r
        --XyZ\r
        Content-Disposition: form-data; name="c/documents/1/@file"; filename=""\r
        Content-Type: application/octet-stream\r
        \r
        \r
        --XyZ--\r

        """.utf8)

    @Test("fields and files are read; a file input left empty sends nothing; paths are dropped from names")
    func parse() throws {
        #expect(Multipart.boundary(contentType: "multipart/form-data; boundary=XyZ") == "XyZ")
        #expect(Multipart.boundary(contentType: "multipart/form-data; boundary=\"XyZ\"") == "XyZ")
        #expect(Multipart.boundary(contentType: "application/x-www-form-urlencoded") == nil)
        let (fields, files) = try Multipart.parse(Self.body, boundary: "XyZ")
        #expect(fields.map(\.0) == ["_csrf"] && fields.map(\.1) == ["token"])
        #expect(files.count == 1)
        #expect(files.first?.filename == "acta \"final\".pdf")
        #expect(files.first?.contentType == "application/pdf")
        #expect(files.first?.data == Data("%PDF-1.4 \r\n--X not the end".utf8))
    }

    /// Guards the parser against any cut of a body: it answers (fields or a 400), never traps.
    @Test("property: every truncation and every single-byte change of a body is parsed or refused, never a crash")
    func truncations() {
        let bytes = [UInt8](Self.body)
        var refused = 0
        for cut in 0...bytes.count {
            do { _ = try Multipart.parse(Data(bytes[..<cut]), boundary: "XyZ") } catch { refused += 1 }
        }
        #expect(refused > 0)
        var generator = SplitMix64(seed: 7)
        for _ in 0..<500 {
            var copy = bytes
            copy[Int.random(in: 0..<copy.count, using: &generator)] = UInt8.random(in: 0...255, using: &generator)
            _ = try? Multipart.parse(Data(copy), boundary: "XyZ")
        }
    }
}
