import Foundation
import Hummingbird
import LuaRuntime
import MecigepEngine
import MecigepStore

/// The case form (generated from the framework's case schema), annexes, and the comparison of two
/// revisions.
extension Service {
    /// The form of `framework`'s case schema, explained in `language`.
    func caseForm(framework: String, language: String) async throws -> CaseForm {
        guard let f = try await currentFramework(framework) else {
            throw APIError.notFound("no framework \(framework) in the rules folder")
        }
        guard let path = f["schema"] as? String else {
            throw APIError.unprocessable("the framework \(framework) publishes no case schema, so it has no form; upload the case as a file")
        }
        let schema: LuaValue
        do throws(DocumentError) { schema = try DocumentLoader.load(path: path) } catch {
            throw APIError(status: .serviceUnavailable, code: "rules_unreadable", message: "the case schema cannot be read: \(error)")
        }
        return CaseForm(schema: schema, hints: CaseTemplateHints.load(folder: configuration.templatesDirectory, language: language))
    }

    /// A revision's case as a value (nil when it does not parse: the form then starts empty and
    /// says so).
    func caseValue(_ revision: CaseRevision, _ body: Data) -> LuaValue? {
        try? DocumentLoader.parse(body, format: revision.format == "json" ? .json : .yaml, name: "revision \(revision.number)")
    }

    /// The framework a form is for: `?framework=` or the form's field, else mecigep-core.
    func formFramework(_ call: Call) -> String {
        let asked = call.field("framework") ?? call.request.query("framework") ?? "mecigep-core"
        return asked.isEmpty || asked.utf8.count > 200 ? "mecigep-core" : asked
    }

    func pageNewCase(_ call: Call) async throws -> Response {
        let context = PageContext(call)
        let tr = context.tr
        let user = try call.user
        guard Access.mayWriteCases(user) else { throw APIError.forbidden("cases are presented by beneficiary States") }
        let framework = formFramework(call)
        let form = try await caseForm(framework: framework, language: context.language)
        var seed: LuaValue? = nil
        if let country = user.country { seed = .object(["identification": .object(["country": .string(country)])]) }
        let renderer = CaseFormRenderer(form: form, tr: tr)
        return page(context, title: tr("new case"), [
            H.p(H.t(tr("form intro"))),
            caseFormNode(context, action: "/cases/form", framework: framework, renderer: renderer, value: seed),
            .el("details", [("class", "alternative")], [
                .el("summary", [], [.text(tr("upload instead"))]),
                uploadForm(context, action: "/cases"),
            ]),
        ])
    }

    /// The `<form>`: the framework it follows, the sections, the save button.
    func caseFormNode(_ context: PageContext, action: String, framework: String, renderer: CaseFormRenderer,
                      value: LuaValue?) -> HTMLNode {
        H.form(action, csrf: context.csrf ?? "", [
            .el("input", [("type", "hidden"), ("name", "framework"), ("value", framework)]),
        ] + renderer.sections(value) + [
            .el("div", [("class", "form-actions")], [H.button(context.tr("save form"))]),
        ], cls: "case-form", multipart: true)
    }

    func pageEditCase(_ call: Call) async throws -> Response {
        let context = PageContext(call)
        let tr = context.tr
        let (stored, _, user) = try await visibleCase(call)
        guard Access.mayWriteCases(user) else { throw APIError.forbidden("only the beneficiary State revises its case") }
        guard stored.status == .draft else {
            throw APIError.conflict("the case was submitted for review; it no longer takes revisions")
        }
        guard let (revision, body) = try await store.revision(caseID: stored.id, number: stored.latestRevision) else {
            throw APIError.notFound("no such revision")
        }
        let framework = formFramework(call)
        let form = try await caseForm(framework: framework, language: context.language)
        let value = caseValue(revision, body)
        var renderer = CaseFormRenderer(form: form, tr: tr)
        (renderer.problems, renderer.needed) = fieldProblems(revision.validation, context)
        renderer.annexLink = { text in
            Self.annexSHA(in: text).map { "/cases/\(stored.id)/annexes/\($0)" }
        }
        var content: [HTMLNode] = [
            H.p(H.t(tr("form intro"))),
            H.section(tr("completeness") + " — " + tr("revision") + " " + String(revision.number), id: "completeness",
                      validationPanel(revision.validation, context, linkFields: true)),
        ]
        if value == nil { content.append(H.p(H.t(tr("form unreadable")), cls: "notice")) }
        content.append(caseFormNode(context, action: "/cases/\(stored.id)/form", framework: framework, renderer: renderer, value: value))
        content.append(H.p(H.a("/cases/\(stored.id)", tr("back to case"))))
        return page(context, title: stored.title, content)
    }

    /// The completeness check's problems per field (dotted path as `validate` writes it) and,
    /// per field a missing indicator waits for, the indicators.
    func fieldProblems(_ json: String?, _ context: PageContext) -> ([String: [String]], [String: [String]]) {
        guard let json, let report = (try? JSONSerialization.jsonObject(with: Data(json.utf8))) as? [String: Any] else { return ([:], [:]) }
        var problems: [String: [String]] = [:]
        for m in report["malformed"] as? [[String: Any]] ?? [] {
            guard let path = m["path"] as? String, let message = m["message"] as? String else { continue }
            problems[Self.formPath(path), default: []].append(Self.friendly(message, context.tr))
        }
        var needed: [String: [String]] = [:]
        for i in report["incomplete"] as? [[String: Any]] ?? [] {
            guard let indicator = i["indicator"] as? String else { continue }
            for path in i["add"] as? [String] ?? [] { needed[path, default: []].append(indicator) }
        }
        return (problems, needed)
    }

    /// `validate` numbers list items from 1 (`baseline[1]`); the form from 0.
    static func formPath(_ path: String) -> String {
        var out = ""
        var number = ""
        var inIndex = false
        for c in path {
            if inIndex {
                if c == "]" {
                    out += "[" + (Int(number).map { String($0 - 1) } ?? number) + "]"
                    inIndex = false
                    number = ""
                } else { number.append(c) }
            } else if c == "[" { inIndex = true } else { out.append(c) }
        }
        return out
    }

    /// The validator's message, led by a sentence in the user's language for the common kinds.
    static func friendly(_ message: String, _ tr: (String) -> String) -> String {
        if message.contains("does not match ^") { return tr("bad format") }
        let kinds: [(String, String)] = [("must not be empty", "empty value"), ("expected a number", "not a number"),
                                         ("expected an integer", "not a whole number"), ("missing:", "required field"),
                                         ("is not one of", "not a listed value")]
        for (prefix, key) in kinds where message.contains(prefix) {
            return prefix == "missing:" || prefix == "must not be empty" ? tr(key) : tr(key) + " (" + message + ")"
        }
        return message
    }

    func pageSaveCaseForm(_ call: Call) async throws -> Response {
        let user = try call.user
        let existing: StoredCase?
        var base: LuaValue?
        if (try? call.parameter("case")) != nil {
            let (stored, _, _) = try await visibleCase(call)  // 404 first for a case the caller may not know
            existing = stored
            if let (revision, body) = try await store.revision(caseID: stored.id, number: stored.latestRevision) {
                base = caseValue(revision, body)
            }
        } else {
            existing = nil
        }
        guard Access.mayWriteCases(user) else { throw APIError.forbidden("cases are presented by beneficiary States") }
        let framework = formFramework(call)
        let form = try await caseForm(framework: framework, language: user.language)
        var fields = call.form
        var annexes: [NewAnnex] = []
        for file in call.files {
            guard file.field.hasPrefix("c/documents/"), file.field.hasSuffix("/@file") else {
                throw APIError.badRequest("\(file.field): files are attached to a document of the register only")
            }
            let annex = NewAnnex(filename: String(file.filename.prefix(200)), contentType: String(file.contentType.prefix(100)),
                                 body: file.data)
            annexes.append(annex)
            let annexField = String(file.field.dropLast("/@file".count)) + "/annex"
            fields.removeAll { $0.0 == annexField }
            fields.append((annexField, Self.annexReference(annex)))
        }
        let value = CaseFormDecoder(form: form, fields: fields).decode(base: base)
        var c = call
        c.preset = .init(object: ["format": "json", "content": value.jsonText(pretty: true), "framework": framework])
        if let existing {
            _ = try await addRevisionValue(c, annexes: annexes)
            return Reply.redirect("/cases/\(existing.id)/form#completeness")
        }
        let stored = try await createCaseValue(c, annexes: annexes)
        return Reply.redirect("/cases/\(stored.id)/form#completeness")
    }

    /// What a document's `annex` says of an annex uploaded with the form: `file.pdf (sha256:…)`.
    static func annexReference(_ annex: NewAnnex) -> String { annex.filename + " (sha256:" + annex.sha256 + ")" }

    /// The SHA-256 an annex reference (`annexReference`) names.
    static func annexSHA(in text: String) -> String? {
        guard let range = text.range(of: "sha256:") else { return nil }
        let hex = text[range.upperBound...].prefix(64)
        return hex.count == 64 && hex.allSatisfy(\.isHexDigit) ? String(hex) : nil
    }

    /// An annex, to whoever may see a revision that cites it.
    func downloadAnnex(_ call: Call) async throws -> Response {
        let (stored, rounds, user) = try await visibleCase(call)
        let sha = try call.parameter("annex")
        guard sha.count == 64, sha.allSatisfy(\.isHexDigit), let (annex, data) = try await store.annex(caseID: stored.id, sha256: sha) else {
            throw APIError.notFound("no such annex")
        }
        var cited = false
        for r in try await visibleRevisions(of: stored, user, rounds: rounds).reversed() {
            if let (_, body) = try await store.revision(caseID: stored.id, number: r.number),
               body.range(of: Data(sha.utf8)) != nil { cited = true; break }
        }
        guard cited else { throw APIError.notFound("no such annex") }
        let safeName = String(annex.filename.unicodeScalars.filter { $0.isASCII && $0 != "\"" && $0 != "\\" && $0.value >= 0x20 }
            .map(Character.init))
        return Reply.bytes(data, type: "application/octet-stream", headers: [
            .contentDisposition: "attachment; filename=\"\(safeName.isEmpty ? "annex" : safeName)\"",
        ])
    }

    func listAnnexes(_ call: Call) async throws -> Response {
        let (stored, _, user) = try await visibleCase(call)
        guard Access.mayWriteCases(user) else { throw APIError.forbidden("the case's annexes are listed to its State and the Secretariat") }
        return try Reply.json(["annexes": try await store.annexes(caseID: stored.id)])
    }

    /// Two revisions side by side, field by field.
    func pageDiff(_ call: Call) async throws -> Response {
        let context = PageContext(call)
        let tr = context.tr
        let (stored, rounds, user) = try await visibleCase(call)
        let revisions = try await visibleRevisions(of: stored, user, rounds: rounds)
        guard let last = revisions.last else { throw APIError.notFound("no revision") }
        let to = call.request.query("to").flatMap(Int.init) ?? last.number
        let from = call.request.query("from").flatMap(Int.init) ?? max(revisions.first?.number ?? 1, to - 1)
        guard let a = revisions.first(where: { $0.number == from }), let b = revisions.first(where: { $0.number == to }),
              let (_, bodyA) = try await store.revision(caseID: stored.id, number: from),
              let (_, bodyB) = try await store.revision(caseID: stored.id, number: to) else {
            throw APIError.notFound("no such revision")
        }
        let changes = CaseDiff.changes(caseValue(a, bodyA), caseValue(b, bodyB))
        let options = revisions.map { (String($0.number), tr("revision") + " " + String($0.number)) }
        var content: [HTMLNode] = [
            .el("form", [("method", "get"), ("action", "/cases/\(stored.id)/diff"), ("class", "inline")], [
                .el("label", [("for", "from")], [.text(tr("from"))]), H.select("from", id: "from", options: options, selected: String(from)),
                .el("label", [("for", "to")], [.text(tr("to"))]), H.select("to", id: "to", options: options, selected: String(to)),
                H.button(tr("compare")),
            ]),
        ]
        let counts = Dictionary(grouping: changes, by: \.kind).mapValues(\.count)
        content.append(H.p(H.t([CaseDiff.Kind.changed, .added, .removed].map { tr($0.rawValue) + ": " + String(counts[$0] ?? 0) }
            .joined(separator: " · ")), cls: "notice"))
        if !changes.isEmpty {
            content.append(H.table(caption: tr("revision") + " \(from) → \(to)",
                                   head: [tr("field"), tr("revision") + " \(from)", tr("revision") + " \(to)", tr("diff change")],
                                   rows: changes.map { change in
                                       [.el("code", [], [.text(change.path)]), H.t(change.before ?? "—"), H.t(change.after ?? "—"),
                                        H.badge(tr(change.kind.rawValue), cls: change.kind == .removed ? "error" : "")]
                                   }))
        }
        content.append(H.p(H.a("/cases/\(stored.id)", tr("back to case"))))
        return page(context, title: tr("compare revisions") + " — " + stored.title, content)
    }
}

/// What changed between two versions of a case, field by field (lists item by item, numbered
/// from 1 as `validate` numbers them).
enum CaseDiff {
    enum Kind: String, Sendable { case changed, added, removed }

    struct Change: Sendable, Equatable {
        var path: String
        var kind: Kind
        var before: String?
        var after: String?
    }

    /// Each leaf of a case: its path and its value as shown.
    static func leaves(_ value: LuaValue?, _ path: String = "") -> [(String, String)] {
        switch value {
        case nil, .null?: return path.isEmpty ? [] : [(path, "null")]
        case .object(let members)?:
            if members.isEmpty { return path.isEmpty ? [] : [(path, "{}")] }
            return members.keys.sorted().flatMap { leaves(members[$0], path.isEmpty ? $0 : path + "." + $0) }
        case .array(let items)?:
            if items.isEmpty { return [(path, "[]")] }
            return items.enumerated().flatMap { leaves($1, path + "[\($0 + 1)]") }
        case let scalar?:
            return [(path, CaseFormRenderer.display(scalar))]
        }
    }

    static func changes(_ a: LuaValue?, _ b: LuaValue?) -> [Change] {
        let before = Dictionary(leaves(a), uniquingKeysWith: { x, _ in x })
        let after = Dictionary(leaves(b), uniquingKeysWith: { x, _ in x })
        let paths = Set(before.keys).union(after.keys).sorted { $0.compare($1, options: .numeric) == .orderedAscending }
        return paths.compactMap { path in
            switch (before[path], after[path]) {
            case let (x?, y?): return x == y ? nil : Change(path: path, kind: .changed, before: x, after: y)
            case let (nil, y?): return Change(path: path, kind: .added, before: nil, after: y)
            case let (x?, nil): return Change(path: path, kind: .removed, before: x, after: nil)
            case (nil, nil): return nil
            }
        }
    }
}
