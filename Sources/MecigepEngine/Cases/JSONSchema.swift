import Foundation
import LuaRuntime

/// A framework's published case schema (JSON Schema, draft 2020-12), applied by `validate` and
/// `assess` exactly as a standard validator applies it: a case the schema rejects is invalid,
/// whatever the framework's `fields` say.
///
/// Only the keywords a case format needs are supported (`type`, `enum`, `const`, `properties`,
/// `required`, `additionalProperties`, `items`, `minItems`, `maxItems`, `anyOf`, `oneOf`,
/// `allOf`, `not`, `$ref` to `#/$defs/…`, `minimum`, `maximum`, `exclusiveMinimum`,
/// `exclusiveMaximum`, `minLength`, `maxLength`, `pattern`); annotations (`title`,
/// `description`, `examples`, `$comment`, `default`, `$schema`, `$id`) are ignored. A schema
/// that uses anything else is refused when the framework loads, so the verdict of `validate`
/// can never silently differ from the published schema's.
public struct JSONSchema: Sendable {
    /// The file it was read from, for messages.
    public let file: String
    let root: LuaValue
    private let patterns: [String: NSRegularExpressionBox]

    static let annotations: Set<String> = ["title", "description", "examples", "$comment", "default", "$schema", "$id",
                                           "deprecated", "readOnly", "writeOnly"]
    static let assertions: Set<String> = ["type", "enum", "const", "properties", "required", "additionalProperties",
                                          "items", "minItems", "maxItems", "anyOf", "oneOf", "allOf", "not", "$ref",
                                          "minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum", "minLength",
                                          "maxLength", "pattern", "$defs"]

    /// A schema problem found when loading: where in the schema, and what.
    public struct Problem: Error, Sendable, CustomStringConvertible {
        public var pointer: String
        public var message: String
        public var description: String { "\(pointer.isEmpty ? "/" : pointer): \(message)" }
    }

    /// Checks that `root` only uses supported keywords and well-formed values.
    public init(_ root: LuaValue, file: String) throws(Problem) {
        self.file = file
        self.root = root
        var patterns: [String: NSRegularExpressionBox] = [:]
        try Self.inspect(root, pointer: "", root: root, patterns: &patterns)
        self.patterns = patterns
    }

    private static func inspect(_ node: LuaValue, pointer: String, root: LuaValue,
                                patterns: inout [String: NSRegularExpressionBox]) throws(Problem) {
        if case .bool = node { return }
        guard let members = node.objectValue else {
            throw Problem(pointer: pointer, message: "a schema must be an object or a boolean")
        }
        for (key, value) in members.sorted(by: { $0.key < $1.key }) {
            let here = pointer + "/" + key
            if annotations.contains(key) { continue }
            guard assertions.contains(key) else {
                throw Problem(pointer: here, message: "\"\(key)\" is not supported by mecigep's validator; use only: "
                    + assertions.sorted().joined(separator: ", "))
            }
            switch key {
            case "properties", "$defs":
                guard let map = value.objectValue else { throw Problem(pointer: here, message: "must be an object") }
                for (name, sub) in map.sorted(by: { $0.key < $1.key }) {
                    try inspect(sub, pointer: here + "/" + name, root: root, patterns: &patterns)
                }
            case "items", "additionalProperties", "not":
                try inspect(value, pointer: here, root: root, patterns: &patterns)
            case "anyOf", "oneOf", "allOf":
                guard let list = value.arrayValue, !list.isEmpty else {
                    throw Problem(pointer: here, message: "must be a non-empty array of schemas")
                }
                for (i, sub) in list.enumerated() { try inspect(sub, pointer: here + "/\(i)", root: root, patterns: &patterns) }
            case "$ref":
                guard let ref = value.stringValue, resolve(ref, in: root) != nil else {
                    throw Problem(pointer: here, message: "must point into this file, as \"#/$defs/name\"")
                }
            case "type":
                let names = value.arrayValue?.compactMap(\.stringValue) ?? value.stringValue.map { [$0] } ?? []
                let known: Set<String> = ["null", "boolean", "integer", "number", "string", "array", "object"]
                guard !names.isEmpty, names.allSatisfy(known.contains) else {
                    throw Problem(pointer: here, message: "must name types among " + known.sorted().joined(separator: ", "))
                }
            case "enum":
                guard value.arrayValue != nil else { throw Problem(pointer: here, message: "must be an array") }
            case "required":
                guard let list = value.arrayValue, list.allSatisfy({ $0.stringValue != nil }) else {
                    throw Problem(pointer: here, message: "must be an array of property names")
                }
            case "pattern":
                guard let source = value.stringValue,
                      let regex = try? NSRegularExpression(pattern: source) else {
                    throw Problem(pointer: here, message: "is not a valid regular expression")
                }
                patterns[source] = NSRegularExpressionBox(regex: regex)
            case "minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum":
                guard value.doubleValue != nil else { throw Problem(pointer: here, message: "must be a number") }
            case "minLength", "maxLength", "minItems", "maxItems":
                guard let n = value.integerValue ?? value.doubleValue.flatMap({ $0 == $0.rounded() ? Int64($0) : nil }),
                      n >= 0 else { throw Problem(pointer: here, message: "must be a non-negative integer") }
            default:
                break
            }
        }
    }

    private static func resolve(_ ref: String, in root: LuaValue) -> LuaValue? {
        guard ref.hasPrefix("#") else { return nil }
        var node = root
        for part in ref.dropFirst().split(separator: "/") {
            let key = part.replacingOccurrences(of: "~1", with: "/").replacingOccurrences(of: "~0", with: "~")
            guard let next = node.objectValue?[key] else { return nil }
            node = next
        }
        return node
    }

    /// One way a document departs from the schema.
    public struct Violation: Sendable, Hashable {
        /// The path of the value, as the rest of mecigep writes it ("design.channels[2]").
        public var path: String
        public var message: String
        /// Whether the value itself is wrong (and is kept from the rules), rather than
        /// something missing around it.
        public var removesValue: Bool
    }

    /// Every violation of `document`, in document order.
    public func violations(of document: LuaValue) -> [Violation] {
        var out: [Violation] = []
        check(document, against: root, path: "", out: &out)
        return out
    }

    /// Whether `document` is valid.
    public func accepts(_ document: LuaValue) -> Bool {
        var out: [Violation] = []
        check(document, against: root, path: "", out: &out, firstOnly: true)
        return out.isEmpty
    }

    private func join(_ path: String, _ key: String) -> String { path.isEmpty ? key : path + "." + key }

    // swiftlint:disable:next cyclomatic_complexity function_body_length
    private func check(_ value: LuaValue, against schema: LuaValue, path: String, out: inout [Violation],
                       firstOnly: Bool = false) {
        if case .bool(let b) = schema {
            if !b { out.append(Violation(path: path, message: "is not allowed here", removesValue: true)) }
            return
        }
        guard let s = schema.objectValue else { return }
        func fail(_ message: String, removes: Bool = true, at p: String? = nil) {
            out.append(Violation(path: p ?? path, message: message, removesValue: removes))
        }
        if let ref = s["$ref"]?.stringValue, let target = Self.resolve(ref, in: root) {
            check(value, against: target, path: path, out: &out, firstOnly: firstOnly)
        }
        if let t = s["type"] {
            let names = t.arrayValue?.compactMap(\.stringValue) ?? t.stringValue.map { [$0] } ?? []
            if !names.contains(where: { Self.hasType(value, $0) }) {
                fail("expected \(Self.describeTypes(names)), got \(CaseValidator.describe(value))")
                return
            }
        }
        if let e = s["enum"]?.arrayValue, !e.contains(where: { Self.equal($0, value) }) {
            let shown = e.map { $0.stringValue ?? $0.jsonText() }
            fail("\(CaseValidator.describe(value)) is not one of: \(shown.joined(separator: ", "))")
            return
        }
        if let c = s["const"], !Self.equal(c, value) {
            fail("must be \(c.jsonText()), got \(CaseValidator.describe(value))")
            return
        }
        if let d = value.doubleValue {
            if let m = s["minimum"]?.doubleValue, d < m { fail("must be at least \(Self.number(m)) (got \(Self.number(d)))") }
            if let m = s["maximum"]?.doubleValue, d > m { fail("must be at most \(Self.number(m)) (got \(Self.number(d)))") }
            if let m = s["exclusiveMinimum"]?.doubleValue, d <= m { fail("must be more than \(Self.number(m)) (got \(Self.number(d)))") }
            if let m = s["exclusiveMaximum"]?.doubleValue, d >= m { fail("must be less than \(Self.number(m)) (got \(Self.number(d)))") }
        }
        if let text = value.stringValue {
            // JSON Schema counts characters as Unicode code points.
            let length = text.unicodeScalars.count
            if let m = s["minLength"]?.doubleValue, Double(length) < m {
                fail(m == 1 ? "must not be empty" : "must have at least \(Self.number(m)) characters")
            }
            if let m = s["maxLength"]?.doubleValue, Double(length) > m { fail("must have at most \(Self.number(m)) characters") }
            if let p = s["pattern"]?.stringValue, let regex = patterns[p]?.regex {
                let range = NSRange(text.startIndex..., in: text)
                if regex.firstMatch(in: text, range: range) == nil { fail("\(CaseValidator.describe(value)) does not match \(p)") }
            }
        }
        if let elements = value.arrayValue {
            if let m = s["minItems"]?.doubleValue, Double(elements.count) < m { fail("must have at least \(Self.number(m)) items") }
            if let m = s["maxItems"]?.doubleValue, Double(elements.count) > m { fail("must have at most \(Self.number(m)) items") }
            if let items = s["items"] {
                for (i, element) in elements.enumerated() {
                    check(element, against: items, path: path + "[\(i + 1)]", out: &out, firstOnly: firstOnly)
                    if firstOnly && !out.isEmpty { return }
                }
            }
        }
        if let members = value.objectValue {
            for name in s["required"]?.arrayValue?.compactMap(\.stringValue) ?? [] where members[name] == nil {
                fail("missing: this field is required", removes: false, at: join(path, name))
            }
            let properties = s["properties"]?.objectValue ?? [:]
            for key in members.keys.sorted() {
                let child = members[key]!
                if let sub = properties[key] {
                    check(child, against: sub, path: join(path, key), out: &out, firstOnly: firstOnly)
                } else if let extra = s["additionalProperties"] {
                    if case .bool(false) = extra {
                        fail("is not a field of this case format", at: join(path, key))
                    } else {
                        check(child, against: extra, path: join(path, key), out: &out, firstOnly: firstOnly)
                    }
                }
                if firstOnly && !out.isEmpty { return }
            }
        }
        if let all = s["allOf"]?.arrayValue {
            for sub in all { check(value, against: sub, path: path, out: &out, firstOnly: firstOnly) }
        }
        if let any = s["anyOf"]?.arrayValue, !any.contains(where: { accepts(value, $0) }) {
            fail(alternativesMessage(value, any, path: path))
        }
        if let one = s["oneOf"]?.arrayValue {
            let n = one.filter { accepts(value, $0) }.count
            if n != 1 { fail(n == 0 ? alternativesMessage(value, one, path: path) : "matches \(n) of the allowed forms; it must match exactly one") }
        }
        if let not = s["not"], accepts(value, not) { fail("is a value this field does not allow") }
    }

    private func accepts(_ value: LuaValue, _ schema: LuaValue) -> Bool {
        var out: [Violation] = []
        check(value, against: schema, path: "", out: &out, firstOnly: true)
        return out.isEmpty
    }

    /// For a value no alternative accepts: the message of the alternative whose type fits (the
    /// most useful one: "not one of: none, ninguno, …" or the mapping's own field error).
    private func alternativesMessage(_ value: LuaValue, _ alternatives: [LuaValue], path: String) -> String {
        for alternative in alternatives {
            let target = alternative["$ref"]?.stringValue.flatMap { Self.resolve($0, in: root) } ?? alternative
            if let t = target["type"] {
                let names = t.arrayValue?.compactMap(\.stringValue) ?? t.stringValue.map { [$0] } ?? []
                if !names.contains(where: { Self.hasType(value, $0) }) { continue }
            } else if let e = target["enum"]?.arrayValue, !e.contains(where: { $0.typeName == value.typeName }) {
                continue
            }
            var out: [Violation] = []
            check(value, against: alternative, path: path, out: &out)
            if let first = out.first {
                let at = first.path == path ? "" : " (at \(first.path))"
                return first.message + at
            }
        }
        return "\(CaseValidator.describe(value)) matches none of the forms this field allows"
    }

    static func hasType(_ v: LuaValue, _ name: String) -> Bool {
        switch (name, v) {
        case ("null", .null), ("boolean", .bool), ("string", .string), ("array", .array), ("object", .object): return true
        case ("number", .integer), ("number", .double), ("integer", .integer): return true
        case ("integer", .double(let d)): return d.isFinite && d == d.rounded()
        default: return false
        }
    }

    /// JSON equality: numbers by value (1 == 1.0), booleans never equal to numbers.
    static func equal(_ a: LuaValue, _ b: LuaValue) -> Bool {
        switch (a, b) {
        case (.integer, .integer), (.integer, .double), (.double, .integer), (.double, .double):
            return a.doubleValue == b.doubleValue
        case (.array(let x), .array(let y)):
            return x.count == y.count && zip(x, y).allSatisfy { equal($0, $1) }
        case (.object(let x), .object(let y)):
            return x.count == y.count && x.allSatisfy { k, v in y[k].map { equal(v, $0) } ?? false }
        default:
            return a == b
        }
    }

    private static func describeTypes(_ names: [String]) -> String {
        let words = ["null": "null", "boolean": "true or false", "integer": "a whole number", "number": "a number",
                     "string": "text", "array": "a list", "object": "a mapping"]
        let shown = names.filter { $0 != "null" }.map { words[$0] ?? $0 }
        return shown.isEmpty ? "null" : shown.joined(separator: " or ")
    }

    private static func number(_ d: Double) -> String {
        d == d.rounded() && abs(d) < 1e15 ? String(Int64(d)) : String(d)
    }
}

/// NSRegularExpression is immutable and thread-safe once built.
struct NSRegularExpressionBox: @unchecked Sendable { let regex: NSRegularExpression }
