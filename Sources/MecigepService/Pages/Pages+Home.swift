import Foundation
import Hummingbird
import MecigepStore

/// Sign-in, sign-out, the language switch and the home page of each role.
extension Service {
    func pageLogin(_ call: Call) async throws -> Response {
        let context = PageContext(call)
        let next = Self.safeNext(call.request.query("next"))
        return page(context, title: context.tr("sign in"), [
            .el("form", [("method", "post"), ("action", "/login")], [
                .el("input", [("type", "hidden"), ("name", "next"), ("value", next)]),
                H.field(context.tr("username"), id: "username", H.input("username", id: "username", required: true,
                                                                       extra: [("autocomplete", "username")])),
                H.field(context.tr("password"), id: "password", H.input("password", id: "password", type: "password", required: true,
                                                                       extra: [("autocomplete", "current-password")])),
                H.button(context.tr("sign in")),
            ]),
        ])
    }

    func pageLoginPost(_ call: Call) async throws -> Response {
        let (_, token, _) = try await signIn(call.field("username") ?? "", call.field("password") ?? "", address: call.remoteAddress)
        var response = Reply.redirect(Self.safeNext(call.field("next")))
        response.setCookie(sessionCookie(token))
        return response
    }

    func pageLogout(_ call: Call) async throws -> Response {
        _ = try await logout(call)
        var response = Reply.redirect("/login")
        response.setCookie(Cookie(name: Self.sessionCookie, value: "", maxAge: 0, path: "/", secure: true, httpOnly: true, sameSite: .strict))
        return response
    }

    func pageLanguage(_ call: Call) async throws -> Response {
        let user = try call.user
        let language = call.field("language") ?? ""
        guard serviceLanguages.contains(language) else { throw APIError.unprocessable("language: one of en, es, pt, fr") }
        try await store.setLanguage(userID: user.id, language)
        return Reply.redirect(Self.safeNext(call.field("back")))
    }

    /// A path on this site only: `/x`, never `//host` or a full URL.
    static func safeNext(_ next: String?) -> String {
        guard let next, next.hasPrefix("/"), !next.hasPrefix("//"), !next.contains("\\") else { return "/" }
        return next
    }

    /// What needs the user now, then everything the user can see.
    func pageHome(_ call: Call) async throws -> Response {
        let context = PageContext(call)
        let user = try call.user
        let tr = context.tr
        var content: [HTMLNode] = []
        var needs: [HTMLNode] = []
        let rounds = try await store.rounds().filter { Access.canSee($0, user) }
        let cases = user.role == .methodologist ? [] : try await store.cases().filter { Access.canSee($0, user, rounds: rounds) }
        switch user.role {
        case .beneficiary:
            for c in cases where c.status == .draft { needs.append(H.a("/cases/\(c.id)", c.title + " — " + tr("to complete"))) }
        case .peer:
            for r in rounds where r.status == .open {
                let mine = try await store.peerInputs(roundID: r.id).first { $0.country == user.country }
                if mine?.status != .submitted {
                    needs.append(H.a("/rounds/\(r.id)", tr("round") + " " + r.country + " — " + tr("awaiting input")))
                }
            }
        case .secretariat:
            for c in cases where c.status == .submitted && !rounds.contains(where: { $0.caseID == c.id }) {
                needs.append(H.a("/cases/\(c.id)", c.title + " — " + tr("to open")))
            }
            for r in rounds where r.status == .open {
                let assessed = try await store.latestAssessment(roundID: r.id)?.0.status == .done
                needs.append(H.a("/rounds/\(r.id)", tr("round") + " " + r.country + " — " + tr(assessed ? "to publish" : "to assess")))
            }
        case .methodologist:
            needs.append(H.a("/frameworks", tr("frameworks")))
        }
        content.append(H.section(tr("needs you"), id: "needs", needs.isEmpty ? [H.p(H.t(tr("nothing")))] : [H.ul(needs)]))
        if user.role != .methodologist {
            var caseBlock: [HTMLNode] = []
            if Access.mayWriteCases(user) { caseBlock.append(H.p(H.a("/cases/new", tr("new case")))) }
            if !cases.isEmpty {
                caseBlock.append(H.table(caption: tr("cases"), head: [tr("title"), tr("country"), tr("status"), tr("revisions")],
                                         rows: cases.map { c in
                    [H.a("/cases/\(c.id)", c.title), H.t(c.country), H.badge(tr(c.status.rawValue)), H.t(String(c.latestRevision))]
                }))
            }
            content.append(H.section(tr("cases"), id: "cases", caseBlock))
            if !rounds.isEmpty {
                content.append(H.section(tr("rounds"), id: "rounds", [H.table(caption: tr("rounds"),
                    head: [tr("round"), tr("country"), tr("framework"), tr("status")], rows: rounds.map { r in
                        [H.a("/rounds/\(r.id)", r.openedAt.prefix(10) + " " + r.country), H.t(r.country), H.t(r.framework),
                         r.status == .published ? H.a("/rounds/\(r.id)/report", tr("read report")) : H.badge(tr(r.status.rawValue))]
                    })]))
            }
        }
        return page(context, title: tr("home"), content)
    }
}
