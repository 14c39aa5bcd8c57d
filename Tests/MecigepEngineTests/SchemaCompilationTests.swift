import Foundation
import LuaRuntime
import Testing
@testable import MecigepEngine

/// The case schema is compiled when the framework loads and checked from the compiled form. This
/// keeps the interpreter it replaced (which looked every keyword up by name at every value) as
/// the specification, and checks that both report the same violations, in the same order, with
/// the same paths, messages and removals: over every example case and 24 mutations of each
/// against the published schema, and over generated documents against a schema that uses every
/// supported keyword (recursive `$ref`, `anyOf`, `oneOf`, `not`, `const`, boolean schemas). A
/// difference would change what `validate` tells a State and which values reach the rules.
@Suite struct SchemaCompilationTests {
    /// The interpreter as it was, over the schema document itself.
    struct Reference {
        let schema: JSONSchema

        func violations(of document: LuaValue) -> [JSONSchema.Violation] {
            var out: [JSONSchema.Violation] = []
            check(document, against: schema.root, path: "", out: &out)
            return out
        }

        private func join(_ path: String, _ key: String) -> String { path.isEmpty ? key : path + "." + key }

        // swiftlint:disable:next cyclomatic_complexity function_body_length
        private func check(_ value: LuaValue, against schema: LuaValue, path: String, out: inout [JSONSchema.Violation],
                           firstOnly: Bool = false) {
            if case .bool(let b) = schema {
                if !b { out.append(.init(path: path, message: "is not allowed here", removesValue: true)) }
                return
            }
            guard let s = schema.objectValue else { return }
            func fail(_ message: String, removes: Bool = true, at p: String? = nil) {
                out.append(.init(path: p ?? path, message: message, removesValue: removes))
            }
            if let ref = s["$ref"]?.stringValue, let target = JSONSchema.resolve(ref, in: self.schema.root) {
                check(value, against: target, path: path, out: &out, firstOnly: firstOnly)
            }
            if let t = s["type"] {
                let names = t.arrayValue?.compactMap(\.stringValue) ?? t.stringValue.map { [$0] } ?? []
                if !names.contains(where: { JSONSchema.hasType(value, $0) }) {
                    fail("expected \(JSONSchema.describeTypes(names)), got \(CaseValidator.describe(value))")
                    return
                }
            }
            if let e = s["enum"]?.arrayValue, !e.contains(where: { JSONSchema.equal($0, value) }) {
                let shown = e.map { $0.stringValue ?? $0.jsonText() }
                fail("\(CaseValidator.describe(value)) is not one of: \(shown.joined(separator: ", "))")
                return
            }
            if let c = s["const"], !JSONSchema.equal(c, value) {
                fail("must be \(c.jsonText()), got \(CaseValidator.describe(value))")
                return
            }
            if let d = value.doubleValue {
                if let m = s["minimum"]?.doubleValue, d < m { fail("must be at least \(JSONSchema.number(m)) (got \(JSONSchema.number(d)))") }
                if let m = s["maximum"]?.doubleValue, d > m { fail("must be at most \(JSONSchema.number(m)) (got \(JSONSchema.number(d)))") }
                if let m = s["exclusiveMinimum"]?.doubleValue, d <= m { fail("must be more than \(JSONSchema.number(m)) (got \(JSONSchema.number(d)))") }
                if let m = s["exclusiveMaximum"]?.doubleValue, d >= m { fail("must be less than \(JSONSchema.number(m)) (got \(JSONSchema.number(d)))") }
            }
            if let text = value.stringValue {
                let length = text.unicodeScalars.count
                if let m = s["minLength"]?.doubleValue, Double(length) < m {
                    fail(m == 1 ? "must not be empty" : "must have at least \(JSONSchema.number(m)) characters")
                }
                if let m = s["maxLength"]?.doubleValue, Double(length) > m { fail("must have at most \(JSONSchema.number(m)) characters") }
                if let p = s["pattern"]?.stringValue, let regex = try? NSRegularExpression(pattern: p) {
                    let range = NSRange(text.startIndex..., in: text)
                    if regex.firstMatch(in: text, range: range) == nil { fail("\(CaseValidator.describe(value)) does not match \(p)") }
                }
            }
            if let elements = value.arrayValue {
                if let m = s["minItems"]?.doubleValue, Double(elements.count) < m { fail("must have at least \(JSONSchema.number(m)) items") }
                if let m = s["maxItems"]?.doubleValue, Double(elements.count) > m { fail("must have at most \(JSONSchema.number(m)) items") }
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
            var out: [JSONSchema.Violation] = []
            check(value, against: schema, path: "", out: &out, firstOnly: true)
            return out.isEmpty
        }

        private func alternativesMessage(_ value: LuaValue, _ alternatives: [LuaValue], path: String) -> String {
            for alternative in alternatives {
                let target = alternative["$ref"]?.stringValue.flatMap { JSONSchema.resolve($0, in: schema.root) } ?? alternative
                if let t = target["type"] {
                    let names = t.arrayValue?.compactMap(\.stringValue) ?? t.stringValue.map { [$0] } ?? []
                    if !names.contains(where: { JSONSchema.hasType(value, $0) }) { continue }
                } else if let e = target["enum"]?.arrayValue, !e.contains(where: { $0.typeName == value.typeName }) {
                    continue
                }
                var out: [JSONSchema.Violation] = []
                check(value, against: alternative, path: path, out: &out)
                if let first = out.first {
                    let at = first.path == path ? "" : " (at \(first.path))"
                    return first.message + at
                }
            }
            return "\(CaseValidator.describe(value)) matches none of the forms this field allows"
        }
    }

    static func describe(_ list: [JSONSchema.Violation]) -> String {
        list.map { "\($0.path): \($0.message)\($0.removesValue ? "" : " (kept)")" }.joined(separator: "; ")
    }

    @Test func thePublishedSchemaReportsWhatTheInterpreterDid() throws {
        let loader = FrameworkLoader(rulesFolder: SchemaAgreementTests.rules)
        let schema = try #require(try loader.load("mecigep-core").caseSchema)
        let reference = Reference(schema: schema)
        let folder = Fixtures.repository.appendingPathComponent("examples/cases")
        let files = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".yaml") }.sorted()
        var g = SchemaAgreementTests.Generator(state: 20_261_205)
        var checked = 0, withViolations = 0
        for file in files {
            let value = try DocumentLoader.load(path: folder.appendingPathComponent(file).path)
            var documents = [(value, "as shipped")]
            for _ in 0..<24 {
                var doc = value
                var what: [String] = []
                for _ in 0..<(1 + g.below(3)) { // up to three mutations at once
                    let (mutated, step) = SchemaAgreementTests.mutate(doc, &g)
                    doc = mutated
                    what.append(step)
                }
                documents.append((doc, what.joined(separator: ", ")))
            }
            for (doc, what) in documents {
                let want = reference.violations(of: doc), got = schema.violations(of: doc)
                checked += 1
                if !want.isEmpty { withViolations += 1 }
                #expect(got == want, "\(file), \(what):\n compiled: \(Self.describe(got))\n interpreter: \(Self.describe(want))")
                #expect(schema.accepts(doc) == want.isEmpty, "\(file), \(what)")
            }
        }
        #expect(checked > 250)
        #expect(withViolations > checked / 3, "\(withViolations) of \(checked) documents had violations")
    }

    /// A schema with every supported keyword, recursion through `$ref` included.
    static let everyKeyword = #"""
        {
          "$defs": {
            "node": { "type": "object", "required": ["name"], "additionalProperties": false,
                      "properties": { "name": { "type": "string", "minLength": 1, "maxLength": 5, "pattern": "^[a-z]+$" },
                                      "kids": { "type": "array", "maxItems": 3, "items": { "$ref": "#/$defs/node" } } } },
            "level": { "anyOf": [ { "type": "integer", "minimum": 0, "maximum": 4 }, { "enum": ["none", "ninguno"] } ] }
          },
          "type": "object",
          "required": ["tree", "level"],
          "properties": {
            "tree": { "$ref": "#/$defs/node" },
            "level": { "$ref": "#/$defs/level" },
            "kind": { "oneOf": [ { "const": "a" }, { "type": "string", "minLength": 2 } ] },
            "score": { "type": "number", "exclusiveMinimum": 0, "exclusiveMaximum": 10 },
            "tags": { "type": "array", "minItems": 1, "items": { "not": { "const": "bad" } } },
            "open": true,
            "closed": false,
            "both": { "allOf": [ { "type": ["string", "null"] }, { "not": { "const": "x" } } ] }
          },
          "additionalProperties": { "type": "string" }
        }
        """#

    @Test func everyKeywordReportsWhatTheInterpreterDid() throws {
        let root = try DocumentLoader.parse(Data(Self.everyKeyword.utf8), format: .json, name: "every-keyword.json")
        let schema = try JSONSchema(root, file: "every-keyword.json")
        let reference = Reference(schema: schema)
        var g = SchemaAgreementTests.Generator(state: 7)
        let leaves: [LuaValue] = [.string("a"), .string("ab"), .string("abcdef"), .string("AB"), .string(""), .string("x"),
                                  .string("bad"), .string("none"), .integer(0), .integer(4), .integer(5), .integer(-1),
                                  .double(2.5), .double(10), .bool(true), .null, .array([]), .object([:])]
        let keys = ["tree", "level", "kind", "score", "tags", "open", "closed", "both", "extra", "name", "kids"]
        func value(_ depth: Int) -> LuaValue {
            if depth > 3 || g.below(3) == 0 { return g.pick(leaves) }
            if g.below(2) == 0 { return .array((0..<g.below(5)).map { _ in value(depth + 1) }) }
            var members: [String: LuaValue] = [:]
            for _ in 0..<g.below(6) { members[g.pick(keys)] = value(depth + 1) }
            return .object(members)
        }
        var checked = 0, withViolations = 0, accepted = 0
        for _ in 0..<3000 {
            var doc = value(0)
            if g.below(2) == 0 { // often close to valid, so that the deeper keywords are reached
                func nearly(_ valid: [LuaValue]) -> LuaValue { g.below(6) == 0 ? g.pick(leaves) : g.pick(valid) }
                var members: [String: LuaValue] = [
                    "tree": .object(["name": .string("ab"), "kids": .array([.object(["name": nearly([.string("a"), .string("bad")])])])]),
                    "level": nearly([.integer(0), .integer(4), .string("none")]), "kind": nearly([.string("a"), .string("ab")]),
                    "tags": .array([nearly([.string("a"), .integer(1)])]), "both": nearly([.null, .string("ab")])]
                if g.below(3) == 0 { members[g.pick(keys)] = value(1) }
                doc = .object(members)
            }
            let want = reference.violations(of: doc), got = schema.violations(of: doc)
            checked += 1
            if want.isEmpty { accepted += 1 } else { withViolations += 1 }
            #expect(got == want, "\(doc.jsonText()):\n compiled: \(Self.describe(got))\n interpreter: \(Self.describe(want))")
        }
        #expect(accepted > 30 && withViolations > 1000, "\(accepted) accepted, \(withViolations) with violations")
    }
}
