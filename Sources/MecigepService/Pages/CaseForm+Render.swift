import Foundation
import LuaRuntime

/// A place in a case: field names and list positions.
enum CasePathPart: Sendable, Equatable {
    case key(String)
    case index(Int)
}

extension [CasePathPart] {
    /// The parts as text: field names, and positions as numbers.
    private var segments: [String] {
        map { part in
            switch part {
            case .key(let k): k
            case .index(let i): String(i)
            }
        }
    }
    /// The input's name: `c/problem/baseline/0/value`.
    var inputName: String { "c/" + segments.joined(separator: "/") }
    /// The element id: `f-problem-baseline-0-value`.
    var elementID: String { "f-" + segments.joined(separator: "-") }
    /// As `validate` names it: `problem.baseline[0].value`.
    var dotted: String {
        var out = ""
        for part in self {
            switch part {
            case .key(let k): out += out.isEmpty ? k : "." + k
            case .index(let i): out += "[\(i)]"
            }
        }
        return out
    }
    /// As the template names it: `problem.baseline[].value`.
    var hintPath: String {
        var out = ""
        for part in self {
            switch part {
            case .key(let k): out += out.isEmpty ? k : "." + k
            case .index: out += "[]"
            }
        }
        return out
    }
}

/// Renders the case form for one revision's value, with the completeness check's problems shown
/// beside the fields they concern.
struct CaseFormRenderer {
    let form: CaseForm
    let tr: (String) -> String
    /// Problems per dotted path (`problem.baseline[0].value`).
    var problems: [String: [String]] = [:]
    /// Indicators that still need a field, per dotted path without positions.
    var needed: [String: [String]] = [:]
    /// Where an annex recorded in a document's `annex` can be downloaded.
    var annexLink: (String) -> String? = { _ in nil }

    /// The form's sections, each a `<section>` with a heading; sections with a value or a problem
    /// start open.
    func sections(_ value: LuaValue?) -> [HTMLNode] {
        form.sections(otherTitle: tr("other fields")).enumerated().map { index, section in
            let fields = section.fields.map { field in
                render(field, [.key(field.key)], value?[field.key])
            }
            let id = "section-\(index + 1)"
            let title = section.title.isEmpty ? tr("case") : section.title
            return .el("section", [("id", id), ("aria-labelledby", id + "-title"), ("class", "form-section")],
                       [H.h2(title, id: id + "-title")] + fields)
        }
    }

    static func humanize(_ key: String) -> String {
        let words = key.replacingOccurrences(of: "_", with: " ")
        return words.prefix(1).uppercased() + words.dropFirst()
    }

    func label(_ field: CaseForm.Field) -> String {
        Self.humanize(field.key) + (field.required ? " (" + tr("required") + ")" : "")
    }

    /// The help under a field's label: the template's comment in the user's language (the
    /// schema's description otherwise), and what indicators wait for the field.
    func helpNodes(_ field: CaseForm.Field, _ path: [CasePathPart], id: String) -> (nodes: [HTMLNode], ids: [String]) {
        var nodes: [HTMLNode] = []
        var ids: [String] = []
        var text = form.hints.help[path.hintPath] ?? field.description
        if let notes = form.hints.notes[path.hintPath], !notes.isEmpty {
            text = ([text].compactMap { $0 } + notes).joined(separator: " ")
        }
        if let text {
            nodes.append(.el("p", [("class", "help"), ("id", id + "-help")], [.text(text)]))
            ids.append(id + "-help")
        }
        let waiting = needed[path.hintPath.replacingOccurrences(of: "[]", with: "")] ?? []
        if !waiting.isEmpty {
            nodes.append(.el("p", [("class", "help needed"), ("id", id + "-needed")],
                             [.text(tr("needed by") + " " + waiting.joined(separator: ", "))]))
            ids.append(id + "-needed")
        }
        if let messages = problems[path.dotted], !messages.isEmpty {
            nodes.append(.el("p", [("class", "field-error"), ("id", id + "-error")],
                             [.el("strong", [], [.text(tr("problem") + ": ")]), .text(messages.joined(separator: "; "))]))
            ids.append(id + "-error")
        }
        return (nodes, ids)
    }

    func describedBy(_ ids: [String], invalid: Bool) -> [(String, String)] {
        var out: [(String, String)] = []
        if !ids.isEmpty { out.append(("aria-describedby", ids.joined(separator: " "))) }
        if invalid { out.append(("aria-invalid", "true")) }
        return out
    }

    /// The text an input shows for a value (a value of another type than the field's, such as a
    /// number written as text, is shown as it is so it can be corrected).
    static func display(_ value: LuaValue?) -> String {
        switch value {
        case nil, .null?: return ""
        case .string(let s)?: return s
        case .integer(let i)?: return String(i)
        case .double(let d)?: return String(d)
        case .bool(let b)?: return b ? "true" : "false"
        case let other?: return other.jsonText(pretty: true)
        }
    }

    func render(_ field: CaseForm.Field, _ path: [CasePathPart], _ value: LuaValue?) -> HTMLNode {
        let id = path.elementID, name = path.inputName
        let (help, helpIDs) = helpNodes(field, path, id: id)
        let invalid = problems[path.dotted] != nil
        let aria = describedBy(helpIDs, invalid: invalid)
        var heading: [HTMLNode] = []
        if let title = form.hints.headings[path.hintPath] { heading.append(H.h3(title)) }
        let cls = invalid ? "field invalid" : "field"

        func labelled(_ control: HTMLNode) -> HTMLNode {
            .el("div", [("class", cls)], heading + [.el("label", [("for", id)], [.text(label(field))])] + help + [control])
        }
        func group(_ children: [HTMLNode]) -> HTMLNode {
            let fieldset = HTMLNode.el("fieldset", [("id", id), ("class", invalid ? "group invalid" : "group")] + aria,
                                       [.el("legend", [], [.text(label(field))])] + help + children)
            return heading.isEmpty ? fieldset : .el("div", [], heading + [fieldset])
        }

        switch CaseForm.effective(field.shape, value) {
        case .fixed:
            return .el("span", [])
        case .text(let long):
            let shown = Self.display(value)
            if long || shown.contains("\n") { return labelled(.el("textarea", [("name", name), ("id", id), ("rows", "3")] + aria, [.text(shown)])) }
            return labelled(H.input(name, id: id, value: shown, extra: aria))
        case .number(let integer):
            return labelled(H.input(name, id: id, value: Self.display(value),
                                    extra: [("inputmode", integer ? "numeric" : "decimal"), ("class", "short")] + aria))
        case .textOrInteger, .date:
            return labelled(H.input(name, id: id, value: Self.display(value),
                                    extra: [("class", "short"), ("placeholder", tr("date placeholder"))] + aria))
        case .boolean:
            var options: [(String, String)] = [("", tr("not reported")), ("true", tr("yes")), ("false", tr("no"))]
            let shown = Self.display(value)
            if !shown.isEmpty, shown != "true", shown != "false" { options.append((shown, shown)) }
            return labelled(H.select(name, id: id, options: options, selected: shown, extra: aria))
        case .choice(let values):
            let shown = Self.display(value)
            var options: [(String, String)] = [("", tr("not reported"))] + values.map { ($0, $0) }
            if !shown.isEmpty, !values.contains(shown) { options.append((shown, shown)) }
            return labelled(H.select(name, id: id, options: options, selected: shown, extra: aria))
        case .choices(let values):
            let chosen = Set((value?.arrayValue ?? []).compactMap(\.stringValue))
            var boxes: [HTMLNode] = values.enumerated().map { i, v in
                choiceInput("checkbox", name, id: id + "-\(i)", value: v, label: v, checked: chosen.contains(v))
            }
            for extra in chosen.subtracting(values).sorted() {  // a code the schema does not know: kept, and flagged
                boxes.append(choiceInput("checkbox", name, id: id + "-x\(boxes.count)", value: extra, label: extra, checked: true))
            }
            boxes.append(choiceInput("checkbox", name + "/@none", id: id + "-none", value: "on", label: tr("there are none"),
                                  checked: value?.arrayValue?.isEmpty == true))
            return group([.el("div", [("class", "choices")], boxes)])
        case .json:
            let text = value.map { $0 == .null ? "" : $0.jsonText(pretty: true) } ?? ""
            return labelled(.el("textarea", [("name", name + "/@json"), ("id", id), ("rows", "4"), ("class", "code")] + aria,
                                [.text(text)]))
        case .object(let fields, let bareText):
            return group(objectFields(fields, bareText: bareText, path, value))
        case .list(let item, let noneAllowed):
            let items = value?.arrayValue ?? []
            var children: [HTMLNode] = [.el("input", [("type", "hidden"), ("name", name + "/@count"), ("value", String(items.count + 1))])]
            for i in 0...items.count {
                let isNew = i == items.count
                let itemPath = path + [.index(i)]
                let caption = isNew ? tr("new item") : tr("item") + " " + String(i + 1)
                var body: [HTMLNode]
                let shown: LuaValue? = isNew ? .none : .some(items[i])
                switch CaseForm.effective(item, shown) {
                case .object(let fields, let bareText):
                    body = objectFields(fields, bareText: bareText, itemPath, shown)
                    if field.key == "documents" { body.append(annexControl(itemPath, shown?["annex"])) }
                case let shape:
                    body = [renderBare(CaseForm.Field(key: caption, shape: shape, required: false, description: nil), itemPath, shown)]
                }
                if !isNew {
                    body.append(choiceInput("checkbox", itemPath.inputName + "/@remove", id: itemPath.elementID + "-remove", value: "on",
                                         label: tr("remove item"), checked: false))
                }
                let itemProblems = problems[itemPath.dotted].map { [HTMLNode.el("p", [("class", "field-error")],
                                                                                 [.text($0.joined(separator: "; "))])] } ?? []
                children.append(.el("fieldset", [("class", isNew ? "item new" : "item"), ("id", itemPath.elementID)],
                                    [.el("legend", [], [.text(caption)])] + itemProblems + body))
            }
            if let examples = form.hints.examples[path.hintPath], !examples.isEmpty {
                children.insert(.el("details", [("class", "examples")], [
                    .el("summary", [], [.text(tr("examples"))]),
                    .el("ul", [], examples.map { .el("li", [], [.el("code", [], [.text($0)])]) }),
                ]), at: 0)
            }
            if noneAllowed {
                children.append(choiceInput("checkbox", name + "/@none", id: id + "-none", value: "on", label: tr("there are none"),
                                         checked: value?.arrayValue?.isEmpty == true))
            }
            return group(children)
        case .noneOr(let inner, let none):
            let state = CaseForm.BlockState(value, none)
            let radios: [HTMLNode] = [(CaseForm.BlockState.absent, tr("not reported")), (.none, tr("there is none")), (.given, tr("as below"))]
                .map { v, text in
                    choiceInput("radio", name + "/@state", id: id + "-state-" + v.rawValue, value: v.rawValue, label: text, checked: state == v)
                }
            var children: [HTMLNode] = [.el("div", [("class", "choices")], radios)]
            let innerValue: LuaValue? = state == .given ? value : nil
            switch inner {
            case .object(let fields, _):
                children += objectFields(fields, bareText: nil, path, innerValue)
            default:
                var plain = field
                plain.shape = inner
                children.append(renderBare(plain, path, innerValue))
            }
            return group(children)
        }
    }

    /// A single input labelled by the field's key alone (a list item's caption; a block's one value).
    func renderBare(_ field: CaseForm.Field, _ path: [CasePathPart], _ value: LuaValue?) -> HTMLNode {
        var field = field
        field.required = false
        return render(field, path, value)
    }

    /// The inputs of an object's fields (an item written as plain text shows in its `bareText`
    /// field), then the fields the schema does not name.
    func objectFields(_ fields: [CaseForm.Field], bareText: String?, _ path: [CasePathPart], _ value: LuaValue?) -> [HTMLNode] {
        var object = value?.objectValue ?? [:]
        if let bareText, let text = value?.stringValue { object = [bareText: .string(text)] }
        return fields.map { render($0, path + [.key($0.key)], object[$0.key]) } + unknownKeys(object, fields)
    }

    /// Fields a case has that the schema does not name: kept on save, shown so nobody is surprised.
    func unknownKeys(_ object: [String: LuaValue], _ fields: [CaseForm.Field]) -> [HTMLNode] {
        let known = Set(fields.map(\.key))
        let extra = object.keys.filter { !known.contains($0) }.sorted()
        guard !extra.isEmpty else { return [] }
        return [.el("p", [("class", "help")], [.text(tr("kept fields") + " " + extra.joined(separator: ", "))])]
    }

    /// The file input beside a document of the register: an annex uploaded with the form is stored,
    /// hashed, and recorded in the document's `annex`.
    func annexControl(_ path: [CasePathPart], _ annex: LuaValue?) -> HTMLNode {
        let id = path.elementID + "-file"
        var children: [HTMLNode] = [
            .el("label", [("for", id)], [.text(tr("attach annex"))]),
            .el("input", [("type", "file"), ("name", path.inputName + "/@file"), ("id", id)]),
        ]
        if let text = annex?.stringValue, let href = annexLink(text) {
            children.append(H.p(H.a(href, tr("download annex") + ": " + text)))
        }
        return .el("div", [("class", "field")], children)
    }

    /// A checkbox or radio button with its label.
    func choiceInput(_ type: String, _ name: String, id: String, value: String, label: String, checked: Bool) -> HTMLNode {
        .el("div", [("class", "check")], [
            .el("input", [("type", type), ("name", name), ("id", id), ("value", value)] + (checked ? [("checked", "checked")] : [])),
            .el("label", [("for", id)], [.text(label)]),
        ])
    }
}
