import Foundation
import LuaRuntime

/// One schema of a `JSONSchema`, compiled when the framework loads: its keywords are read once
/// here instead of being looked up by name for every value of every case checked. Subschemas
/// and `$ref` targets are indices into the compiled list. A class: the checker takes a node for
/// every value it checks, and sharing it costs one reference where a copy of the keywords cost
/// a dozen; a node is never changed once compiled.
final class SchemaNode: @unchecked Sendable {
    enum Form: Sendable {
        /// `true`, or a value that is not a schema object (nothing to check).
        case allowAll
        /// `false`.
        case denyAll
        /// An object: the keywords below apply.
        case object
    }

    var form: Form = .object
    /// `$ref`'s target, when it resolves.
    var ref: Int?
    /// `type`'s names (present, possibly empty, when the keyword is).
    var types: [String]?
    var enumValues: [LuaValue]?
    var const: LuaValue?
    var minimum: Double?
    var maximum: Double?
    var exclusiveMinimum: Double?
    var exclusiveMaximum: Double?
    var minLength: Double?
    var maxLength: Double?
    var pattern: (source: String, regex: NSRegularExpressionBox)?
    var minItems: Double?
    var maxItems: Double?
    var items: Int?
    var required: [String] = []
    var properties: [String: Int] = [:]
    /// `additionalProperties` when it is a schema other than `false`.
    var additional: Int?
    /// `additionalProperties: false`, which has a message of its own.
    var additionalIsFalse = false
    var allOf: [Int]?
    var anyOf: [Int]?
    var oneOf: [Int]?
    var not: Int?
}

/// Compiles a schema document into `SchemaNode`s (node 0 is the root).
struct SchemaCompiler {
    let root: LuaValue
    let patterns: [String: NSRegularExpressionBox]
    private var nodes: [SchemaNode] = []
    private var byRef: [String: Int] = [:]

    init(root: LuaValue, patterns: [String: NSRegularExpressionBox]) {
        self.root = root
        self.patterns = patterns
    }

    mutating func compileAll() -> [SchemaNode] {
        _ = compile(root)
        return nodes
    }

    private mutating func compile(_ schema: LuaValue) -> Int {
        let index = nodes.count
        nodes.append(SchemaNode())
        let node = SchemaNode()
        guard let s = schema.objectValue else {
            if case .bool(false) = schema { node.form = .denyAll } else { node.form = .allowAll }
            nodes[index] = node
            return index
        }
        if let ref = s["$ref"]?.stringValue, let target = JSONSchema.resolve(ref, in: root) {
            if let known = byRef[ref] {
                node.ref = known
            } else {
                byRef[ref] = nodes.count // where compile(target) puts it: recursive refs find it
                node.ref = compile(target)
            }
        }
        if let t = s["type"] {
            node.types = t.arrayValue?.compactMap(\.stringValue) ?? t.stringValue.map { [$0] } ?? []
        }
        node.enumValues = s["enum"]?.arrayValue
        node.const = s["const"]
        node.minimum = s["minimum"]?.doubleValue
        node.maximum = s["maximum"]?.doubleValue
        node.exclusiveMinimum = s["exclusiveMinimum"]?.doubleValue
        node.exclusiveMaximum = s["exclusiveMaximum"]?.doubleValue
        node.minLength = s["minLength"]?.doubleValue
        node.maxLength = s["maxLength"]?.doubleValue
        if let p = s["pattern"]?.stringValue, let box = patterns[p] { node.pattern = (p, box) }
        node.minItems = s["minItems"]?.doubleValue
        node.maxItems = s["maxItems"]?.doubleValue
        if let items = s["items"] { node.items = compile(items) }
        node.required = s["required"]?.arrayValue?.compactMap(\.stringValue) ?? []
        for (name, sub) in (s["properties"]?.objectValue ?? [:]).sorted(by: { $0.key < $1.key }) {
            node.properties[name] = compile(sub)
        }
        if let extra = s["additionalProperties"] {
            if case .bool(false) = extra { node.additionalIsFalse = true } else { node.additional = compile(extra) }
        }
        if let list = s["allOf"]?.arrayValue { node.allOf = list.map { compile($0) } }
        if let list = s["anyOf"]?.arrayValue { node.anyOf = list.map { compile($0) } }
        if let list = s["oneOf"]?.arrayValue { node.oneOf = list.map { compile($0) } }
        if let not = s["not"] { node.not = compile(not) }
        nodes[index] = node
        return index
    }
}

/// Checks a document against compiled schema nodes, collecting violations in document order.
/// The path of the value being checked is kept as bytes and turned into text only for a
/// violation.
struct SchemaChecker {
    let nodes: [SchemaNode]
    let firstOnly: Bool
    private(set) var out: [JSONSchema.Violation] = []
    private var path: [UInt8] = []

    init(nodes: [SchemaNode], firstOnly: Bool = false, path: [UInt8] = []) {
        self.nodes = nodes
        self.firstOnly = firstOnly
        self.path = path
    }

    private var pathText: String { String(decoding: path, as: UTF8.self) }

    private func joined(_ key: String) -> String { path.isEmpty ? key : pathText + "." + key }

    private mutating func fail(_ message: String, removes: Bool = true, at p: String? = nil) {
        out.append(JSONSchema.Violation(path: p ?? pathText, message: message, removesValue: removes))
    }

    private mutating func enter(_ key: String) -> Int {
        let mark = path.count
        if !path.isEmpty { path.append(UInt8(ascii: ".")) }
        path.append(contentsOf: key.utf8)
        return mark
    }

    private mutating func enter(index: Int) -> Int {
        let mark = path.count
        path.append(UInt8(ascii: "["))
        path.append(contentsOf: String(index).utf8)
        path.append(UInt8(ascii: "]"))
        return mark
    }

    private mutating func leave(_ mark: Int) { path.removeSubrange(mark...) }

    // swiftlint:disable:next cyclomatic_complexity function_body_length
    mutating func check(_ value: LuaValue, against index: Int) {
        let s = nodes[index]
        switch s.form {
        case .allowAll: return
        case .denyAll:
            fail("is not allowed here")
            return
        case .object: break
        }
        if let ref = s.ref { check(value, against: ref) }
        if let names = s.types, !names.contains(where: { JSONSchema.hasType(value, $0) }) {
            fail("expected \(JSONSchema.describeTypes(names)), got \(CaseValidator.describe(value))")
            return
        }
        if let e = s.enumValues, !e.contains(where: { JSONSchema.equal($0, value) }) {
            let shown = e.map { $0.stringValue ?? $0.jsonText() }
            fail("\(CaseValidator.describe(value)) is not one of: \(shown.joined(separator: ", "))")
            return
        }
        if let c = s.const, !JSONSchema.equal(c, value) {
            fail("must be \(c.jsonText()), got \(CaseValidator.describe(value))")
            return
        }
        if let d = value.doubleValue {
            if let m = s.minimum, d < m { fail("must be at least \(JSONSchema.number(m)) (got \(JSONSchema.number(d)))") }
            if let m = s.maximum, d > m { fail("must be at most \(JSONSchema.number(m)) (got \(JSONSchema.number(d)))") }
            if let m = s.exclusiveMinimum, d <= m { fail("must be more than \(JSONSchema.number(m)) (got \(JSONSchema.number(d)))") }
            if let m = s.exclusiveMaximum, d >= m { fail("must be less than \(JSONSchema.number(m)) (got \(JSONSchema.number(d)))") }
        }
        if let text = value.stringValue {
            if s.minLength != nil || s.maxLength != nil {
                // JSON Schema counts characters as Unicode code points.
                let length = Double(text.unicodeScalars.count)
                if let m = s.minLength, length < m { fail(m == 1 ? "must not be empty" : "must have at least \(JSONSchema.number(m)) characters") }
                if let m = s.maxLength, length > m { fail("must have at most \(JSONSchema.number(m)) characters") }
            }
            if let (source, box) = s.pattern {
                let range = NSRange(text.startIndex..., in: text)
                if box.regex.firstMatch(in: text, range: range) == nil {
                    fail("\(CaseValidator.describe(value)) does not match \(source)")
                }
            }
        }
        if let elements = value.arrayValue {
            if let m = s.minItems, Double(elements.count) < m { fail("must have at least \(JSONSchema.number(m)) items") }
            if let m = s.maxItems, Double(elements.count) > m { fail("must have at most \(JSONSchema.number(m)) items") }
            if let items = s.items {
                for (i, element) in elements.enumerated() {
                    let mark = enter(index: i + 1)
                    check(element, against: items)
                    leave(mark)
                    if firstOnly && !out.isEmpty { return }
                }
            }
        }
        if let members = value.objectValue {
            for name in s.required where members[name] == nil {
                fail("missing: this field is required", removes: false, at: joined(name))
            }
            for key in members.keys.sorted() {
                if let sub = s.properties[key] {
                    let mark = enter(key)
                    check(members[key]!, against: sub)
                    leave(mark)
                } else if s.additionalIsFalse {
                    fail("is not a field of this case format", at: joined(key))
                } else if let extra = s.additional {
                    let mark = enter(key)
                    check(members[key]!, against: extra)
                    leave(mark)
                }
                if firstOnly && !out.isEmpty { return }
            }
        }
        if let all = s.allOf {
            for sub in all { check(value, against: sub) }
        }
        if let any = s.anyOf, !any.contains(where: { accepts(value, $0) }) {
            fail(alternativesMessage(value, any))
        }
        if let one = s.oneOf {
            let n = one.filter { accepts(value, $0) }.count
            if n != 1 { fail(n == 0 ? alternativesMessage(value, one) : "matches \(n) of the allowed forms; it must match exactly one") }
        }
        if let not = s.not, accepts(value, not) { fail("is a value this field does not allow") }
    }

    private func accepts(_ value: LuaValue, _ index: Int) -> Bool {
        var checker = SchemaChecker(nodes: nodes, firstOnly: true)
        checker.check(value, against: index)
        return checker.out.isEmpty
    }

    /// For a value no alternative accepts: the message of the alternative whose type fits (the
    /// most useful one: "not one of: none, ninguno, …" or the mapping's own field error).
    private func alternativesMessage(_ value: LuaValue, _ alternatives: [Int]) -> String {
        for alternative in alternatives {
            let node = nodes[alternative]
            let target = node.ref.map { nodes[$0] } ?? node
            if let names = target.types {
                if !names.contains(where: { JSONSchema.hasType(value, $0) }) { continue }
            } else if let e = target.enumValues, !e.contains(where: { $0.typeName == value.typeName }) {
                continue
            }
            var checker = SchemaChecker(nodes: nodes, path: path)
            checker.check(value, against: alternative)
            if let first = checker.out.first {
                let at = first.path == pathText ? "" : " (at \(first.path))"
                return first.message + at
            }
        }
        return "\(CaseValidator.describe(value)) matches none of the forms this field allows"
    }
}
