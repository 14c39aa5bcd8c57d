import LuaRuntime

/// Text a reader sees, in one or more languages: a plain string (the same in every language)
/// or translations keyed by language code (`en`, `es`, `pt`, `fr`).
public struct LocalizedText: Sendable, Hashable {
    /// Translations by language code; a plain string is stored under "*".
    public var translations: [String: String]

    public init(_ plain: String) { translations = ["*": plain] }
    public init(translations: [String: String]) { self.translations = translations }

    /// Reads a rule value: a string, or a table of strings keyed by language.
    public init?(_ value: LuaValue?) {
        switch value {
        case .string(let s)?: translations = ["*": s]
        case .object(let o)? where !o.isEmpty:
            var t = [String: String](minimumCapacity: o.count)  // (grown from empty: three rehashes)
            for (k, v) in o {
                guard case .string(let s) = v else { return nil }
                t[k] = s
            }
            translations = t
        default: return nil
        }
    }

    /// True when the text is the same in every language (a plain string).
    public var isPlain: Bool { translations["*"] != nil }

    /// The languages missing from `required` (none for a plain string).
    public func missing(_ required: [String]) -> [String] {
        isPlain ? [] : required.filter { (translations[$0] ?? "").isEmpty }
    }

    /// The text in `language`, falling back to English, then to any translation.
    public func text(_ language: String) -> String {
        if let s = translations["*"] { return s }
        if let s = translations[language], !s.isEmpty { return s }
        if let s = translations["en"], !s.isEmpty { return s }
        return translations.keys.sorted().first.map { translations[$0]! } ?? ""
    }

    /// As JSON: a string when plain, else an object of translations.
    public var value: LuaValue {
        if let s = translations["*"] { return .string(s) }
        return .object(translations.mapValues { .string($0) })
    }
}
