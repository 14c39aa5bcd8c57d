import Foundation
import LuaRuntime

/// Checks a case against the fields a framework declares. A mistyped field is reported with its
/// path and removed, so the rules that read it see it as absent and report insufficient
/// information instead of failing; a missing required field is reported.
public enum CaseValidator {
    ///
    /// With a `schema` (the framework's published case schema), every violation of it is an
    /// issue too, and a value the schema rejects is removed the same way: `validate` calls a
    /// case valid exactly when a standard JSON Schema validator does (unless the fields say
    /// more, e.g. a list longer than `max_items`).
    ///
    /// With `placeholders` (the framework's words for "not yet known"), every remaining answer
    /// that is one of them is removed too and listed apart: it counts as missing, and it does
    /// not make the case invalid (the verdict stays the schema's).
    public static func validate(_ value: LuaValue, fields: [FieldRule], maxItems: Int = Framework.defaultMaxItems,
                                schema: JSONSchema? = nil, placeholders: Set<String> = [])
        -> (value: LuaValue, issues: [CaseIssue], placeholders: [CaseIssue]) {
        validate(value, fields: fields, maxItems: maxItems, schema: schema, placeholders: placeholders, shortcuts: true)
    }

    /// `shortcuts`: skip the walks that change nothing (no list over the smallest limit, no
    /// placeholder, no empty mapping) after one read of the case; false walks every time (the
    /// reference `ValidationShortcutTests` hold the shortcuts to).
    static func validate(_ value: LuaValue, fields: [FieldRule], maxItems: Int, schema: JSONSchema?,
                         placeholders: Set<String>, shortcuts: Bool)
        -> (value: LuaValue, issues: [CaseIssue], placeholders: [CaseIssue]) {
        var (cleaned, issues, shape) = validateStructure(value, fields: fields, maxItems: maxItems, schema: schema,
                                                         shortcuts: shortcuts)
        let found = shortcuts ? Placeholders.remove(from: &cleaned, words: placeholders)
                              : Placeholders.strip(&cleaned, words: placeholders, path: "")
        if shortcuts {
            // the walk's answer holds while nothing was removed since it
            dropEmptyMappings(&cleaned, known: found.isEmpty ? shape?.holdsEmptyMapping : nil)
        } else {
            dropEmptyMappingsWalk(&cleaned)
        }
        return (cleaned, issues, found)
    }

    /// Removes members that are empty mappings (`{}`), also those left empty by the removals
    /// above: a block with nothing in it was not written ("not reported"). Rules cannot tell an
    /// empty mapping from an empty list, and `[]` means "there is none"; `{}` must not.
    /// `known`: whether `value` holds one, when a walk already found out.
    static func dropEmptyMappings(_ value: inout LuaValue, known: Bool? = nil) {
        // nearly every case has none: read once, and nothing copied
        guard known ?? Shape(of: value).holdsEmptyMapping else { return }
        dropEmptyMappingsWalk(&value)
    }

    static func dropEmptyMappingsWalk(_ value: inout LuaValue) {
        switch value {
        case .object(var members):
            for key in members.keys.sorted() {
                var child = members[key]!
                dropEmptyMappingsWalk(&child)
                if case .object(let m) = child, m.isEmpty { members[key] = nil } else { members[key] = child }
            }
            value = .object(members)
        case .array(var items):
            for i in items.indices {
                dropEmptyMappingsWalk(&items[i])
                if case .object(let m) = items[i], m.isEmpty { items[i] = .null }
            }
            value = .array(items)
        default:
            return
        }
    }

    /// What one walk of a case finds: the length of its longest list, and whether any member or
    /// item at any depth is an empty mapping.
    struct Shape {
        var longestList = 0
        var holdsEmptyMapping = false

        init(of value: LuaValue) { visit(value) }

        private mutating func visit(_ value: LuaValue) {
            switch value {
            case .object(let members):
                for child in members.values { visitChild(child) }
            case .array(let items):
                if items.count > longestList { longestList = items.count }
                for child in items { visitChild(child) }
            default:
                return
            }
        }

        private mutating func visitChild(_ child: LuaValue) {
            switch child {
            case .object(let m) where m.isEmpty: holdsEmptyMapping = true
            case .object, .array: visit(child)
            default: return
            }
        }
    }

    /// The cleaned value, its issues, and with `shortcuts` the walk of its shape, when nothing
    /// changed the value after it (else nil).
    private static func validateStructure(_ value: LuaValue, fields: [FieldRule], maxItems: Int,
                                          schema: JSONSchema?, shortcuts: Bool)
        -> (value: LuaValue, issues: [CaseIssue], shape: Shape?) {
        var cleaned = value
        var issues: [CaseIssue] = []
        if value.objectValue == nil {
            return (.object([:]), [CaseIssue(path: "(document)", message: "a case must be a mapping of fields (got \(value.typeName))")],
                    nil)
        }
        if let schema {
            for violation in schema.violations(of: value) {
                issues.append(CaseIssue(path: violation.path.isEmpty ? "(document)" : violation.path, message: violation.message))
                if violation.removesValue, !violation.path.isEmpty { remove(&cleaned, steps: steps(violation.path)) }
            }
        }
        // Lists longer than the framework accepts come first: padding must not reach the rules.
        var bounds: [String: Int] = [:]
        for rule in fields { if let m = rule.maxItems { bounds[rule.path] = m } }
        // a case whose lists are all within the smallest limit is not walked with paths
        var shape = shortcuts ? Shape(of: cleaned) : nil
        if shape.map({ $0.longestList > min(maxItems, bounds.values.min() ?? maxItems) }) ?? true {
            bound(&cleaned, path: "", pattern: "", bounds: bounds, fallback: maxItems, issues: &issues)
            shape = nil
        }
        var fieldIssues: [CaseIssue] = []
        for rule in fields {
            var trail = Trail(steps: steps(rule.path))
            check(&cleaned, steps: trail.steps[...], rule: rule, trail: &trail, issues: &fieldIssues)
        }
        // (a field's issue may have removed its value)
        if !fieldIssues.isEmpty { shape = nil }
        // A value both the schema and the fields reject is named once.
        let named = Set(issues.map(\.path))
        issues += fieldIssues.filter { !named.contains($0.path) }
        return (cleaned, issues, shape)
    }

    /// Removes the value at `steps` (a member is deleted, a list item becomes null).
    private static func remove(_ value: inout LuaValue, steps: [Step]) {
        guard let step = steps.first else { return }
        let last = steps.count == 1
        switch (step, value) {
        case (.key(let key), .object(var members)):
            guard var child = members[key] else { return }
            if last { members[key] = nil } else { remove(&child, steps: Array(steps.dropFirst())); members[key] = child }
            value = .object(members)
        case (.index(let i), .array(var elements)) where elements.indices.contains(i - 1):
            if last { elements[i - 1] = .null } else { remove(&elements[i - 1], steps: Array(steps.dropFirst())) }
            value = .array(elements)
        default:
            return
        }
    }

    /// Reports (and empties) every list longer than its bound: the field's `max_items` when it
    /// declares one, else the framework's. `pattern` is the path with list indices as `[]`.
    private static func bound(_ value: inout LuaValue, path: String, pattern: String, bounds: [String: Int],
                              fallback: Int, issues: inout [CaseIssue]) {
        switch value {
        case .array(var elements):
            let limit = bounds[pattern] ?? fallback
            if elements.count > limit {
                issues.append(CaseIssue(path: path.isEmpty ? "(document)" : path, message:
                    "has \(elements.count) items; this framework accepts at most \(limit) (max_items): list what matters, "
                    + "one item per real entry"))
                value = .array([])
                return
            }
            for i in elements.indices {
                bound(&elements[i], path: path + "[\(i + 1)]", pattern: pattern + "[]", bounds: bounds, fallback: fallback,
                      issues: &issues)
            }
            value = .array(elements)
        case .object(var members):
            for key in members.keys.sorted() {
                var child = members[key]!
                guard child.arrayValue != nil || child.objectValue != nil else { continue }
                let p = path.isEmpty ? key : path + "." + key
                let q = pattern.isEmpty ? key : pattern + "." + key
                let before = child
                bound(&child, path: p, pattern: q, bounds: bounds, fallback: fallback, issues: &issues)
                if child != before { members[key] = child }
            }
            value = .object(members)
        default:
            return
        }
    }

    enum Step: Equatable { case key(String), each, index(Int) }

    /// A declared or reported path as steps: "a.b[2].c" gives key a, key b, index 2, key c; "[]"
    /// is every element. Empty parts ("a..b") are skipped. Read byte by byte: it runs for every
    /// declared field of every case.
    static func steps(_ path: String) -> [Step] {
        var out: [Step] = []
        var path = path
        path.withUTF8 { bytes in
            let dot = UInt8(ascii: "."), open = UInt8(ascii: "["), close = UInt8(ascii: "]")
            var start = 0
            while start < bytes.count {
                var end = start
                while end < bytes.count && bytes[end] != dot { end += 1 }
                if end > start {
                    // trailing selectors, each from the last '[' to a closing ']' at the end
                    var nameEnd = end
                    var selectors: [Step] = []
                    while nameEnd > start && bytes[nameEnd - 1] == close {
                        var i = nameEnd - 1
                        while i > start && bytes[i - 1] != open { i -= 1 }
                        guard i > start else { break }
                        let inside = UnsafeBufferPointer(rebasing: bytes[i..<(nameEnd - 1)])
                        selectors.append(inside.isEmpty ? .each : .index(Int(String(decoding: inside, as: UTF8.self)) ?? 1))
                        nameEnd = i - 1
                    }
                    out.append(.key(String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<nameEnd]), as: UTF8.self)))
                    out.append(contentsOf: selectors.reversed())
                }
                start = end + 1
            }
        }
        return out
    }

    /// A path with its list selectors removed, the form used to compare a case path with a
    /// declared one: "a.b[2].c" and "a.b[].c" both give "a.b.c".
    public static func withoutIndices(_ path: String) -> String {
        var out = ""
        var depth = 0
        for ch in path {
            if ch == "[" { depth += 1 } else if ch == "]" { depth -= 1 } else if depth == 0 { out.append(ch) }
        }
        return out
    }

    /// Where a field's check is, for its issues: the rule's steps, and the item each list step
    /// taken so far is at (1-based). A path is written only for an issue.
    private struct Trail {
        let steps: [Step]
        var items: [Int] = []

        /// The path of the first `depth` steps, with each list step at its item.
        func path(depth: Int) -> String {
            var out = ""
            var item = 0
            for step in steps[..<depth] {
                switch step {
                case .key(let name): out += out.isEmpty ? name : "." + name
                case .each, .index:
                    out += "[\(items[item])]"
                    item += 1
                }
            }
            return out
        }
    }

    /// Walks `value` along `steps` (the rest of `trail.steps`), checking (and removing) what the
    /// rule describes. Returns whether it removed anything: what it did not change is not copied.
    @discardableResult
    private static func check(_ value: inout LuaValue, steps: ArraySlice<Step>, rule: FieldRule, trail: inout Trail,
                              issues: inout [CaseIssue]) -> Bool {
        guard let step = steps.first else { return false }
        let rest = steps.dropFirst()
        let depth = trail.steps.count - steps.count
        switch step {
        case .key(let key):
            guard case .object(let members) = value else { return false }
            guard let child = members[key], child != .null else {
                if rule.required && rest.isEmpty {
                    issues.append(CaseIssue(path: trail.path(depth: depth + 1),
                                            message: "missing: this field is required (\(rule.type.rawValue))"))
                } else if rule.required, !rest.contains(.each) {
                    issues.append(CaseIssue(path: trail.path(depth: depth + 1), message: "missing: \(rule.path) is required"))
                }
                return false
            }
            if rest.isEmpty {
                guard let problem = mismatch(child, rule) else { return false }
                issues.append(CaseIssue(path: trail.path(depth: depth + 1), message: problem))
                var changed = members
                changed[key] = nil
                value = .object(changed)
                return true
            }
            var updated = child
            guard check(&updated, steps: rest, rule: rule, trail: &trail, issues: &issues) else { return false }
            var changed = members
            changed[key] = updated
            value = .object(changed)
            return true
        case .each, .index:
            guard case .array(let elements) = value else {
                issues.append(CaseIssue(path: trail.path(depth: depth), message: "expected a list, got \(describe(value))"))
                return false
            }
            let range: Range<Int>
            if case .index(let i) = step { range = elements.indices.contains(i - 1) ? (i - 1)..<i : 0..<0 } else { range = elements.indices }
            var changed: [LuaValue]?
            for i in range {
                trail.items.append(i + 1)
                defer { trail.items.removeLast() }
                if rest.isEmpty {
                    guard let problem = mismatch(elements[i], rule) else { continue }
                    issues.append(CaseIssue(path: trail.path(depth: depth + 1), message: problem))
                    if changed == nil { changed = elements }
                    changed![i] = .null
                } else {
                    var item = elements[i]
                    guard check(&item, steps: rest, rule: rule, trail: &trail, issues: &issues) else { continue }
                    if changed == nil { changed = elements }
                    changed![i] = item
                }
            }
            guard let changed else { return false }
            value = .array(changed)
            return true
        }
    }

    static func describe(_ v: LuaValue) -> String {
        switch v {
        case .string(let s): return "\"\(s.count > 40 ? String(s.prefix(40)) + "…" : s)\""
        case .array: return "a list"
        case .object: return "a mapping"
        default: return v.jsonText()
        }
    }

    /// Nil when `v` fits the rule, else what is wrong.
    static func mismatch(_ v: LuaValue, _ rule: FieldRule) -> String? {
        let expected: String
        switch rule.type {
        case .string:
            guard case .string(let s) = v else { expected = "text"; break }
            if let allowed = rule.allowed, !allowed.contains(s) {
                return "\"\(s)\" is not one of: \(allowed.joined(separator: ", "))"
            }
            return nil
        case .number:
            if v.doubleValue != nil { return nil }
            expected = "a number"
        case .integer:
            if case .integer = v { return nil }
            if case .double(let d) = v, d == d.rounded() { return nil }
            expected = "a whole number"
        case .boolean:
            if v.boolValue != nil { return nil }
            expected = "true or false"
        case .array:
            if v.arrayValue != nil { return nil }
            expected = "a list"
        case .object:
            if v.objectValue != nil { return nil }
            expected = "a mapping"
        case .date:
            if let s = v.stringValue, isDate(s) { return nil }
            expected = "a date written YYYY-MM-DD"
        case .country:
            if let s = v.stringValue, Countries.alpha2.contains(s) { return nil }
            if let s = v.stringValue, Countries.alpha2.contains(s.uppercased()) {
                return "\"\(s)\" must be written in capitals: \"\(s.uppercased())\""
            }
            expected = "an ISO 3166-1 alpha-2 country code such as \"UY\""
        }
        return "expected \(expected), got \(describe(v))"
    }

    static func isDate(_ s: String) -> Bool {
        let parts = s.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
              let y = Int(parts[0]), let m = Int(parts[1]), let d = Int(parts[2]),
              (1...12).contains(m), d >= 1 else { return false }
        let days = [31, (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
        return d <= days[m - 1]
    }
}
