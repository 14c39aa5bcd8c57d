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
    /// The schema compiled for checking (see `SchemaNode`): `nodes[0]` is the root, and each
    /// `$ref` names its target by index, so recursive definitions need no cycle of references.
    private let nodes: [SchemaNode]

    static let annotations: Set<String> = ["title", "description", "examples", "$comment", "default", "$schema", "$id",
                                           "deprecated", "readOnly", "writeOnly"]
    static let assertions: Set<String> = ["type", "enum", "const", "properties", "required", "additionalProperties",
                                          "items", "minItems", "maxItems", "anyOf", "oneOf", "allOf", "not", "$ref",
                                          "minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum", "minLength",
                                          "maxLength", "pattern", "$defs"]

    static let typeNames: Set<String> = ["null", "boolean", "integer", "number", "string", "array", "object"]

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
        var path: [String] = []
        try Self.inspect(root, path: &path, root: root, patterns: &patterns)
        var compiler = SchemaCompiler(root: root, patterns: patterns)
        self.nodes = compiler.compileAll()
    }

    /// `path`: the keys down to `node`; its JSON pointer is written only for a problem (a
    /// pointer string for every node of a large schema was a fifth of loading it).
    private static func inspect(_ node: LuaValue, path: inout [String], root: LuaValue,
                                patterns: inout [String: NSRegularExpressionBox]) throws(Problem) {
        func pointer(_ extra: String...) -> String { (path + extra).map { "/" + $0 }.joined() }
        if case .bool = node { return }
        guard let members = node.objectValue else {
            throw Problem(pointer: pointer(), message: "a schema must be an object or a boolean")
        }
        for (key, value) in members.sorted(by: { $0.key < $1.key }) {
            if annotations.contains(key) { continue }
            guard assertions.contains(key) else {
                throw Problem(pointer: pointer(key), message: "\"\(key)\" is not supported by mecigep's validator; use only: "
                    + assertions.sorted().joined(separator: ", "))
            }
            switch key {
            case "properties", "$defs":
                guard let map = value.objectValue else { throw Problem(pointer: pointer(key), message: "must be an object") }
                for (name, sub) in map.sorted(by: { $0.key < $1.key }) {
                    path.append(key)
                    path.append(name)
                    defer { path.removeLast(2) }
                    try inspect(sub, path: &path, root: root, patterns: &patterns)
                }
            case "items", "additionalProperties", "not":
                path.append(key)
                defer { path.removeLast() }
                try inspect(value, path: &path, root: root, patterns: &patterns)
            case "anyOf", "oneOf", "allOf":
                guard let list = value.arrayValue, !list.isEmpty else {
                    throw Problem(pointer: pointer(key), message: "must be a non-empty array of schemas")
                }
                for (i, sub) in list.enumerated() {
                    path.append(key)
                    path.append("\(i)")
                    defer { path.removeLast(2) }
                    try inspect(sub, path: &path, root: root, patterns: &patterns)
                }
            case "$ref":
                guard let ref = value.stringValue, resolve(ref, in: root) != nil else {
                    throw Problem(pointer: pointer(key), message: "must point into this file, as \"#/$defs/name\"")
                }
            case "type":
                let names = value.arrayValue?.compactMap(\.stringValue) ?? value.stringValue.map { [$0] } ?? []
                guard !names.isEmpty, names.allSatisfy(typeNames.contains) else {
                    throw Problem(pointer: pointer(key), message: "must name types among " + typeNames.sorted().joined(separator: ", "))
                }
            case "enum":
                guard value.arrayValue != nil else { throw Problem(pointer: pointer(key), message: "must be an array") }
            case "required":
                guard let list = value.arrayValue, list.allSatisfy({ $0.stringValue != nil }) else {
                    throw Problem(pointer: pointer(key), message: "must be an array of property names")
                }
            case "pattern":
                guard let source = value.stringValue,
                      let regex = try? NSRegularExpression(pattern: source) else {
                    throw Problem(pointer: pointer(key), message: "is not a valid regular expression")
                }
                patterns[source] = NSRegularExpressionBox(regex: regex)
            case "minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum":
                guard value.doubleValue != nil else { throw Problem(pointer: pointer(key), message: "must be a number") }
            case "minLength", "maxLength", "minItems", "maxItems":
                guard let n = value.integerValue ?? value.doubleValue.flatMap({ $0 == $0.rounded() ? Int64($0) : nil }),
                      n >= 0 else { throw Problem(pointer: pointer(key), message: "must be a non-negative integer") }
            default:
                break
            }
        }
    }

    static func resolve(_ ref: String, in root: LuaValue) -> LuaValue? {
        guard ref.hasPrefix("#") else { return nil }
        var node = root
        for part in ref.dropFirst().split(separator: "/") {
            let key = part.utf8.contains(UInt8(ascii: "~"))
                ? part.replacingOccurrences(of: "~1", with: "/").replacingOccurrences(of: "~0", with: "~") : String(part)
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
        var checker = SchemaChecker(nodes: nodes)
        checker.check(document, against: 0)
        return checker.out
    }

    /// Whether `document` is valid.
    public func accepts(_ document: LuaValue) -> Bool {
        var checker = SchemaChecker(nodes: nodes, firstOnly: true)
        checker.check(document, against: 0)
        return checker.out.isEmpty
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

    static func describeTypes(_ names: [String]) -> String {
        let words = ["null": "null", "boolean": "true or false", "integer": "a whole number", "number": "a number",
                     "string": "text", "array": "a list", "object": "a mapping"]
        let shown = names.filter { $0 != "null" }.map { words[$0] ?? $0 }
        return shown.isEmpty ? "null" : shown.joined(separator: " or ")
    }

    static func number(_ d: Double) -> String {
        d == d.rounded() && abs(d) < 1e15 ? String(Int64(d)) : String(d)
    }
}

/// NSRegularExpression is immutable and thread-safe once built.
struct NSRegularExpressionBox: @unchecked Sendable { let regex: NSRegularExpression }
