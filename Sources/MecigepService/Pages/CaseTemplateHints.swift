import Foundation

/// What the case template (`examples/templates/case-template.LANG.yaml`) tells a person filling a
/// case, read back for the form: the order of the fields, the section each top-level field sits
/// in, the comment after each field (its help, in the template's language), the notes written
/// under a field, the examples of list items, and the help of list-item fields written as
/// commented block examples.
///
/// Paths are dotted field names with `[]` for "an item of the list": `problem.baseline[].value`.
struct CaseTemplateHints: Sendable {
    /// Top-level sections in the template's order: a title and the fields under it.
    var sections: [(title: String, keys: [String])] = []
    /// The comment after a field.
    var help: [String: String] = [:]
    /// Comment lines written under a field (not examples).
    var notes: [String: [String]] = [:]
    /// Commented list items (`# - { ... }`), as written.
    var examples: [String: [String]] = [:]
    /// A sub-heading written above a field (`# 1. Long-term`).
    var headings: [String: String] = [:]
    /// Position of each path in the template, for ordering fields.
    var order: [String: Int] = [:]

    init() {}

    /// Reads `case-template.LANG.yaml` from `folder`, falling back to English; empty when absent.
    static func load(folder: String?, language: String) -> CaseTemplateHints {
        guard let folder else { return CaseTemplateHints() }
        for lang in [language, "en"] {
            let path = (folder as NSString).appendingPathComponent("case-template.\(lang).yaml")
            if let text = try? String(contentsOfFile: path, encoding: .utf8) { return CaseTemplateHints(text: text) }
        }
        return CaseTemplateHints()
    }

    /// Parses a template's text.
    init(text: String) {
        var stack: [(indent: Int, key: String)] = []
        var pendingSection: String?
        var inRule = false
        var pendingHeading: String?
        var listItemIndent: Int?  // indentation of the fields of a commented block example

        func parentPath(below indent: Int) -> [String] {
            stack.filter { $0.indent < indent }.map(\.key)
        }
        for raw in text.split(separator: "\n", omittingEmptySubsequences: false) {
            let line = String(raw)
            let indent = line.prefix { $0 == " " }.count
            let body = line.dropFirst(indent)
            if body.hasPrefix("# ---") {
                inRule.toggle()
                continue
            }
            if body.hasPrefix("#") {
                let comment = body.dropFirst().trimmingCharacters(in: .whitespaces)
                if inRule, indent == 0 {
                    if !comment.isEmpty { pendingSection = comment }
                    continue
                }
                if indent == 0 { continue }  // the file's opening explanation, and comments between sections
                if comment.first?.isNumber == true, comment.contains(". ") {
                    pendingHeading = comment
                    continue
                }
                let parent = parentPath(below: indent + 1)
                guard !parent.isEmpty else { continue }
                let listPath = parent.joined(separator: ".")
                if comment.hasPrefix("- ") {
                    let item = String(comment.dropFirst(2))
                    let (code, note) = Self.splitComment(item)
                    examples[listPath, default: []].append(code)
                    if let field = Self.blockField(code) {
                        listItemIndent = indent
                        if let note { help[listPath + "[]." + field] = note }
                    } else {
                        listItemIndent = nil
                        if let note { notes[listPath, default: []].append(note) }
                    }
                    continue
                }
                let afterHash = body.dropFirst()
                if let itemIndent = listItemIndent, itemIndent == indent, afterHash.hasPrefix("   "),
                   let field = Self.blockField(comment) {
                    if let note = Self.splitComment(comment).1 { help[listPath + "[]." + field] = note }
                    continue
                }
                listItemIndent = nil
                if !comment.isEmpty { notes[listPath, default: []].append(comment) }
                continue
            }
            listItemIndent = nil
            guard let key = Self.blockField(String(body)) else { continue }
            while let last = stack.last, last.indent >= indent { stack.removeLast() }
            stack.append((indent, key))
            let path = stack.map(\.key).joined(separator: ".")
            order[path] = order.count + 1
            if indent == 0 {
                if let title = pendingSection {
                    sections.append((title, []))
                    pendingSection = nil
                }
                if sections.isEmpty { sections.append(("", [])) }
                sections[sections.count - 1].keys.append(key)
            }
            if let heading = pendingHeading {
                headings[path] = heading
                pendingHeading = nil
            }
            if let note = Self.splitComment(String(body.dropFirst(key.count + 1))).1 { help[path] = note }
        }
    }

    /// `code # note` → (code, note).
    static func splitComment(_ s: String) -> (String, String?) {
        guard let range = s.range(of: " # ", options: .backwards) ?? (s.trimmingCharacters(in: .whitespaces).hasPrefix("#")
            ? s.range(of: "#") : nil) else {
            return (s.trimmingCharacters(in: .whitespaces), nil)
        }
        let note = s[range.upperBound...].trimmingCharacters(in: .whitespaces)
        return (s[..<range.lowerBound].trimmingCharacters(in: .whitespaces), note.isEmpty ? nil : note)
    }

    /// The field a line starts with (`value: 31`), or nil when it starts with none (a flow
    /// example `{ ... }`, text).
    static func blockField(_ code: String) -> String? {
        guard let colon = code.firstIndex(of: ":") else { return nil }
        let key = code[..<colon]
        guard !key.isEmpty, key.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" }) else { return nil }
        return String(key)
    }
}
