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
}
