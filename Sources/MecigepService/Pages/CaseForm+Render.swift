import Foundation
import LuaRuntime

/// A place in a case: field names and list positions.
enum CasePathPart: Sendable, Equatable {
    case key(String)
    case index(Int)
}

extension [CasePathPart] {
    /// The input's name: `c/problem/baseline/0/value`.
    var inputName: String {
        "c/" + map { if case .key(let k) = $0 { k } else if case .index(let i) = $0 { String(i) } else { "" } }.joined(separator: "/")
    }
    /// The element id: `f-problem-baseline-0-value`.
    var elementID: String {
        "f-" + map { if case .key(let k) = $0 { k } else if case .index(let i) = $0 { String(i) } else { "" } }.joined(separator: "-")
    }
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
                render(field, [.key(field.key)], value?[field.key], depth: 1)
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
        let waiting = needed[path.dotted.replacingOccurrences(of: #"\[[0-9]+\]"#, with: "", options: .regularExpression)] ?? []
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

    func render(_ field: CaseForm.Field, _ path: [CasePathPart], _ value: LuaValue?, depth: Int) -> HTMLNode {
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
            if long || Self.display(value).contains("\n") { return labelled(.el("textarea", [("name", name), ("id", id), ("rows", "3")] + aria, [.text(Self.display(value))])) }
            return labelled(H.input(name, id: id, value: Self.display(value), extra: aria))
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
            return labelled(.el("select", [("name", name), ("id", id)] + aria, options.map { option($0.0, $0.1, selected: shown) }))
        case .choice(let values):
            let shown = Self.display(value)
            var options: [(String, String)] = [("", tr("not reported"))] + values.map { ($0, $0) }
            if !shown.isEmpty, !values.contains(shown) { options.append((shown, shown)) }
            return labelled(.el("select", [("name", name), ("id", id)] + aria, options.map { option($0.0, $0.1, selected: shown) }))
        case .choices(let values):
            let chosen = Set((value?.arrayValue ?? []).compactMap(\.stringValue))
            var boxes: [HTMLNode] = values.enumerated().map { i, v in
                checkbox(name, id: id + "-\(i)", value: v, label: v, checked: chosen.contains(v))
            }
            for extra in chosen.subtracting(values).sorted() {  // a code the schema does not know: kept, and flagged
                boxes.append(checkbox(name, id: id + "-x\(boxes.count)", value: extra, label: extra, checked: true))
            }
            boxes.append(checkbox(name + "/@none", id: id + "-none", value: "on", label: tr("there are none"),
                                  checked: value?.arrayValue?.isEmpty == true))
            return group([.el("div", [("class", "choices")], boxes)])
        case .json:
            let text = value.map { $0 == .null ? "" : $0.jsonText(pretty: true) } ?? ""
            return labelled(.el("textarea", [("name", name + "/@json"), ("id", id), ("rows", "4"), ("class", "code")] + aria,
                                [.text(text)]))
        case .object(let fields, let bareText):
            var object = value?.objectValue ?? [:]
            if let bareText, let text = value?.stringValue { object = [bareText: .string(text)] }
            let children = fields.map { render($0, path + [.key($0.key)], object[$0.key], depth: depth + 1) }
            return group(children + unknownKeys(object, fields))
        case .list(let item, let noneAllowed):
            let items = value?.arrayValue ?? []
            var children: [HTMLNode] = [.el("input", [("type", "hidden"), ("name", name + "/@count"), ("value", String(items.count + 1))])]
            for (i, element) in (items + [LuaValue.null]).enumerated() {
                let isNew = i == items.count
                let itemField = CaseForm.Field(key: field.key, shape: item, required: false, description: nil)
                let itemPath = path + [.index(i)]
                let caption = isNew ? tr("new item") : tr("item") + " " + String(i + 1)
                var body: [HTMLNode]
                let shown: LuaValue? = isNew ? .none : .some(element)
                switch CaseForm.effective(item, shown) {
                case .object(let fields, let bareText):
                    var object = element.objectValue ?? [:]
                    if let bareText, let text = element.stringValue { object = [bareText: .string(text)] }
                    body = fields.map { render($0, itemPath + [.key($0.key)], isNew ? nil : object[$0.key], depth: depth + 1) }
                    body += unknownKeys(object, fields)
                    if field.key == "documents" { body.append(annexControl(itemPath, object["annex"])) }
                case let shape:
                    var scalar = itemField
                    scalar.shape = shape
                    body = [renderBare(scalar, itemPath, shown, caption: caption)]
                }
                if !isNew {
                    body.append(checkbox(itemPath.inputName + "/@remove", id: itemPath.elementID + "-remove", value: "on",
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
                children.append(checkbox(name + "/@none", id: id + "-none", value: "on", label: tr("there are none"),
                                         checked: value?.arrayValue?.isEmpty == true))
            }
            return group(children)
        case .noneOr(let inner):
            let state: String
            switch value {
            case nil, .null?: state = "absent"
            case .object?, .array?: state = "given"
            case .bool(false)?: state = "none"
            case .string(let s)? where CaseFormDecoder.noneWords.contains(s.lowercased()): state = "none"
            default: state = "given"
            }
            let radios: [HTMLNode] = [("absent", tr("not reported")), ("none", tr("there is none")), ("given", tr("as below"))]
                .map { v, text in radio(name + "/@state", id: id + "-state-" + v, value: v, label: text, checked: state == v) }
            var children: [HTMLNode] = [.el("div", [("class", "choices")], radios)]
            let innerValue: LuaValue? = state == "given" ? value : nil
            switch inner {
            case .object(let fields, _):
                let object = innerValue?.objectValue ?? [:]
                children += fields.map { render($0, path + [.key($0.key)], object[$0.key], depth: depth + 1) }
                children += unknownKeys(object, fields)
            default:
                var plain = field
                plain.shape = inner
                children.append(renderBare(plain, path, innerValue, caption: Self.humanize(field.key)))
            }
            return group(children)
        }
    }

    /// A list item that is a single value: the input alone, labelled by the item's caption.
    func renderBare(_ field: CaseForm.Field, _ path: [CasePathPart], _ value: LuaValue?, caption: String) -> HTMLNode {
        var field = field
        field.key = caption
        field.required = false
        let rendered = render(field, path, value, depth: 9)
        return rendered
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

    func option(_ value: String, _ label: String, selected: String) -> HTMLNode {
        .el("option", [("value", value)] + (value == selected ? [("selected", "selected")] : []), [.text(label)])
    }

    func checkbox(_ name: String, id: String, value: String, label: String, checked: Bool) -> HTMLNode {
        .el("div", [("class", "check")], [
            .el("input", [("type", "checkbox"), ("name", name), ("id", id), ("value", value)] + (checked ? [("checked", "checked")] : [])),
            .el("label", [("for", id)], [.text(label)]),
        ])
    }

    func radio(_ name: String, id: String, value: String, label: String, checked: Bool) -> HTMLNode {
        .el("div", [("class", "check")], [
            .el("input", [("type", "radio"), ("name", name), ("id", id), ("value", value)] + (checked ? [("checked", "checked")] : [])),
            .el("label", [("for", id)], [.text(label)]),
        ])
    }
}
