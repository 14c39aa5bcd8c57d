import Foundation
import LuaRuntime
import Yams

/// Turns YAML text into a `LuaValue`, through Yams (libyaml) for the syntax and our own
/// conversion for the values.
///
/// Decisions:
/// - Plain scalars are resolved by the YAML 1.2 **core schema**, not Yams' YAML 1.1 rules:
///   `yes`/`no`/`on`/`off` and `12:30` stay text; `null`/`~`/empty is null; `true`/`false` (and
///   their capitalised forms) are booleans; `0x1F`/`0o17` and decimals are integers.
/// - Integers that do not fit `Int64` become doubles (as in JSON). Numbers written with a
///   leading zero (`08001`, `007`) stay **text**: they are codes (postal codes, ids), and the
///   core schema would silently drop the zero.
/// - Timestamps (`2026-09-01`) stay text: the core schema has no timestamp type.
/// - `.inf`/`.nan` (and numbers too large for a double) are errors: cases are JSON-compatible.
/// - Explicit tags `!!str`, `!!int`, `!!float`, `!!bool`, `!!null` (and `!!timestamp`, kept as
///   text) are honoured; any other tag is an error.
/// - Mapping keys become strings (their text as written); a list or mapping as a key is an
///   error, and so is an alias as a key. Keys that become the same string are duplicates.
/// - Merge keys (`<<: *base`) are **not supported**: they are an error saying what to do.
/// - One document per file.
///
/// Alias bombs: Yams composes aliases by sharing, so its tree stays as small as the text, but
/// it hashes mapping keys (to find duplicates) without sharing, so an alias inside a key could
/// make it work without end. A first pass with every alias turned into plain text (`vetAliases`)
/// proves no key contains an alias before the real parse. The conversion then counts every
/// value it produces, aliases expanded, and stops at `maxValues` (and at eight times
/// `maxBytes` of text).
enum YAMLDocumentParser {
    /// Stands in for `*` in the first pass; a private-use character no document uses.
    static let aliasMarker: Unicode.Scalar = "\u{E000}"
    static let aliasMarkerBytes: [UInt8] = [0xEE, 0x80, 0x80]

    /// `events`: read the common document straight from libyaml's events (`YAMLEventReader`),
    /// composing Yams' tree only for what that reader declines; false composes every document
    /// (the reference the reader is tested against).
    static func parse(bytes: UnsafeBufferPointer<UInt8>, name: String, limits: DocumentLimits,
                      events: Bool = true) throws(DocumentError) -> LuaValue {
        if let bad = firstForbiddenCharacter(in: bytes) {
            let (line, column) = DocumentText.position(ofByte: bad.offset, in: bytes)
            throw DocumentError(
                file: name, line: line, column: column,
                message: "control character \(DocumentText.codePoint(bad.value)) is not allowed in YAML; remove it "
                    + "(inside double quotes it may be written as an escape such as \\x\(String(format: "%02X", min(bad.value, 0xFF))))")
        }
        if events, let value = YAMLEventReader.read(bytes, limits: limits) { return value }
        let context = Context(name: name, limits: limits, original: bytes)
        if let disarmed = disarmAliases(bytes) {
            try vetAliases(disarmed, context)
        }
        let text = String(decoding: bytes, as: UTF8.self)
        guard let root = try compose(text, context) else {
            throw DocumentError(file: name, message: "the document is empty; write the case as YAML `key: value` lines")
        }
        var converter = Converter(context: context)
        return try converter.convert(root, depth: 0)
    }

    /// What error reporting needs.
    struct Context {
        let name: String
        let limits: DocumentLimits
        let original: UnsafeBufferPointer<UInt8>

        func error(_ mark: Yams.Mark?, _ message: String) -> DocumentError {
            DocumentError(file: name, line: mark?.line, column: mark?.column, message: message)
        }
    }

    // MARK: - Composing

    /// Yams' tree for a single-document stream (nil when there is no document). The basic
    /// resolver (no rules) makes Yams compare keys as text, as we do, and costs no regex.
    static func compose(_ text: String, _ context: Context) throws(DocumentError) -> Yams.Node? {
        do {
            return try composeRaw(text)
        } catch let error as YamlError {
            throw translate(error, text: text, context)
        } catch {
            throw DocumentError(file: context.name, message: "cannot parse the YAML (\(error))")
        }
    }

    static func composeRaw(_ text: String) throws -> Yams.Node? {
        try Yams.Parser(yaml: text, resolver: .basic, constructor: .default, encoding: .utf8).singleRoot()
    }

    // MARK: - Alias vetting

    /// The text with every `*` that could start an alias (a `*` followed by a letter, digit,
    /// `_` or `-`, as libyaml requires) replaced by `aliasMarker`; nil when there is none.
    /// Lines and columns stay the same (libyaml counts characters, not bytes).
    static func disarmAliases(_ bytes: UnsafeBufferPointer<UInt8>) -> [UInt8]? {
        var out: [UInt8]? = nil
        var copied = 0
        var i = 0
        while i + 1 < bytes.count {
            if bytes[i] == UInt8(ascii: "*"), isAnchorByte(bytes[i + 1]) {
                if out == nil { out = []; out!.reserveCapacity(bytes.count + 64) }
                out!.append(contentsOf: bytes[copied..<i])
                out!.append(contentsOf: aliasMarkerBytes)
                copied = i + 1
            }
            i += 1
        }
        guard var result = out else { return nil }
        result.append(contentsOf: bytes[copied...])
        return result
    }

    static func isAnchorByte(_ b: UInt8) -> Bool {
        (b >= 0x30 && b <= 0x39) || (b >= 0x41 && b <= 0x5A) || (b >= 0x61 && b <= 0x7A)
            || b == UInt8(ascii: "_") || b == UInt8(ascii: "-")
    }

    /// Parses the disarmed text (which has no aliases, so nothing in it can blow up) and fails
    /// if an alias stood anywhere inside a mapping key.
    static func vetAliases(_ disarmed: [UInt8], _ context: Context) throws(DocumentError) {
        let text = String(decoding: disarmed, as: UTF8.self)
        guard let root = try compose(text, context) else { return }
        var stack: [(node: Yams.Node, inKey: Bool)] = [(root, false)]
        while let (node, inKey) = stack.popLast() {
            switch node {
            case .scalar(let scalar):
                if inKey, scalar.style == .plain, scalar.string.unicodeScalars.first == aliasMarker {
                    let alias = "*" + String(String.UnicodeScalarView(
                        scalar.string.unicodeScalars.dropFirst().prefix { $0.isASCII && isAnchorByte(UInt8($0.value)) }))
                    throw context.error(scalar.mark, "an alias (\(alias)) cannot be used as a mapping key; "
                        + "write the key out as text (quote it if it starts with '*')")
                }
            case .mapping(let mapping):
                for (key, value) in mapping.reversed() {  // reversed: visit in document order
                    stack.append((value, inKey))
                    stack.append((key, true))
                }
            case .sequence(let sequence):
                for item in sequence.reversed() { stack.append((item, inKey)) }
            case .alias:
                break
            }
        }
    }

    // MARK: - Forbidden characters

    /// The first character libyaml refuses ("control characters are not allowed"): C0 controls
    /// other than tab, LF and CR, DEL, C1 controls other than NEL, U+FFFE and U+FFFF.
    static func firstForbiddenCharacter(in bytes: UnsafeBufferPointer<UInt8>) -> (offset: Int, value: UInt32)? {
        var i = 0
        while i < bytes.count {
            let b = bytes[i]
            if b < 0x20, b != 0x09, b != 0x0A, b != 0x0D { return (i, UInt32(b)) }
            if b == 0x7F { return (i, 0x7F) }
            if b == 0xC2, i + 1 < bytes.count, (0x80...0x9F).contains(bytes[i + 1]), bytes[i + 1] != 0x85 {
                return (i, UInt32(bytes[i + 1]))
            }
            if b == 0xEF, i + 2 < bytes.count, bytes[i + 1] == 0xBF, bytes[i + 2] == 0xBE || bytes[i + 2] == 0xBF {
                return (i, bytes[i + 2] == 0xBE ? 0xFFFE : 0xFFFF)
            }
            i += 1
        }
        return nil
    }

    // MARK: - Errors from Yams

    static func translate(_ error: YamlError, text: String, _ context: Context) -> DocumentError {
        switch error {
        case let .scanner(problemContext, problem, mark, _),
             let .parser(problemContext, problem, mark, _),
             let .composer(problemContext, problem, mark, _):
            return syntaxError(problem: problem, problemContext: problemContext, mark: mark, context)
        case let .duplicatedKeysInMapping(duplicates, problemContext):
            return duplicateKeyError(duplicates: duplicates, firstMark: problemContext.mark, text: text, context)
        case let .reader(problem, offset, _, yaml):
            let (line, column) = position(ofCharacter: offset ?? 0, in: yaml)
            return DocumentError(file: context.name, line: line, column: column,
                                 message: "\(problem); remove the character or save the file as UTF-8 text")
        case .memory:
            return DocumentError(file: context.name, message: "out of memory while parsing the YAML; the document is too large")
        case .dataCouldNotBeDecoded:
            return DocumentError(file: context.name, message: "invalid UTF-8; save the file with UTF-8 encoding")
        default:
            return DocumentError(file: context.name, message: "cannot parse the YAML (\(error))")
        }
    }

    static func syntaxError(problem: String, problemContext: YamlError.Context?, mark: Yams.Mark, _ context: Context) -> DocumentError {
        let found = characters(atLine: mark.line, column: mark.column, in: context.original)
        var message: String
        switch problem {
        case "but found another document":
            return context.error(mark, "one document per file: a second document starts here; "
                + "put each case in its own file (or remove this '---' line)")
        case "found undefined alias":
            let name = String(found.dropFirst().prefix { $0.isASCII && isAnchorByte($0.asciiValue!) })
            return context.error(mark, "undefined alias *\(name); put the anchor &\(name) on a value before this line, "
                + "or quote the value if it is meant as text")
        case let p where p.hasPrefix("Maximum nesting level"):
            return context.error(mark, "nested deeper than \(min(context.limits.maxDepth, 1000)) levels; flatten the structure")
        case "found character that cannot start any token":
            let first = found.first.map(String.init) ?? ""
            if first == "\t" {
                return context.error(mark, "a tab character where YAML expects indentation or a value; "
                    + "indent with spaces, not tabs")
            }
            return context.error(mark, "'\(first)' cannot start a value; quote the value if it is meant as text")
        default:
            message = problem
        }
        if let problemContext {
            let m = problemContext.mark
            let what = problemContext.text.replacingOccurrences(of: "while ", with: "")
            let same = m.line == mark.line
            message += " (\(what) that starts at \(same ? "column \(m.column)" : "line \(m.line), column \(m.column)"))"
        }
        message += "; " + hint(for: problem)
        return context.error(mark, message)
    }

    static func hint(for problem: String) -> String {
        switch problem {
        case "mapping values are not allowed in this context":
            return "quote the value if it contains ': ', or check the indentation"
        case "could not find expected ':'":
            return "check the indentation of the line, or quote the value if it is meant as text"
        case "did not find expected key":
            return "check the indentation: the keys of one mapping must line up"
        case "did not find expected '-' indicator":
            return "check the indentation: the items of one list must line up"
        case "did not find expected ',' or ']'", "did not find expected ',' or '}'":
            return "check the brackets, and quote values that contain ',', '[', ']', '{' or '}'"
        case "found unexpected end of stream":
            return "add the closing quote"
        case "found unknown escape character":
            return "inside double quotes write a backslash as \\\\, or use single quotes"
        case "block sequence entries are not allowed in this context":
            return "start the list on the line after its key, indented"
        case "found unexpected ':'":
            return "quote the value if it contains ':'"
        case "did not find expected alphabetic or numeric character":
            return "anchors and aliases (&name, *name) need a name; quote the value if '&' or '*' is meant as text"
        case "found a tab character that violates indentation", "found a tab character where an indentation space is expected":
            return "indent with spaces, not tabs"
        default:
            return "quote the value if it is meant as text"
        }
    }

    /// "Duplicate key "x" (first at line 3); keep one", at the second occurrence when it can be
    /// found (Yams only tells where the first one is).
    static func duplicateKeyError(duplicates: [String], firstMark: Yams.Mark, text: String, _ context: Context) -> DocumentError {
        let raw = duplicates.first ?? ""
        let shown = raw == "<uncovertable>" ? "(a list or mapping)" : DocumentText.quoted(restoreAliases(raw))
        if raw != "<uncovertable>", let second = secondOccurrence(of: raw, firstMark: firstMark, text: text, context) {
            return context.error(second, "duplicate key \(shown) (first at line \(firstMark.line)); keep one")
        }
        return context.error(firstMark, "duplicate key \(shown) (it appears more than once in this mapping); keep one")
    }

    /// Finds where a duplicated key appears a second time: re-parses with the first occurrence
    /// altered, so the key there becomes unique.
    static func secondOccurrence(of key: String, firstMark: Yams.Mark, text: String, _ context: Context) -> Yams.Mark? {
        var bytes = Array(text.utf8)
        let located: Int? = bytes.withUnsafeBufferPointer { byteOffset(line: firstMark.line, column: firstMark.column, in: $0) }
        guard var offset = located, offset < bytes.count else { return nil }
        switch bytes[offset] {
        case UInt8(ascii: "\""), UInt8(ascii: "'"):
            offset += 1
            guard offset < bytes.count else { return nil }
            let b = bytes[offset]
            if b == UInt8(ascii: "\"") || b == UInt8(ascii: "'") || b == UInt8(ascii: "\\") || b < 0x20 { return nil }
        case UInt8(ascii: "&"), UInt8(ascii: "!"), UInt8(ascii: "?"), UInt8(ascii: "{"), UInt8(ascii: "["), UInt8(ascii: "|"),
             UInt8(ascii: ">"), UInt8(ascii: ":"), UInt8(ascii: "-"), 0x09, 0x0A, 0x0D, 0x20:
            return nil
        default:
            break
        }
        // Replace the whole first character (all its bytes) by another private-use character.
        var end = offset + 1
        while end < bytes.count, bytes[end] & 0xC0 == 0x80 { end += 1 }
        bytes.replaceSubrange(offset..<end, with: [0xEE, 0x80, 0x81])  // U+E001
        let altered = String(decoding: bytes, as: UTF8.self)
        do {
            guard let root = try composeRaw(altered) else { return nil }
            return findSibling(of: key, keyAt: firstMark, in: root, budget: max(context.limits.maxValues, 1000))
        } catch let YamlError.duplicatedKeysInMapping(again, againContext) {
            return again.first == key ? againContext.mark : nil
        } catch {
            return nil
        }
    }

    /// In the mapping that has a key at `mark`, the mark of another key equal to `key`.
    static func findSibling(of key: String, keyAt mark: Yams.Mark, in root: Yams.Node, budget: Int) -> Yams.Mark? {
        var stack = [root]
        var visited = 0
        while let node = stack.popLast() {
            visited += 1
            if visited > budget { return nil }
            switch node {
            case .mapping(let mapping):
                let keys = mapping.map(\.key)
                if keys.contains(where: { $0.mark?.line == mark.line && $0.mark?.column == mark.column }) {
                    for candidate in keys {
                        if case .scalar(let scalar) = candidate, scalar.string == key,
                           let m = scalar.mark, m.line != mark.line || m.column != mark.column {
                            return m
                        }
                    }
                    return nil
                }
                for (k, v) in mapping.reversed() { stack.append(v); stack.append(k) }
            case .sequence(let sequence):
                stack.append(contentsOf: sequence.reversed())
            case .scalar, .alias:
                break
            }
        }
        return nil
    }

    // MARK: - Positions

    /// Byte offset of a 1-based line and column (columns in Unicode scalars).
    static func byteOffset(line: Int, column: Int, in bytes: UnsafeBufferPointer<UInt8>) -> Int? {
        var currentLine = 1
        var i = 0
        while currentLine < line {
            guard i < bytes.count else { return nil }
            let b = bytes[i]
            i += 1
            if b == 0x0A || (b == 0x0D && (i >= bytes.count || bytes[i] != 0x0A)) { currentLine += 1 }
        }
        var currentColumn = 1
        while currentColumn < column {
            guard i < bytes.count, bytes[i] != 0x0A, bytes[i] != 0x0D else { return nil }
            i += 1
            while i < bytes.count, bytes[i] & 0xC0 == 0x80 { i += 1 }
            currentColumn += 1
        }
        return i
    }

    /// Up to 40 characters of the original text from a line and column, for messages.
    static func characters(atLine line: Int, column: Int, in bytes: UnsafeBufferPointer<UInt8>) -> String {
        guard let start = byteOffset(line: line, column: column, in: bytes) else { return "" }
        var end = start
        while end < bytes.count, end - start < 160, bytes[end] != 0x0A, bytes[end] != 0x0D { end += 1 }
        while end < bytes.count, end > start, bytes[end] & 0xC0 == 0x80 { end -= 1 }  // whole characters
        return String(String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<end]), as: UTF8.self).prefix(40))
    }

    /// Line and column of a Character offset (how Yams reports reader errors).
    static func position(ofCharacter offset: Int, in text: String) -> (line: Int, column: Int) {
        let index = text.index(text.startIndex, offsetBy: offset, limitedBy: text.endIndex) ?? text.endIndex
        var line = 1, column = 1
        for character in text[..<index] {
            if character.isNewline { line += 1; column = 1 } else { column += character.unicodeScalars.count }
        }
        return (line, column)
    }

    static func restoreAliases(_ text: String) -> String {
        text.replacingOccurrences(of: String(Character(aliasMarker)), with: "*")
    }

    // MARK: - Conversion

    /// Converts Yams nodes to `LuaValue`s, counting values and text as aliases are expanded.
    /// Recursion is bounded by `maxDepth`.
    struct Converter {
        let context: Context
        var values = 0
        var textBytes = 0

        init(context: Context) { self.context = context }

        mutating func convert(_ node: Yams.Node, depth: Int) throws(DocumentError) -> LuaValue {
            values += 1
            if values > context.limits.maxValues {
                throw context.error(node.mark, "more than \(context.limits.maxValues) values once aliases are expanded "
                    + "(each *alias repeats the whole value of its &anchor); use fewer aliases, split the document, "
                    + "or raise the value limit")
            }
            switch node {
            case .scalar(let scalar):
                try countText(scalar.string, at: scalar.mark)
                return try YAMLDocumentParser.value(of: scalar, context)
            case .sequence(let sequence):
                try checkCollection(tag: sequence.tag.rawValue, allowed: Tag.Name.seq, kind: "list", mark: sequence.mark, depth: depth)
                var elements: [LuaValue] = []
                elements.reserveCapacity(sequence.count)
                for item in sequence {
                    elements.append(try convert(item, depth: depth + 1))
                }
                return .array(elements)
            case .mapping(let mapping):
                try checkCollection(tag: mapping.tag.rawValue, allowed: Tag.Name.map, kind: "mapping", mark: mapping.mark, depth: depth)
                var members: [String: LuaValue] = [:]
                members.reserveCapacity(mapping.count)
                for (keyNode, valueNode) in mapping {
                    let key = try keyText(keyNode)
                    if members[key] != nil {
                        let first = mapping.keys.first { $0.scalar?.string == key }?.mark
                        throw context.error(keyNode.mark, "duplicate key \(DocumentText.quoted(key))"
                            + (first.map { " (first at line \($0.line))" } ?? "") + "; keep one")
                    }
                    members[key] = try convert(valueNode, depth: depth + 1)
                }
                return .object(members)
            case .alias(let alias):
                // Yams resolves aliases while composing; this is not expected.
                throw context.error(alias.mark, "unresolved alias *\(alias.anchor.rawValue); define the anchor before using it")
            }
        }

        mutating func countText(_ text: String, at mark: Yams.Mark?) throws(DocumentError) {
            textBytes += text.utf8.count
            if textBytes > context.limits.maxExpandedTextBytes {
                throw context.error(mark, "more than \(DocumentText.byteCount(Int64(context.limits.maxExpandedTextBytes))) "
                    + "of text once aliases are expanded (each *alias repeats the whole value of its &anchor); "
                    + "use fewer aliases or split the document")
            }
        }

        func checkCollection(tag: String, allowed: Tag.Name, kind: String, mark: Yams.Mark?, depth: Int) throws(DocumentError) {
            guard depth < context.limits.maxDepth else {
                throw context.error(mark, "nested deeper than \(context.limits.maxDepth) levels; flatten the structure")
            }
            guard tag.isEmpty || tag == "!" || tag == allowed.rawValue else {
                throw context.error(mark, "unsupported tag \(YAMLDocumentParser.shortTag(tag)) on a \(kind); remove the tag "
                    + "(a case holds only text, numbers, booleans, null, lists and mappings)")
            }
        }

        mutating func keyText(_ node: Yams.Node) throws(DocumentError) -> String {
            guard case .scalar(let scalar) = node else {
                let kind: String
                switch node {
                case .mapping: kind = "a mapping"
                case .sequence: kind = "a list"
                default: kind = "an alias"
                }
                throw context.error(node.mark, "a mapping key must be text, not \(kind); write the key as plain text")
            }
            if scalar.style == .plain, scalar.string == "<<" {
                throw context.error(scalar.mark, "merge keys (<<) are not supported; copy the keys into this mapping "
                    + "(or quote \"<<\" if it is meant as a key)")
            }
            try countText(scalar.string, at: scalar.mark)
            return scalar.string
        }
    }

    static func shortTag(_ tag: String) -> String {
        tag.hasPrefix("tag:yaml.org,2002:") ? "!!" + tag.dropFirst("tag:yaml.org,2002:".count) : tag
    }

    // MARK: - Scalars

    /// The value of a scalar: plain ones by the core schema, quoted and block ones as text,
    /// tagged ones by their tag.
    static func value(of scalar: Yams.Node.Scalar, _ context: Context) throws(DocumentError) -> LuaValue {
        let text = scalar.string
        let tag = scalar.tag.rawValue
        func fail(_ message: String) -> DocumentError { context.error(scalar.mark, message) }
        switch tag {
        case "":
            if scalar.style != .plain { return .string(text) }
            switch resolvePlain(text) {
            case .value(let value): return value
            case .nonFinite:
                throw fail("\(text) is not a finite number and cases must be JSON-compatible; use null or a number, "
                    + "or quote the value if it is meant as text (\"\(text)\")")
            case .outOfRange:
                throw fail("the number \(text) is out of range; quote it if it is meant as text (\"\(text)\")")
            }
        case Tag.Name.str.rawValue, "!", Tag.Name.timestamp.rawValue:
            return .string(text)
        case Tag.Name.null.rawValue:
            if isNull(text) { return .null }
            throw fail("\(DocumentText.quoted(text)) is not null; remove the !!null tag or write null")
        case Tag.Name.bool.rawValue:
            if let b = bool(text) { return .bool(b) }
            throw fail("\(DocumentText.quoted(text)) is not a boolean; write true or false, or remove the !!bool tag")
        case Tag.Name.int.rawValue:
            let trimmed = text.trimmingCharacters(in: .whitespaces)
            if let n = integer(trimmed, allowLeadingZeros: true) { return .integer(n) }
            throw fail("\(DocumentText.quoted(text)) is not an integer that fits 64 bits; fix the value or remove the !!int tag")
        case Tag.Name.float.rawValue:
            let trimmed = text.trimmingCharacters(in: .whitespaces)
            if isNonFinite(trimmed) {
                throw fail("\(text) is not a finite number and cases must be JSON-compatible; use null or a number")
            }
            if let n = integer(trimmed, allowLeadingZeros: true) { return .double(Double(n)) }
            if isDecimal(trimmed), let d = Double(trimmed) {
                if d.isFinite { return .double(d) }
                throw fail("the number \(trimmed) is out of range")
            }
            throw fail("\(DocumentText.quoted(text)) is not a number; fix the value or remove the !!float tag")
        default:
            throw fail("unsupported tag \(shortTag(tag)); remove it (a case holds only text, numbers, booleans, null, "
                + "lists and mappings)")
        }
    }

    enum Resolution {
        case value(LuaValue)
        case nonFinite
        case outOfRange
    }

    /// The YAML 1.2 core schema for a plain scalar, with leading-zero numbers kept as text.
    static func resolvePlain(_ text: String) -> Resolution {
        if isNull(text) { return .value(.null) }
        if let b = bool(text) { return .value(.bool(b)) }
        guard let first = text.utf8.first,
              first == UInt8(ascii: "-") || first == UInt8(ascii: "+") || first == UInt8(ascii: ".")
                || (first >= 0x30 && first <= 0x39) else {
            return .value(.string(text))
        }
        if isNonFinite(text) { return .nonFinite }
        if hasLeadingZero(text) { return .value(.string(text)) }
        if let n = integer(text, allowLeadingZeros: false) { return .value(.integer(n)) }
        if isDecimalInteger(text) || isHexOrOctal(text) || isDecimal(text) {
            // Too big for Int64 (or a fraction/exponent): a double, as in JSON.
            if isHexOrOctal(text) { return .outOfRange }
            guard let d = Double(text), d.isFinite else { return .outOfRange }
            return .value(.double(d))
        }
        return .value(.string(text))
    }

    static func isNull(_ t: String) -> Bool {
        t.isEmpty || t == "~" || t == "null" || t == "Null" || t == "NULL"
    }

    static func bool(_ t: String) -> Bool? {
        switch t {
        case "true", "True", "TRUE": return true
        case "false", "False", "FALSE": return false
        default: return nil
        }
    }

    static func isNonFinite(_ t: String) -> Bool {
        switch t {
        case ".inf", ".Inf", ".INF", "+.inf", "+.Inf", "+.INF", "-.inf", "-.Inf", "-.INF", ".nan", ".NaN", ".NAN":
            return true
        default:
            return false
        }
    }

    /// `[-+]?[0-9]+`, `0x[0-9a-fA-F]+` or `0o[0-7]+` as an Int64, if it fits.
    static func integer(_ t: String, allowLeadingZeros: Bool) -> Int64? {
        if isHexOrOctal(t) {
            return Int64(String(t.dropFirst(2)), radix: t.utf8.dropFirst().first == UInt8(ascii: "x") ? 16 : 8)
        }
        guard isDecimalInteger(t) else { return nil }
        if !allowLeadingZeros, hasLeadingZero(t) { return nil }
        return Int64(t)
    }

    static func isDecimalInteger(_ t: String) -> Bool {
        var digits = Substring(t)
        if let f = digits.first, f == "-" || f == "+" { digits = digits.dropFirst() }
        return !digits.isEmpty && digits.utf8.allSatisfy { $0 >= 0x30 && $0 <= 0x39 }
    }

    static func isHexOrOctal(_ t: String) -> Bool {
        let u = Array(t.utf8)
        guard u.count > 2, u[0] == UInt8(ascii: "0") else { return false }
        let rest = u[2...]
        if u[1] == UInt8(ascii: "x") {
            return rest.allSatisfy { ($0 >= 0x30 && $0 <= 0x39) || ($0 >= 0x41 && $0 <= 0x46) || ($0 >= 0x61 && $0 <= 0x66) }
        }
        if u[1] == UInt8(ascii: "o") { return rest.allSatisfy { $0 >= 0x30 && $0 <= 0x37 } }
        return false
    }

    /// The core schema's float syntax: `[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?`.
    static func isDecimal(_ t: String) -> Bool {
        let u = Array(t.utf8)
        var i = 0
        func digits() -> Int {
            let start = i
            while i < u.count, u[i] >= 0x30, u[i] <= 0x39 { i += 1 }
            return i - start
        }
        if i < u.count, u[i] == UInt8(ascii: "-") || u[i] == UInt8(ascii: "+") { i += 1 }
        let whole = digits()
        var fraction = 0
        if i < u.count, u[i] == UInt8(ascii: ".") {
            i += 1
            fraction = digits()
            if whole == 0 && fraction == 0 { return false }
        } else if whole == 0 {
            return false
        }
        if i < u.count, u[i] == UInt8(ascii: "e") || u[i] == UInt8(ascii: "E") {
            i += 1
            if i < u.count, u[i] == UInt8(ascii: "-") || u[i] == UInt8(ascii: "+") { i += 1 }
            if digits() == 0 { return false }
        }
        return i == u.count
    }

    /// A number whose integer part has more than one digit and starts with 0 (`007`, `08001`,
    /// `01.5`): kept as text.
    static func hasLeadingZero(_ t: String) -> Bool {
        var u = Substring(t).utf8[...]
        if let f = u.first, f == UInt8(ascii: "-") || f == UInt8(ascii: "+") { u = u.dropFirst() }
        guard u.count >= 2, u.first == UInt8(ascii: "0") else { return false }
        let second = u[u.index(after: u.startIndex)]
        return second >= 0x30 && second <= 0x39 && (isDecimal(t) || isDecimalInteger(t))
    }
}
