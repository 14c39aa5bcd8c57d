import Foundation
import LuaRuntime

/// Placeholders in a case: text written where an answer should be ("por definir", "TBD"). The
/// words come from the framework (`placeholders = require("lib.placeholders").words`), so a
/// methodologist changes them without rebuilding anything.
public enum Placeholders {
    /// The form words are compared in: lower case, accents removed, spaces collapsed, without a
    /// final full stop. "  Por Definir. " and "por definir" are the same placeholder.
    public static func normalise(_ text: String) -> String {
        // ASCII text (most answers and codes): lower case and collapsed spaces by hand, the same
        // result as the Unicode folding below, without its cost on every string of every case.
        if text.utf8.allSatisfy({ $0 < 0x80 }) {
            // written straight into the string (no buffer in between; short text stays inline)
            return String(unsafeUninitializedCapacity: text.utf8.count) { out in
                var n = 0
                var space = false
                for b in text.utf8 {
                    if b == 0x20 || (0x09...0x0d).contains(b) {
                        space = n > 0
                        continue
                    }
                    if space { out[n] = 0x20; n += 1; space = false }
                    out[n] = (0x41...0x5a).contains(b) ? b | 0x20 : b
                    n += 1
                }
                return n
            }
        }
        var s = text.folding(options: [.caseInsensitive, .diacriticInsensitive, .widthInsensitive], locale: nil)
        s = s.split(whereSeparator: \.isWhitespace).joined(separator: " ")
        return s
    }

    /// Whether `text` is one of `words` (normalised), also with a final full stop ("Pendiente.").
    public static func isPlaceholder(_ text: String, in words: Set<String>) -> Bool {
        isPlaceholder(text, in: words, longest: longestWord(words))
    }

    /// The most UTF-8 bytes a word of `words` has (for `isPlaceholder(_:in:longest:)`).
    static func longestWord(_ words: Set<String>) -> Int { words.reduce(0) { max($0, $1.utf8.count) } }

    /// `isPlaceholder(_:in:)` with `longest` = `longestWord(words)` worked out once per case.
    static func isPlaceholder(_ text: String, in words: Set<String>, longest: Int) -> Bool {
        // every placeholder is short: longer text is an answer, whatever it says
        guard text.utf8.count <= 64 else { return false }
        // Normalising keeps each ASCII byte that is not a space as one byte (lower case; folding
        // takes accents and marks off letters, never a letter itself), so a text with more of
        // them than the longest word has, plus one for a final full stop, is none of the words:
        // answered without making a string (most short answers: names, titles, codes)
        var letters = 0
        for b in text.utf8 where b < 0x80 && !(b == 0x20 || (0x09...0x0d).contains(b)) { letters += 1 }
        if letters > longest + 1 { return false }
        let n = normalise(text)
        // (a final "." after at least one byte: as counting characters would say, without counting them)
        return words.contains(n) || n.utf8.count > 1 && n.hasSuffix(".") && words.contains(String(n.dropLast()))
    }

    /// Every string in `value` that is a placeholder, removed (a member deleted, a list item
    /// made null), with a notice naming its path and what to give instead. A case without any
    /// (nearly every case) is read once and left as it is: no paths made, nothing copied.
    static func remove(from value: inout LuaValue, words: Set<String>, path: String = "") -> [CaseIssue] {
        let longest = longestWord(words)
        guard !words.isEmpty, holdsPlaceholder(value, words, longest: longest) else { return [] }
        return strip(&value, words: words, path: path, longest: longest)
    }

    /// The walk `remove` makes once it knows there is something to remove.
    static func strip(_ value: inout LuaValue, words: Set<String>, path: String, longest: Int? = nil) -> [CaseIssue] {
        let longest = longest ?? longestWord(words)
        switch value {
        case .string(let s) where isPlaceholder(s, in: words, longest: longest):
            return [CaseIssue(path: path.isEmpty ? "(document)" : path, message:
                "\"\(s)\" is a placeholder, not an answer: give the value, with the document it comes from "
                    + "(or none if there is none); until then it counts as missing")]
        case .object(var members):
            var notices: [CaseIssue] = []
            for key in members.keys.sorted() {
                var child = members[key]!
                let here = path.isEmpty ? key : path + "." + key
                let found = strip(&child, words: words, path: here, longest: longest)
                if !found.isEmpty {
                    notices += found
                    if case .string = child { members[key] = nil } else { members[key] = child }
                }
            }
            value = .object(members)
            return notices
        case .array(var items):
            var notices: [CaseIssue] = []
            for i in items.indices {
                let found = strip(&items[i], words: words, path: path + "[\(i + 1)]", longest: longest)
                if !found.isEmpty {
                    notices += found
                    if case .string = items[i] { items[i] = .null }
                }
            }
            value = .array(items)
            return notices
        default:
            return []
        }
    }

    /// Whether any string in `value` is a placeholder.
    static func holdsPlaceholder(_ value: LuaValue, _ words: Set<String>, longest: Int) -> Bool {
        switch value {
        case .string(let s): return isPlaceholder(s, in: words, longest: longest)
        case .object(let members): return members.values.contains { holdsPlaceholder($0, words, longest: longest) }
        case .array(let items): return items.contains { holdsPlaceholder($0, words, longest: longest) }
        default: return false
        }
    }
}
