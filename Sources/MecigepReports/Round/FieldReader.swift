import Foundation
import LuaRuntime
import MecigepEngine

/// Reads the fields of a loaded document (a round or follow-up file), checking each one and
/// collecting every problem with its path, so that a user sees all of them at once.
struct FieldReader {
    private(set) var problems: [InputProblem] = []

    mutating func fail(_ path: String, _ message: String) {
        problems.append(InputProblem(path: path, message: message))
    }

    static func join(_ base: String, _ key: String) -> String { base.isEmpty ? key : base + "." + key }

    static func describe(_ v: LuaValue) -> String {
        switch v {
        case .string(let s): return "\"\(s.count > 40 ? String(s.prefix(40)) + "…" : s)\""
        case .array: return "a list"
        case .object: return "a mapping"
        case .null: return "nothing"
        default: return v.jsonText()
        }
    }

    /// The members of a mapping, after reporting members not in `fields` (typos, usually).
    mutating func mapping(_ v: LuaValue?, _ path: String, fields: [String]) -> [String: LuaValue]? {
        guard let v, v != .null else { return nil }
        guard let o = v.objectValue else {
            fail(path.isEmpty ? "(document)" : path, "expected a mapping of fields, got \(Self.describe(v))")
            return nil
        }
        for key in o.keys.sorted() where !fields.contains(key) {
            fail(Self.join(path, key), "unknown field; the fields here are: \(fields.joined(separator: ", "))")
        }
        return o
    }

    /// The elements of a list with their paths (`peers[1]`, `peers[2]`...).
    mutating func list(_ o: [String: LuaValue]?, _ key: String, _ base: String, required: Bool = false)
        -> [(value: LuaValue, path: String)]
    {
        let path = Self.join(base, key)
        guard let v = o?[key], v != .null else {
            if required { fail(path, "missing: this list is required") }
            return []
        }
        guard let a = v.arrayValue else {
            fail(path, "expected a list, got \(Self.describe(v))")
            return []
        }
        return a.enumerated().map { ($0.element, "\(path)[\($0.offset + 1)]") }
    }

    /// Plain text.
    mutating func string(_ o: [String: LuaValue]?, _ key: String, _ base: String, required: Bool = false) -> String? {
        let path = Self.join(base, key)
        guard let v = o?[key], v != .null else {
            if required { fail(path, "missing: this field is required") }
            return nil
        }
        switch v {
        case .string(let s) where !s.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty: return s
        case .string:
            if required { fail(path, "empty: write the text") }
            return nil
        case .integer, .double: return v.jsonText()
        default:
            fail(path, "expected text, got \(Self.describe(v))")
            return nil
        }
    }

    /// Text in one language, or translations keyed en, es, pt, fr.
    mutating func text(_ o: [String: LuaValue]?, _ key: String, _ base: String, required: Bool = false) -> LocalizedText? {
        let path = Self.join(base, key)
        guard let v = o?[key], v != .null else {
            if required { fail(path, "missing: this text is required") }
            return nil
        }
        if case .object(let members) = v {
            for k in members.keys.sorted() where Language(rawValue: k) == nil {
                fail(Self.join(path, k), "not a report language; translations are keyed en, es, pt or fr")
            }
        }
        guard let text = LocalizedText(v), !text.translations.values.allSatisfy({ $0.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty }) else {
            fail(path, "expected text (or translations keyed en, es, pt, fr), got \(Self.describe(v))")
            return nil
        }
        return text
    }

    /// A YYYY-MM-DD date.
    mutating func date(_ o: [String: LuaValue]?, _ key: String, _ base: String, required: Bool = false) -> String? {
        let path = Self.join(base, key)
        guard let v = o?[key], v != .null else {
            if required { fail(path, "missing: write the date as YYYY-MM-DD") }
            return nil
        }
        guard let s = v.stringValue, SimpleDate.isValid(s) else {
            fail(path, "\(Self.describe(v)) is not a date; write it as YYYY-MM-DD, such as \"2026-11-29\"")
            return nil
        }
        return s
    }

    /// An ISO 3166-1 alpha-2 country code.
    mutating func country(_ o: [String: LuaValue]?, _ key: String, _ base: String, required: Bool = false) -> String? {
        let path = Self.join(base, key)
        guard let v = o?[key], v != .null else {
            if required { fail(path, "missing: give the State's ISO 3166-1 alpha-2 code, such as \"UY\"") }
            return nil
        }
        guard let s = v.stringValue else {
            fail(path, "expected an ISO 3166-1 alpha-2 code such as \"UY\", got \(Self.describe(v))")
            return nil
        }
        if Countries.alpha2.contains(s) { return s }
        if Countries.alpha2.contains(s.uppercased()) {
            fail(path, "\"\(s)\" must be written in capitals: \"\(s.uppercased())\"")
        } else {
            fail(path, "\"\(s)\" is not an ISO 3166-1 alpha-2 code; write the State's two-letter code, such as \"UY\" or \"PE\"")
        }
        return nil
    }

    /// One of a few words.
    mutating func choice(_ o: [String: LuaValue]?, _ key: String, _ base: String, _ values: [String],
                         required: Bool = false) -> String? {
        let path = Self.join(base, key)
        guard let v = o?[key], v != .null else {
            if required { fail(path, "missing: write one of \(values.joined(separator: ", "))") }
            return nil
        }
        guard let s = v.stringValue, values.contains(s) else {
            fail(path, "\(Self.describe(v)) is not one of: \(values.joined(separator: ", "))")
            return nil
        }
        return s
    }

    mutating func bool(_ o: [String: LuaValue]?, _ key: String, _ base: String) -> Bool? {
        guard let v = o?[key], v != .null else { return nil }
        guard let b = v.boolValue else {
            fail(Self.join(base, key), "expected true or false, got \(Self.describe(v))")
            return nil
        }
        return b
    }

    /// A list of plain texts.
    mutating func strings(_ o: [String: LuaValue]?, _ key: String, _ base: String) -> [String] {
        list(o, key, base).compactMap { item in
            guard let s = item.value.stringValue, !s.isEmpty else {
                fail(item.path, "expected text, got \(Self.describe(item.value))")
                return nil
            }
            return s
        }
    }

    /// A level as written: 3 or "3" on numeric scales, "B" or "B+" on letter scales.
    mutating func level(_ v: LuaValue, _ path: String) -> String? {
        switch v {
        case .integer(let i): return String(i)
        case .double(let d) where d == d.rounded() && abs(d) < 1e15: return String(Int64(d))
        case .string(let s) where !s.isEmpty: return s
        default:
            fail(path, "expected a level of the framework's scale, got \(Self.describe(v))")
            return nil
        }
    }
}
