import Foundation
import LuaRuntime
import Testing
@testable import MecigepEngine

/// `validate` must call a case valid exactly when the published schema does: a State that
/// checks its case with any JSON Schema tool must get the verdict the Secretariat gets. This
/// guards the verdicts over every example case and several hundred mutations of them (wrong
/// types, unknown values in enumerations and in lists, missing required fields, out-of-range
/// numbers), judged by an independent validator (Python's jsonschema).
@Suite struct SchemaAgreementTests {
    static let rules = Fixtures.repository.appendingPathComponent("rules").path

    /// A seeded generator (SplitMix64), so a failure names a reproducible seed.
    struct Generator {
        var base: SplitMix64
        init(state: UInt64) { base = SplitMix64(seed: state) }
        mutating func next() -> UInt64 { base.next() }
        mutating func below(_ n: Int) -> Int { Int(next() % UInt64(max(n, 1))) }
        mutating func pick<T>(_ xs: [T]) -> T { xs[below(xs.count)] }
    }

    /// Every path in a document: ([steps], value).
    enum Step: Hashable { case key(String), index(Int) }
    static func paths(_ v: LuaValue, _ prefix: [Step] = []) -> [[Step]] {
        var out: [[Step]] = prefix.isEmpty ? [] : [prefix]
        switch v {
        case .object(let m): for k in m.keys.sorted() { out += paths(m[k]!, prefix + [.key(k)]) }
        case .array(let a): for i in a.indices { out += paths(a[i], prefix + [.index(i)]) }
        default: break
        }
        return out
    }

    static func get(_ v: LuaValue, _ path: [Step]) -> LuaValue? {
        var node = v
        for step in path {
            switch (step, node) {
            case (.key(let k), .object(let m)): guard let n = m[k] else { return nil }; node = n
            case (.index(let i), .array(let a)): guard a.indices.contains(i) else { return nil }; node = a[i]
            default: return nil
            }
        }
        return node
    }

    /// Replaces (or, with nil, deletes) the value at `path`.
    static func set(_ v: inout LuaValue, _ path: [Step], _ new: LuaValue?) {
        guard let step = path.first else { if let new { v = new }; return }
        let rest = Array(path.dropFirst())
        switch (step, v) {
        case (.key(let k), .object(var m)):
            if rest.isEmpty { m[k] = new } else if var child = m[k] { set(&child, rest, new); m[k] = child }
            v = .object(m)
        case (.index(let i), .array(var a)) where a.indices.contains(i):
            if rest.isEmpty { if let new { a[i] = new } else { a.remove(at: i) } } else { set(&a[i], rest, new) }
            v = .array(a)
        default: break
        }
    }

    static let odd: [LuaValue] = [.string("en línea"), .string("zzz"), .string(""), .string("2026-13-45"), .string("uy"),
                                  .string("XX"), .integer(-3), .integer(7), .double(2.5), .double(-0.5), .bool(true),
                                  .bool(false), .null, .array([]), .array([.string("x")]), .object([:]),
                                  .object(["statement": .string("s")]), .string("none"), .string("ninguno")]

    static func mutate(_ base: LuaValue, _ g: inout Generator) -> (LuaValue, String) {
        var doc = base
        let all = paths(base)
        let path = g.pick(all)
        let shown = path.map { step -> String in
            switch step { case .key(let k): return "." + k; case .index(let i): return "[\(i + 1)]" }
        }.joined()
        switch g.below(5) {
        case 0: // a value of another type, or a value out of its enumeration or range
            let value = g.pick(odd)
            set(&doc, path, value)
            return (doc, "set \(shown) = \(value.jsonText())")
        case 1: // a field left out (required ones included)
            set(&doc, path, nil)
            return (doc, "remove \(shown)")
        case 2: // an extra item in some list
            let lists = all.filter { get(base, $0)?.arrayValue != nil }
            guard let list = lists.isEmpty ? nil : g.pick(lists), case .array(var items)? = get(base, list) else {
                return (doc, "none")
            }
            let extra = items.isEmpty || g.below(2) == 0 ? g.pick(odd) : items[g.below(items.count)]
            items.append(extra)
            set(&doc, list, .array(items))
            return (doc, "append \(extra.jsonText()) to list at \(list.count) steps")
        case 3: // a string leaf becomes another text (an unknown enumeration value)
            let strings = all.filter { get(base, $0)?.stringValue != nil }
            guard !strings.isEmpty else { return (doc, "none") }
            let p = g.pick(strings)
            set(&doc, p, .string(g.pick(["presencial", "online ", "Complex", "ALTA", "2026-02-30", "none"])))
            return (doc, "retext a string")
        default: // a number leaf becomes negative, fractional or huge
            let numbers = all.filter { get(base, $0)?.doubleValue != nil }
            guard !numbers.isEmpty else { return (doc, "none") }
            let p = g.pick(numbers)
            set(&doc, p, g.pick([.integer(-1), .double(1.5), .integer(0), .double(1e12), .integer(6)]))
            return (doc, "renumber a number")
        }
    }

    @Test func validateAgreesWithThePublishedSchemaOnExamplesAndMutations() throws {
        let loader = FrameworkLoader(rulesFolder: Self.rules)
        let framework = try loader.load("mecigep-core")
        let schema = try #require(framework.caseSchema, "mecigep-core declares its published schema")
        let folder = Fixtures.repository.appendingPathComponent("examples/cases")
        let files = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".yaml") }.sorted()
        #expect(files.count >= 10)
        var documents: [(LuaValue, String)] = []
        var g = Generator(state: 20_261_204)
        for file in files {
            let value = try DocumentLoader.load(path: folder.appendingPathComponent(file).path)
            documents.append((value, "\(file) as shipped"))
            for _ in 0..<40 {
                let (mutated, what) = Self.mutate(value, &g)
                documents.append((mutated, "\(file): \(what)"))
            }
        }
        let verdicts = try Self.pythonVerdicts(documents.map(\.0), schema: schema.file)
        var disagreements: [String] = []
        var invalidSeen = 0
        for (n, (doc, what)) in documents.enumerated() {
            let issues = CaseValidator.validate(doc, fields: framework.fields, maxItems: framework.maxItems, schema: schema).issues
            let ours = issues.isEmpty
            if !verdicts[n].valid { invalidSeen += 1 }
            if ours != verdicts[n].valid {
                disagreements.append("\(what): validate says \(ours ? "valid" : "invalid (\(issues.map(\.description).joined(separator: "; ")))"), "
                    + "jsonschema says \(verdicts[n].valid ? "valid" : "invalid (\(verdicts[n].errors))")")
            }
        }
        let shown = disagreements.prefix(15).joined(separator: "\n")
        #expect(disagreements.isEmpty, "\(disagreements.count) of \(documents.count) verdicts differ:\n\(shown)")
        // The generator must produce both verdicts in number, or the property says little.
        #expect(invalidSeen > documents.count / 4 && invalidSeen < documents.count - files.count,
                "\(invalidSeen) invalid of \(documents.count)")
        // Every example case is valid as shipped.
        for (n, (_, what)) in documents.enumerated() where what.hasSuffix("as shipped") {
            #expect(verdicts[n].valid, "\(what): \(verdicts[n].errors)")
        }
    }

    /// The case the issue reported: Spanish channel names pass the fields' old check but not the
    /// schema; they are an error at their path and never reach the rules.
    @Test func listItemsOutsideTheirEnumerationAreRejectedAndRemoved() throws {
        let framework = try FrameworkLoader(rulesFolder: Self.rules).load("mecigep-core")
        let value = try DocumentLoader.load(path: Fixtures.repository.appendingPathComponent("examples/cases/uy-digital-government.yaml").path)
        var doc = value
        Self.set(&doc, [.key("design"), .key("channels")], .array([.string("en línea"), .string("presencial")]))
        let (cleaned, issues, _) = CaseValidator.validate(doc, fields: framework.fields, schema: framework.caseSchema)
        #expect(issues.map(\.path) == ["design.channels[1]", "design.channels[2]"])
        #expect(issues.first?.message.contains("is not one of: online, mobile") == true, "\(issues)")
        #expect(cleaned["design"]?["channels"] == .array([.null, .null]))
    }

    /// A schema keyword the validator does not implement is refused when the framework loads,
    /// naming where it is: a verdict can never silently differ from the published one.
    @Test func unsupportedSchemaKeywordsAreRefusedAtLoad() throws {
        #expect(throws: JSONSchema.Problem.self) {
            _ = try JSONSchema(["type": "object", "properties": ["a": ["type": "string", "format": "email"]]], file: "s.json")
        }
        do {
            _ = try JSONSchema(["properties": ["a": ["if": ["type": "string"]]]], file: "s.json")
            Issue.record("accepted an unsupported keyword")
        } catch {
            #expect(error.pointer == "/properties/a/if")
        }
        // every problem names its place, however deep (the pointer is written only for a problem)
        let placed: [(LuaValue, String)] = [
            (["anyOf": [["type": "string"], ["items": ["pattern": "("]]]], "/anyOf/1/items/pattern"),
            (["$defs": ["x": ["additionalProperties": ["$ref": "#/nowhere"]]]], "/$defs/x/additionalProperties/$ref"),
            (["properties": ["a": ["not": ["type": "text"]]], "required": "a"], "/properties/a/not/type"),
            (["required": "a"], "/required"),
            (["items": .string("x")], "/items"),
            (.string("x"), ""),
        ]
        for (schema, pointer) in placed {
            do {
                _ = try JSONSchema(schema, file: "s.json")
                Issue.record("accepted \(schema.jsonText())")
            } catch {
                #expect(error.pointer == pointer, "\(schema.jsonText()): \(error.description)")
            }
        }
    }

    /// Python's jsonschema on each document: (valid, first errors).
    static func pythonVerdicts(_ documents: [LuaValue], schema: String) throws -> [(valid: Bool, errors: String)] {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("mecigep-agree-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let input = folder.appendingPathComponent("docs.jsonl")
        try Data(documents.map { $0.jsonText() }.joined(separator: "\n").utf8).write(to: input)
        let script = """
            import json, sys
            import jsonschema
            schema = json.load(open(sys.argv[1]))
            validator = jsonschema.Draft202012Validator(schema)
            for line in open(sys.argv[2]):
                errors = ["/".join(str(p) for p in e.absolute_path) + ": " + e.message for e in validator.iter_errors(json.loads(line))]
                print(json.dumps({"valid": not errors, "errors": "; ".join(errors[:2])}))
            """
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", script, schema, input.path]
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let output = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { throw SchemaValidator.Failure(description: "python3 jsonschema failed") }
        return try String(decoding: output, as: UTF8.self).split(separator: "\n").map { line in
            let object = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any] ?? [:]
            return ((object["valid"] as? Bool) ?? false, (object["errors"] as? String) ?? "")
        }
    }
}
