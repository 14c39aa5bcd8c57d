import Foundation
import Hummingbird
import MecigepReports
import MecigepStore

/// What every page shares: the document, the skip link, the navigation for the user's role, the
/// language switch, the stylesheet (the reports' own, plus forms).
struct PageContext {
    var user: User?
    var csrf: String?
    var language: String
    /// The page's path, where the language switch comes back to.
    var path: String

    func tr(_ key: String) -> String { PageText.text(key, language) }

    init(_ call: Call) {
        user = call.caller?.user
        if case .session(_, let token) = call.caller?.credential { csrf = token }
        let asked = call.request.query("lang")
        language = asked.flatMap { serviceLanguages.contains($0) ? $0 : nil } ?? user?.language ?? "en"
        path = call.request.uri.path
    }

    /// A text of the service's JSON (plain, or translations keyed by language) in `language`,
    /// else in English, else in the first language there is.
    static func localized(_ value: Any?, in language: String) -> String {
        if let s = value as? String { return s }
        guard let d = value as? [String: Any] else { return "" }
        return (d[language] ?? d["en"]) as? String ?? d.keys.sorted().lazy.compactMap { d[$0] as? String }.first ?? ""
    }

    init(user: User?, language: String) {
        self.user = user
        self.language = language
        path = "/"
    }
}

extension Service {
    /// The page's HTML, status 200 unless told.
    func page(_ context: PageContext, title: String, status: HTTPResponse.Status = .ok, _ content: [HTMLNode]) -> Response {
        let tr = context.tr
        var header: [HTMLNode] = [H.p(H.a("/", "MECIGEP"), cls: "brand")]
        if let user = context.user {
            var links: [HTMLNode] = [H.a("/", tr("home"))]
            if user.role != .methodologist { links.append(H.a("/#cases", tr("cases"))) }
            if user.role == .secretariat || user.role == .methodologist { links.append(H.a("/frameworks", tr("frameworks"))) }
            if user.role == .secretariat { links.append(H.a("/audit", tr("audit"))) }
            header.append(.el("nav", [("aria-label", tr("navigation"))], [H.ul(links)]))
            var account: [HTMLNode] = [H.p(H.t(tr("signed in as") + " " + user.username + " (" + user.role.rawValue
                + (user.country.map { ", " + $0 } ?? "") + ")"))]
            if let csrf = context.csrf {
                account.append(H.form("/language", csrf: csrf, [
                    .el("input", [("type", "hidden"), ("name", "back"), ("value", context.path)]),
                    .el("label", [("for", "language-choice")], [.text(tr("language"))]),
                    H.select("language", id: "language-choice", options: [("en", "English"), ("es", "Español"), ("pt", "Português"),
                                                                          ("fr", "Français")], selected: context.language),
                    H.button(tr("change")),
                ], cls: "inline"))
                account.append(H.form("/logout", csrf: csrf, [H.button(tr("sign out"))], cls: "inline"))
            }
            header.append(.el("div", [("class", "account")], account))
        }
        let document = HTMLNode.el("html", [("lang", context.language)], [
            .el("head", [], [
                .el("meta", [("charset", "utf-8")]),
                .el("meta", [("name", "viewport"), ("content", "width=device-width, initial-scale=1")]),
                .el("title", [], [.text(title + " — MECIGEP")]),
                .el("link", [("rel", "stylesheet"), ("href", "/assets/mecigep.css")]),
            ]),
            .el("body", [], [
                .el("a", [("class", "skip"), ("href", "#main")], [.text(tr("skip"))]),
                .el("header", [("class", "site")], header),
                .el("main", [("id", "main")], [H.h1(title)] + content),
            ]),
        ])
        var headers: HTTPFields = [.contentSecurityPolicy: "default-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
                                   + "frame-ancestors 'self'; form-action 'self'"]
        headers[.init("X-Frame-Options")!] = "SAMEORIGIN"
        return Reply.bytes(Data(document.html.utf8), type: "text/html; charset=utf-8", status: status, headers: headers)
    }

    /// An error as a page: what went wrong in the user's language, the service's message, a way back.
    func errorPage(_ error: APIError, caller: Caller?) -> Response {
        var context = PageContext(user: caller?.user, language: caller?.user.language ?? "en")
        if case .session(_, let token) = caller?.credential { context.csrf = token }
        let title = error.status == .notFound ? context.tr("not found") : error.status == .forbidden ? context.tr("forbidden")
            : context.tr("error")
        var content: [HTMLNode] = [.el("p", [("role", "alert")], [.text(error.message)])]
        if let details = error.details {
            content.append(H.ul(details.sorted { $0.key < $1.key }.map { H.p(H.t($0.key + ": " + $0.value)) }))
        }
        content.append(H.p(H.a("/", context.tr("back"))))
        var response = page(context, title: title, status: error.status, content)
        if let retryAfter = error.retryAfter { response.headers[.retryAfter] = String(retryAfter) }  // a throttled sign-in
        return response
    }

    func stylesheet(_ call: Call) async throws -> Response {
        var response = Reply.bytes(Data((HTMLStylesheet.css + PageStylesheet.css).utf8), type: "text/css; charset=utf-8")
        response.headers[.cacheControl] = "max-age=3600"
        return response
    }
}

/// What the pages add to the reports' stylesheet: the site header, forms, focus, the skip link.
enum PageStylesheet {
    static let css = """
    .skip { position: absolute; left: -999px; top: 0; background: #fff; padding: .5rem 1rem; z-index: 10; }
    .skip:focus { left: 1rem; }
    header.site { display: flex; flex-wrap: wrap; gap: .5rem 1.5rem; align-items: center; justify-content: space-between;
      max-width: 62rem; margin: 0 auto; padding: .8rem 1.5rem; border-bottom: 3px solid var(--accent); }
    header.site .brand { margin: 0; font-weight: 700; letter-spacing: .15em; }
    header.site nav ul { display: flex; flex-wrap: wrap; gap: .3rem 1rem; list-style: none; margin: 0; padding: 0; }
    header.site .account { display: flex; flex-wrap: wrap; gap: .3rem .8rem; align-items: center; font-size: .9rem; }
    header.site .account p { margin: 0; }
    a { color: var(--accent); }
    a:focus-visible, button:focus-visible, input:focus-visible, select:focus-visible, textarea:focus-visible {
      outline: 3px solid #c2571a; outline-offset: 2px; }
    form.inline { display: inline-flex; flex-wrap: wrap; gap: .3rem; align-items: center; margin: 0; }
    .field { margin: .8rem 0; }
    .field label { display: block; font-weight: 600; margin-bottom: .2rem; }
    .field input[type=checkbox] + label { display: inline; }
    .help { color: var(--muted); font-size: .9rem; margin: 0 0 .3rem; }
    input[type=text], input[type=password], select, textarea { font: inherit; padding: .35rem .5rem; border: 1px solid #6b7780;
      border-radius: 4px; max-width: 100%; }
    textarea { width: 100%; box-sizing: border-box; }
    textarea.code, textarea#content { font-family: ui-monospace, "DejaVu Sans Mono", Menlo, Consolas, monospace; font-size: .9rem; }
    button { font: inherit; padding: .4rem .9rem; border-radius: 4px; border: 1px solid var(--accent); background: var(--accent);
      color: #fff; cursor: pointer; }
    button.secondary { background: #fff; color: var(--accent); }
    .problems li { margin: .2rem 0; }
    .problems code { white-space: normal; }
    iframe.report { width: 100%; height: 80vh; border: 1px solid var(--rule); }
    fieldset { min-width: 0; margin: .8rem 0; padding: .5rem .8rem; border: 1px solid var(--rule); border-radius: 4px; }
    fieldset.item { background: #fbfcfd; }
    fieldset.item.new { border-style: dashed; }
    fieldset.invalid, .field.invalid input, .field.invalid select, .field.invalid textarea { border-color: #b3261e; }
    legend { font-weight: 600; padding: 0 .3rem; }
    .field-error { color: #b3261e; margin: .2rem 0; }
    .needed { color: #7a4b00; }
    .check { margin: .2rem 0; }
    .check label { font-weight: normal; margin-left: .3rem; }
    .choices { display: flex; flex-wrap: wrap; gap: 0 1.2rem; }
    input.short { width: 12rem; }
    input[type=text] { width: 100%; box-sizing: border-box; }
    input.short[type=text] { width: 12rem; max-width: 100%; }
    select { max-width: 100%; }
    details.examples code, .problems code { white-space: pre-wrap; word-break: break-word; }
    .form-actions { position: sticky; bottom: 0; background: #fff; padding: .6rem 0; border-top: 1px solid var(--rule); }
    .actions { display: flex; flex-wrap: wrap; gap: .3rem; }
    ol.progress { list-style: none; padding: 0; }
    ol.progress li { margin: .2rem 0; }
    ol.progress .state { font-weight: 700; }
    ol.progress li.done .state { color: #1b6b3a; }
    ol.progress li.failed .state { color: #b3261e; }
    ol.progress li.todo { color: var(--muted); }
    @media (max-width: 40rem) { fieldset { padding: .4rem .35rem; margin: .6rem 0; } fieldset fieldset { border-left-width: 2px;
      border-right: 0; padding-right: 0; } }
    @media (max-width: 40rem) { header.site { padding: .6rem 1rem; } }
    """
}
