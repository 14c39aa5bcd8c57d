import Foundation
import LuaRuntime

/// The case form, derived from a framework's case schema (JSON Schema) and ordered and explained
/// by the case template: every field of the schema has an input, so a case can be written without
/// YAML; what the form cannot show as inputs (a shape the generator does not know) is edited as
/// JSON in a text area, so nothing in a case is out of reach and nothing is dropped on save.
///
/// Names of inputs are `c/` and the field's path with `/` (list items by index):
/// `c/problem/baseline/0/value`. Control fields start with `@` (`@count`, `@remove`, `@none`,
/// `@state`, `@file`).
struct CaseForm: Sendable {
    /// What kind of input a field gets.
    indirect enum Shape: Sendable {
        /// Free text; `long` gets a text area.
        case text(long: Bool)
        case number(integer: Bool)
        /// A date (YYYY-MM-DD) or a year.
        case textOrInteger
        case date
        case boolean
        /// One of fixed values.
        case choice([String])
        /// Several of fixed values (a list of codes).
        case choices([String])
        /// Named fields; `bareText` names the field that holds an item written as plain text.
        case object([Field], bareText: String?)
        /// Items of one shape; `noneAllowed`: the list may be given empty ("there are none").
        case list(Shape, noneAllowed: Bool)
        /// "there is none" (one of the schema's `none` answers), or what the inner shape says.
        case noneOr(Shape, NoneAnswers)
        /// Anything else: the value as JSON.
        case json
        /// A constant (`schema_version`): kept as it is, not shown.
        case fixed
    }

    /// The answers a schema accepts for "there is none" (`$defs/none`: `none`, `ninguno`, …, `false`).
    struct NoneAnswers: Sendable, Equatable {
        /// The text answers, lowercased.
        var words: Set<String> = []
        /// Answers that are not text (`false`).
        var others: [LuaValue] = []
        /// What the form writes for "there is none": the schema's first text answer.
        var written: LuaValue = .string("none")

        init(_ values: [LuaValue]) {
            words = Set(values.compactMap { $0.stringValue?.lowercased() })
            others = values.filter { $0.stringValue == nil }
            if let first = values.first(where: { $0.stringValue != nil }) { written = first }
        }

        func matches(_ value: LuaValue?) -> Bool {
            guard let value else { return false }
            if let s = value.stringValue { return words.contains(s.lowercased()) }
            return others.contains(value)
        }
    }

    /// How a "none or block" field stands: not reported, "there is none", or described.
    enum BlockState: String, Sendable {
        case absent, none, given

        init(_ value: LuaValue?, _ none: NoneAnswers) {
            if value == nil || value == .null { self = .absent } else if none.matches(value) { self = .none } else { self = .given }
        }
    }

    struct Field: Sendable {
        var key: String
        var shape: Shape
        var required: Bool
        /// The schema's description (English), when the template says nothing.
        var description: String?
    }

    /// The case's top-level fields.
    var fields: [Field]
    var hints: CaseTemplateHints

    /// Builds the form of `schema` (the parsed JSON Schema); `hints` order and explain it.
    init(schema: LuaValue, hints: CaseTemplateHints) {
        self.hints = hints
        let builder = Builder(root: schema, hints: hints)
        if case .object(let fields, _) = builder.shape(schema, path: "", key: "", depth: 0) {
            self.fields = fields
        } else {
            self.fields = []
        }
    }

    /// Field names that get a text area.
    static let longText: Set<String> = ["summary", "statement", "description", "general", "finding", "findings", "response",
                                        "question", "domain_rationale", "decision_rule", "mandate", "cross_party_agreement",
                                        "reference", "illustrative"]

    /// The top-level fields grouped as the template's sections (fields the template does not
    /// name come last, under "Other fields").
    func sections(otherTitle: String) -> [(title: String, fields: [Field])] {
        var placed: Set<String> = []
        var out: [(String, [Field])] = []
        let byKey = Dictionary(fields.map { ($0.key, $0) }, uniquingKeysWith: { a, _ in a })
        for section in hints.sections {
            let members = section.keys.compactMap { byKey[$0] }.filter { if case .fixed = $0.shape { return false } else { return true } }
            guard !members.isEmpty else { continue }
            members.forEach { placed.insert($0.key) }
            out.append((section.title, members))
        }
        let rest = fields.filter { field in
            if case .fixed = field.shape { return false }
            return !placed.contains(field.key)
        }
        if !rest.isEmpty {
            if out.isEmpty { out.append(("", rest)) } else { out.append((otherTitle, rest)) }
        }
        return out
    }

    private struct Builder {
        let root: LuaValue
        let hints: CaseTemplateHints

        /// Follows `$ref`s into `#/$defs/…`, keeping the first description met.
        func resolve(_ node: LuaValue) -> (node: LuaValue, description: String?, refName: String?) {
            var node = node
            var description = node["description"]?.stringValue
            var name: String?
            var hops = 0
            while let ref = node["$ref"]?.stringValue, hops < 16 {
                hops += 1
                let parts = ref.split(separator: "/").map(String.init)
                guard parts.count == 3, parts[0] == "#", let target = root[parts[1]]?[parts[2]] else { break }
                name = parts[2]
                node = target
                if description == nil { description = node["description"]?.stringValue }
            }
            return (node, description, name)
        }

        /// The "there is none" answers of a branch (`$ref: #/$defs/none`, or an enum holding
        /// "none" with no type), nil for another branch.
        static func noneAnswers(_ node: LuaValue, refName: String?) -> [LuaValue]? {
            guard refName == "none" || node["enum"]?.arrayValue?.contains(.string("none")) == true && node["type"] == nil else {
                return nil
            }
            return node["enum"]?.arrayValue ?? [.string("none")]
        }

        static func types(_ node: LuaValue) -> [String] {
            if let one = node["type"]?.stringValue { return [one] }
            return node["type"]?.arrayValue?.compactMap(\.stringValue) ?? []
        }

        func shape(_ raw: LuaValue, path: String, key: String, depth: Int) -> CaseForm.Shape {
            guard depth < 12 else { return .json }
            let (node, _, refName) = resolve(raw)
            if node["const"] != nil { return .fixed }
            if let branches = (node["anyOf"] ?? node["oneOf"])?.arrayValue {
                var none: [LuaValue]?
                var rest: [(LuaValue, String?)] = []
                for b in branches {
                    let (n, _, name) = resolve(b)
                    if let answers = Self.noneAnswers(n, refName: name) { none = (none ?? []) + answers; continue }
                    if Self.types(n) == ["null"] { continue }
                    rest.append((n, name))
                }
                var inner: CaseForm.Shape
                if rest.count == 1 {
                    inner = shape(rest[0].0, path: path, key: key, depth: depth + 1)
                    if rest[0].1 == "date" { inner = .date }
                } else if rest.count == 2, let object = rest.first(where: { Self.types($0.0).contains("object") }),
                          rest.contains(where: { Self.types($0.0) == ["string"] }),
                          case .object(let fields, _) = shape(object.0, path: path, key: key, depth: depth + 1) {
                    let required = object.0["required"]?.arrayValue?.first?.stringValue
                    inner = .object(fields, bareText: required ?? fields.first?.key)
                } else {
                    inner = .json
                }
                return none.map { .noneOr(inner, NoneAnswers($0)) } ?? inner
            }
            if refName == "date" { return .date }
            if let values = node["enum"]?.arrayValue {
                let strings = values.compactMap(\.stringValue)
                return strings.isEmpty ? .json : .choice(strings)
            }
            let types = Self.types(node).filter { $0 != "null" }
            switch types {
            case ["object"]:
                let properties = node["properties"]?.objectValue ?? [:]
                let required = Set(node["required"]?.arrayValue?.compactMap(\.stringValue) ?? [])
                // The template's order; fields it does not place come after, the required ones first.
                let keys = properties.keys.sorted { a, b in
                    let pa = hints.order[join(path, a)] ?? Int.max, pb = hints.order[join(path, b)] ?? Int.max
                    if pa != pb { return pa < pb }
                    if required.contains(a) != required.contains(b) { return required.contains(a) }
                    return a < b
                }
                if keys.isEmpty { return .json }
                return .object(keys.map { k in
                    let sub = properties[k]!
                    return CaseForm.Field(key: k, shape: shape(sub, path: join(path, k), key: k, depth: depth + 1),
                                          required: required.contains(k), description: resolve(sub).description)
                }, bareText: nil)
            case ["array"]:
                guard let items = node["items"] else { return .json }
                let (itemNode, _, itemRef) = resolve(items)
                if itemRef != "date", let values = itemNode["enum"]?.arrayValue?.compactMap(\.stringValue), !values.isEmpty {
                    return .choices(values)
                }
                let item = shape(items, path: path + "[]", key: key, depth: depth + 1)
                if case .fixed = item { return .json }
                return .list(item, noneAllowed: Self.types(node).contains("null") || node["minItems"] == nil)
            case ["string"]:
                if let pattern = node["pattern"]?.stringValue, pattern.contains("[0-9]{4}-") { return .date }
                return .text(long: CaseForm.longText.contains(key))
            case ["integer"]: return .number(integer: true)
            case ["number"]: return .number(integer: false)
            case ["boolean"]: return .boolean
            case ["integer", "string"], ["string", "integer"]: return .textOrInteger
            default: return .json
            }
        }

        func join(_ path: String, _ key: String) -> String { path.isEmpty ? key : path + "." + key }
    }
}
