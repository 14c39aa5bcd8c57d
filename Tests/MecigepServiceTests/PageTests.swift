import Foundation
@testable import MecigepService
import MecigepStore
import Testing

/// The pages: text escaped by construction, every text in the four languages, and what a page
/// shows a user, rendered by the running service.
@Suite(.serialized) struct PageTests {
    @Test("text and attribute values are escaped when rendered")
    func escaping() {
        let hostile = "<script>alert(\"x\")</script>&'"
        var out = ""
        HTMLNode.el("p", [("title", hostile)], [.text(hostile)]).render(into: &out)
        #expect(!out.contains("<script>"))
        #expect(out == "<p title=\"&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&amp;&#39;\">"
            + "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&amp;&#39;</p>")
    }

    @Test("every page text exists in English, Spanish, Portuguese and French")
    func everyLanguage() {
        for (key, texts) in PageText.table {
            #expect(Set(texts.keys) == ["en", "es", "pt", "fr"], "\(key)")
            #expect(texts.values.allSatisfy { !$0.isEmpty }, "\(key)")
        }
    }

    @Test("a case title with markup is shown as text on the home page and the case page")
    func hostileTitleIsText() async throws {
        let server = try await TestServer()
        let br = try await server.account("br", .beneficiary, "BR")
        let title = "<img src=x onerror=alert(1)> Orçamento"
        let id = try await server.store.createCase(id: Identifier.make(), country: "BR", title: title, format: "yaml",
                                                   body: Data("id: X\n".utf8), validation: nil, author: br.id,
                                                   audit: AuditEvent(user: br, action: "case.upload")).id
        for path in ["/", "/cases/\(id)"] {
            let page = try await server.request("GET", path, as: "br")
            #expect(page.status == 200)
            #expect(page.text.contains("&lt;img src=x onerror=alert(1)&gt; Orçamento"), "\(path)")
            #expect(!page.text.contains("<img"), "\(path)")
        }
        await server.stop()
    }

    @Test("a signed-out visitor is sent to the sign-in page; ?next= never leaves the site")
    func signInRedirects() async throws {
        let server = try await TestServer()
        let home = try await server.request("GET", "/cases/abc", as: nil)
        #expect(home.status == 303)
        #expect(home.headers["location"]?.hasPrefix("/login?next=") == true)
        #expect(Service.safeNext("//evil.example/x") == "/")
        #expect(Service.safeNext("https://evil.example") == "/")
        #expect(Service.safeNext("/rounds/x") == "/rounds/x")
        await server.stop()
    }

    /// A multipart/form-data body as a browser sends it.
    static func multipart(_ fields: [(String, String)], files: [(String, String, Data)] = [], boundary: String) -> Data {
        var body = Data()
        for (name, value) in fields {
            body += Data("--\(boundary)\r\nContent-Disposition: form-data; name=\"\(name)\"\r\n\r\n\(value)\r\n".utf8)
        }
        for (name, filename, data) in files {
            body += Data(("--\(boundary)\r\nContent-Disposition: form-data; name=\"\(name)\"; filename=\"\(filename)\"\r\n"
                + "Content-Type: application/pdf\r\n\r\n").utf8) + data + Data("\r\n".utf8)
        }
        return body + Data("--\(boundary)--\r\n".utf8)
    }

    @Test("the case form: a case typed with two mistakes is saved, the mistakes are shown at their fields, the annex is kept by hash, and two saves compare field by field")
    func caseForm() async throws {
        let server = try await TestServer()
        try await server.account("br", .beneficiary, "BR")
        let blank = try await server.request("GET", "/cases/new", as: "br")
        #expect(blank.status == 200)
        #expect(blank.text.contains("name=\"c/identification/planned_launch\""))
        #expect(blank.text.contains("enctype=\"multipart/form-data\""))
        let pdf = Data("%PDF-1.4 minutes of the workshops".utf8)
        var fields: [(String, String)] = [
            ("framework", "mecigep-core"), ("c/id", "BR-2027-01"), ("c/identification/country", "BR"),
            ("c/identification/agency", "Prefeitura"), ("c/identification/title", "Orçamento participativo"),
            ("c/identification/thematic_area", "open_government"), ("c/identification/instrument", "program"),
            ("c/identification/planned_launch", "2027-02-30"), ("c/problem/baseline/@count", "1"),
            ("c/problem/baseline/0/indicator", "Participants"), ("c/problem/baseline/0/value", "twelve"),
            ("c/documents/@count", "1"), ("c/documents/0/id", "d1"), ("c/documents/0/title", "Minutes"),
        ]
        let boundary = "----mecigep\(Identifier.make())"
        let first = try await server.requestData("POST", "/cases/form", as: "br", body: Self.multipart(fields,
            files: [("c/documents/0/@file", "minutes.pdf", pdf)], boundary: boundary),
            contentType: "multipart/form-data; boundary=\(boundary)")
        #expect(first.status == 303)
        let location = try #require(first.headers["location"])
        let caseID = String(location.split(separator: "/")[1])
        let page = try await server.request("GET", "/cases/\(caseID)/form", as: "br")
        #expect(page.status == 200)
        #expect(page.text.contains("id=\"f-identification-planned_launch\""))
        for field in ["f-identification-planned_launch", "f-problem-baseline-0-value"] {
            #expect(page.text.contains("<p class=\"field-error\" id=\"\(field)-error\">"), "\(field) is flagged where it is")
            #expect(page.text.contains("href=\"#\(field)\""), "the completeness panel links to \(field)")
        }
        let sha = SQLiteStore.sha256(pdf)
        #expect(page.text.contains("/cases/\(caseID)/annexes/\(sha)"))
        let annex = try await server.request("GET", "/cases/\(caseID)/annexes/\(sha)", as: "br")
        #expect(annex.status == 200 && annex.body == pdf)
        // Corrected: the date and the number.
        fields.removeAll { $0.0 == "c/identification/planned_launch" || $0.0 == "c/problem/baseline/0/value" }
        fields += [("c/identification/planned_launch", "2027-03-01"), ("c/problem/baseline/0/value", "12")]
        let second = try await server.requestData("POST", "/cases/\(caseID)/form", as: "br",
            body: Self.multipart(fields, boundary: boundary), contentType: "multipart/form-data; boundary=\(boundary)")
        #expect(second.status == 303)
        let corrected = try await server.request("GET", "/cases/\(caseID)/form", as: "br")
        #expect(!corrected.text.contains("class=\"field-error\""))
        let revisions = try await server.request("GET", "/api/cases/\(caseID)/revisions", as: "br")
        let list = (try JSONSerialization.jsonObject(with: revisions.body) as? [String: Any])?["revisions"] as? [[String: Any]] ?? []
        #expect(list.count == 2)
        let text = try await server.request("GET", "/api/cases/\(caseID)/revisions/2/file", as: "br").text
        #expect(text.contains("\"annex\" : \"minutes.pdf (sha256:\(sha))\"") || text.contains("minutes.pdf (sha256:\(sha))"),
                "the annex reference stays in the next revision")
        let diff = try await server.request("GET", "/cases/\(caseID)/diff?from=1&to=2", as: "br")
        #expect(diff.status == 200)
        #expect(diff.text.contains("identification.planned_launch") && diff.text.contains("2027-02-30") && diff.text.contains("2027-03-01"))
        #expect(diff.text.contains("problem.baseline[1].value"))
        #expect(!diff.text.contains("identification.title"), "unchanged fields are not listed")
        await server.stop()
    }
}
