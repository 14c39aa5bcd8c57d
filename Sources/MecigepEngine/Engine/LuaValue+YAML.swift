import LuaRuntime
import Yams

extension LuaValue {
    /// YAML text with keys in sorted order (deterministic, like `jsonText`).
    public func yamlText() -> String {
        // UTF-8 as it is ("revisión" stays "revisión", not an escape): the texts are in four languages
        (try? Yams.serialize(node: yamlNode, allowUnicode: true)) ?? jsonText(pretty: true)
    }

    var yamlNode: Node {
        switch self {
        case .null: return Node("null", Tag(.null))
        case .bool(let b): return Node(b ? "true" : "false", Tag(.bool))
        case .integer(let i): return Node(String(i), Tag(.int))
        case .double(let d): return Node(LuaValue.double(d).jsonText(), Tag(.float))
        case .string(let s): return Node(s, Tag(.str), s.isEmpty || Self.needsQuotes(s) ? .doubleQuoted : .any)
        case .array(let a): return Node(a.map(\.yamlNode))
        case .object(let o):
            return Node(o.keys.sorted(by: LuaValue.keyOrder).map { (Node($0), o[$0]!.yamlNode) })
        }
    }

    /// Strings YAML would read back as something else (numbers in any base, .inf and .nan,
    /// booleans, null, dates), or not exactly (a byte-order mark, edge whitespace).
    static func needsQuotes(_ s: String) -> Bool {
        let plain = ["true", "false", "yes", "no", "on", "off", "null", "~", "y", "n"]
        if plain.contains(s.lowercased()) { return true }
        if Resolver.default.resolveTag(of: Node(s)) != .str { return true }
        if s.unicodeScalars.contains(where: { $0 == "\u{FEFF}" || $0.properties.generalCategory == .control }) { return true }
        if let first = s.unicodeScalars.first, let last = s.unicodeScalars.last,
           first.properties.isWhitespace || last.properties.isWhitespace { return true }
        if Double(s) != nil || Int(s) != nil { return true }
        if s.first.map({ $0.isNumber }) == true && s.contains("-") { return true }
        return false
    }
}
