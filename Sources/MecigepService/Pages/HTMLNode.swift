import Foundation
import MecigepReports

/// HTML built as values. Text and attribute values are escaped when the tree is rendered, so text
/// that came from a user can only ever be text: there is no node that is not escaped (the
/// stylesheet is a file of its own, `/assets/mecigep.css`).
struct HTMLNode: Sendable {
    enum Kind: Sendable {
        case element(String, [(String, String)], [HTMLNode])
        case text(String)
    }
    let kind: Kind

    static func el(_ name: String, _ attributes: [(String, String)] = [], _ children: [HTMLNode] = []) -> HTMLNode {
        HTMLNode(kind: .element(name, attributes, children))
    }
    static func text(_ s: String) -> HTMLNode { HTMLNode(kind: .text(s)) }

    /// Elements with no content and no closing tag.
    static let void: Set<String> = ["input", "br", "meta", "link", "hr", "img"]

    func render(into out: inout String) {
        switch kind {
        case .text(let s): out += Self.escape(s)
        case .element(let name, let attributes, let children):
            out += "<" + name
            for (key, value) in attributes { out += " " + key + "=\"" + Self.escape(value) + "\"" }
            out += ">"
            if Self.void.contains(name) { return }
            for c in children { c.render(into: &out) }
            out += "</" + name + ">"
        }
    }

    var html: String {
        var out = "<!DOCTYPE html>\n"
        render(into: &out)
        return out
    }

    /// The reports' escaping (also replaces control characters HTML does not allow).
    static func escape(_ s: String) -> String { HTML.escape(s) }
}

/// Shorthands for the elements the pages use.
enum H {
    static func t(_ s: String) -> HTMLNode { .text(s) }
    static func h1(_ s: String) -> HTMLNode { .el("h1", [], [.text(s)]) }
    static func h2(_ s: String, id: String? = nil) -> HTMLNode { .el("h2", id.map { [("id", $0)] } ?? [], [.text(s)]) }
    static func h3(_ s: String) -> HTMLNode { .el("h3", [], [.text(s)]) }
    static func p(_ children: HTMLNode..., cls: String? = nil) -> HTMLNode { .el("p", cls.map { [("class", $0)] } ?? [], children) }
    static func a(_ href: String, _ s: String, _ attributes: [(String, String)] = []) -> HTMLNode {
        .el("a", [("href", href)] + attributes, [.text(s)])
    }
    static func ul(_ items: [HTMLNode], cls: String? = nil) -> HTMLNode {
        .el("ul", cls.map { [("class", $0)] } ?? [], items.map { .el("li", [], [$0]) })
    }
    static func section(_ title: String, id: String, _ children: [HTMLNode]) -> HTMLNode {
        .el("section", [("id", id), ("aria-labelledby", id + "-title")], [h2(title, id: id + "-title")] + children)
    }
    static func badge(_ s: String, cls: String = "") -> HTMLNode { .el("span", [("class", "badge " + cls)], [.text(s)]) }

    /// A table with a caption, header cells and rows of cells (each row's first cell a row header).
    static func table(caption: String, head: [String], rows: [[HTMLNode]]) -> HTMLNode {
        // A region that may scroll sideways on a phone: reachable and scrollable with the keyboard.
        .el("div", [("class", "table-wrap"), ("tabindex", "0"), ("role", "region"), ("aria-label", caption)], [.el("table", [], [
            .el("caption", [], [.text(caption)]),
            .el("thead", [], [.el("tr", [], head.map { .el("th", [("scope", "col")], [.text($0)]) })]),
            .el("tbody", [], rows.map { cells in
                .el("tr", [], cells.enumerated().map { i, c in i == 0 ? .el("th", [("scope", "row")], [c]) : .el("td", [], [c]) })
            }),
        ])])
    }

    /// A form that posts to `action` with the session's CSRF token.
    static func form(_ action: String, csrf: String, _ children: [HTMLNode], cls: String? = nil,
                     multipart: Bool = false) -> HTMLNode {
        var attributes = [("method", "post"), ("action", action)]
        if let cls { attributes.append(("class", cls)) }
        if multipart { attributes.append(("enctype", "multipart/form-data")) }
        return .el("form", attributes, [.el("input", [("type", "hidden"), ("name", "_csrf"), ("value", csrf)])] + children)
    }

    /// A labelled field: the label names the input, and the help (if any) describes it.
    static func field(_ label: String, id: String, help: String? = nil, _ control: HTMLNode) -> HTMLNode {
        var children: [HTMLNode] = [.el("label", [("for", id)], [.text(label)])]
        if let help { children.append(.el("p", [("class", "help"), ("id", id + "-help")], [.text(help)])) }
        children.append(control)
        return .el("div", [("class", "field")], children)
    }

    static func input(_ name: String, id: String, type: String = "text", value: String = "", required: Bool = false,
                      extra: [(String, String)] = []) -> HTMLNode {
        var attributes = [("type", type), ("name", name), ("id", id), ("value", value)] + extra
        if required { attributes.append(("required", "required")) }
        return .el("input", attributes)
    }

    static func textarea(_ name: String, id: String, value: String = "", rows: Int = 6, required: Bool = false,
                         describedBy: String? = nil) -> HTMLNode {
        var attributes = [("name", name), ("id", id), ("rows", String(rows))]
        if required { attributes.append(("required", "required")) }
        if let describedBy { attributes.append(("aria-describedby", describedBy)) }
        return .el("textarea", attributes, [.text(value)])
    }

    static func select(_ name: String, id: String, options: [(value: String, label: String)], selected: String? = nil,
                       extra: [(String, String)] = []) -> HTMLNode {
        .el("select", [("name", name), ("id", id)] + extra, options.map { o in
            .el("option", [("value", o.value)] + (o.value == selected ? [("selected", "selected")] : []), [.text(o.label)])
        })
    }

    static func button(_ s: String, name: String? = nil, value: String? = nil, cls: String? = nil) -> HTMLNode {
        var attributes = [("type", "submit")]
        if let name { attributes.append(("name", name)) }
        if let value { attributes.append(("value", value)) }
        if let cls { attributes.append(("class", cls)) }
        return .el("button", attributes, [.text(s)])
    }
}
