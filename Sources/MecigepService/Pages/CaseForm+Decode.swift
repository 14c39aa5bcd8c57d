import Foundation
import LuaRuntime
import MecigepEngine

extension CaseForm {
    /// The shape a field is shown and read with, given its current value: a value the field's
    /// inputs cannot hold (a list where the schema wants an object, text where it wants a list) is
    /// shown and edited as JSON, so it is neither hidden nor lost.
    static func effective(_ shape: Shape, _ value: LuaValue?) -> Shape {
        guard let value, value != .null else { return shape }
        switch (shape, value) {
        case (.object(_, let bare), .string): return bare == nil ? .json : shape
        case (.object, .object), (.list, .array), (.choices, .array), (.json, _), (.fixed, _): return shape
        case (.object, _), (.list, _), (.choices, _): return .json
        case (.noneOr(let inner, let none), _):
            return none.matches(value) || effective(inner, value) == inner ? shape : .json
        case (_, .array), (_, .object): return .json
        default: return shape
        }
    }
}

extension CaseForm.Shape: Equatable {
    static func == (a: CaseForm.Shape, b: CaseForm.Shape) -> Bool {
        switch (a, b) {
        case (.json, .json), (.fixed, .fixed), (.boolean, .boolean), (.date, .date), (.textOrInteger, .textOrInteger): return true
        case (.text(let x), .text(let y)): return x == y
        case (.number(let x), .number(let y)): return x == y
        case (.choice(let x), .choice(let y)), (.choices(let x), .choices(let y)): return x == y
        case (.object(let x, let bx), .object(let y, let by)): return bx == by && x.map(\.key) == y.map(\.key)
        case (.list(let x, let nx), .list(let y, let ny)): return nx == ny && x == y
        case (.noneOr(let x, let nx), .noneOr(let y, let ny)): return x == y && nx == ny
        default: return false
        }
    }
}

/// Reads a posted case form back into a case, on top of the revision it was shown with: fields
/// the form does not show (unknown to the schema, constants) are carried over unchanged, an empty
/// input means "not reported" (the field is left out), a number that does not read as one is kept
/// as the text typed so the completeness check names it.
struct CaseFormDecoder {
    /// At most this many items per list (a form claiming more is cut there).
    static let maxItems = 2000

    let form: CaseForm
    let values: [String: [String]]

    init(form: CaseForm, fields: [(String, String)]) {
        self.form = form
        var values: [String: [String]] = [:]
        for (name, value) in fields where name.hasPrefix("c/") { values[name, default: []].append(value) }
        self.values = values
    }

    func first(_ name: String) -> String? { values[name]?.first }

    /// The case the form describes, built over `base` (the revision shown; nil for a new case).
    func decode(base: LuaValue?) -> LuaValue {
        let shape = CaseForm.Shape.object(form.fields, bareText: nil)
        return decode(shape, [], base: base) ?? .object([:])
    }

    func decode(_ declared: CaseForm.Shape, _ path: [CasePathPart], base: LuaValue?) -> LuaValue? {
        let shape = CaseForm.effective(declared, base)
        let name = path.inputName
        func text() -> String? {
            guard let raw = first(name) else { return nil }
            let trimmed = raw.trimmingCharacters(in: .whitespacesAndNewlines)
            return trimmed.isEmpty ? nil : trimmed
        }
        /// A scalar input missing from the post (a form older than the schema), or posted as it was
        /// shown: the value stays exactly as it was (`"2025"` stays text, `2.0` stays a decimal).
        func absent() -> Bool {
            guard let raw = first(name) else { return true }
            guard let base, base != .null else { return false }
            return raw.replacingOccurrences(of: "\r\n", with: "\n") == CaseFormRenderer.display(base)
        }

        switch shape {
        case .fixed:
            return base
        case .text:
            if absent() { return base }
            guard let raw = first(name), !raw.allSatisfy(\.isWhitespace) else { return nil }
            return .string(raw.replacingOccurrences(of: "\r\n", with: "\n"))
        case .date, .choice:
            if absent() { return base }
            return text().map(LuaValue.string)
        case .number(let integer):
            if absent() { return base }
            guard let t = text() else { return nil }
            if let i = Int64(t) { return .integer(i) }
            if !integer || t.contains("."), let d = Double(t), d.isFinite, t.first != "+" { return .double(d) }
            return .string(t)
        case .textOrInteger:
            if absent() { return base }
            guard let t = text() else { return nil }
            if t.count <= 18, t.allSatisfy(\.isASCII), let i = Int64(t), i >= 0 { return .integer(i) }
            return .string(t)
        case .boolean:
            if absent() { return base }
            switch text() {
            case nil: return nil
            case "true": return .bool(true)
            case "false": return .bool(false)
            case let other?: return .string(other)
            }
        case .json:
            guard let raw = first(name + "/@json") else { return base }
            let t = raw.trimmingCharacters(in: .whitespacesAndNewlines)
            if t.isEmpty { return nil }
            return (try? DocumentLoader.parse(Data(t.utf8), format: .json, name: name)) ?? .string(t)
        case .choices:
            // The codes still ticked in the order the case had them, then the newly ticked ones.
            let ticked = (values[name] ?? []).filter { !$0.isEmpty }
            let before = (base?.arrayValue ?? []).compactMap(\.stringValue)
            let chosen = before.filter(ticked.contains) + ticked.filter { !before.contains($0) }
            if !chosen.isEmpty { return .array(chosen.map(LuaValue.string)) }
            return first(name + "/@none") == "on" ? .array([]) : nil
        case .object(let fields, let bareText):
            var baseObject = base?.objectValue ?? [:]
            if let bareText, let s = base?.stringValue { baseObject = [bareText: .string(s)] }
            let known = Set(fields.map(\.key))
            var out = baseObject.filter { !known.contains($0.key) }
            for field in fields {
                if let v = decode(field.shape, path + [.key(field.key)], base: baseObject[field.key]) { out[field.key] = v }
            }
            if let bareText, out.count == 1, let only = out[bareText], base?.stringValue != nil || base == nil, case .string = only {
                return only
            }
            return out.isEmpty ? nil : .object(out)
        case .list(let item, _):
            let baseItems = base?.arrayValue ?? []
            let count = min(Int(first(name + "/@count") ?? "") ?? baseItems.count, Self.maxItems)
            var items: [LuaValue] = []
            for i in 0..<max(count, 0) {
                let itemPath = path + [.index(i)]
                if first(itemPath.inputName + "/@remove") == "on" { continue }
                let itemBase: LuaValue? = i < baseItems.count ? .some(baseItems[i]) : .none  // (a bare nil here would be LuaValue.null)
                if let v = decode(item, itemPath, base: itemBase) { items.append(v) }
            }
            if count < baseItems.count { items += baseItems[max(count, 0)...] }  // items the form did not show
            if !items.isEmpty { return .array(items) }
            return first(name + "/@none") == "on" ? .array([]) : nil
        case .noneOr(let inner, let none):
            let shown = CaseForm.BlockState(base, none)
            // No choice posted: as shown; a choice the form never offers: as "not reported".
            let state = first(name + "/@state").map { CaseForm.BlockState(rawValue: $0) ?? .absent } ?? shown
            if state == .none { return shown == .none ? base : none.written }
            let decoded = decode(inner, path, base: shown == .none ? .none : base)
            if state == .given, decoded == nil, case .object = inner { return .object([:]) }
            return decoded
        }
    }
}
