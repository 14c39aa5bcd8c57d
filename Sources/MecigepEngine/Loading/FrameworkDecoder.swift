import LuaRuntime

/// Turns the plain description a framework file produces (the engine's `describe` entry point) into a
/// `Framework`, collecting every structural problem with its file, line and id.
struct FrameworkDecoder {
    static let knownLanguages = ["en", "es", "pt", "fr"]
    private(set) var problems: [FrameworkProblem] = []
    private let expectedID: String
    /// The framework's entry file: where problems without a better location point.
    private let entryFile: String?

    init(expectedID: String, entryFile: String? = nil) {
        self.expectedID = expectedID
        self.entryFile = entryFile
    }

    private mutating func problem(_ message: String, _ subject: String, at node: LuaValue?) {
        let file = node?["source"]?.stringValue ?? entryFile
        let line = node?["line"]?.integerValue.map(Int.init)
        problems.append(FrameworkProblem(file: file, line: line, subject: subject, message: message))
    }

    private func location(_ node: LuaValue) -> SourceLocation? {
        guard let file = node["source"]?.stringValue else { return nil }
        return SourceLocation(file: file, line: node["line"]?.integerValue.map(Int.init))
    }

    static func isWellFormedPath(_ path: String) -> Bool {
        // Bytes, not Characters: a declared path is ASCII, and the Unicode properties of a
        // Character cost more than the rest of a framework's decoding (every declared path of
        // every indicator passes here).
        var path = path
        return path.withUTF8 { bytes in
            guard !bytes.isEmpty else { return false }
            var start = 0
            for end in 0...bytes.count where end == bytes.count || bytes[end] == UInt8(ascii: ".") {
                guard isWellFormedPart(bytes[start..<end]) else { return false }
                start = end + 1
            }
            return true
        }
    }

    /// One part of a path: an ASCII name (letter or "_", then letters, digits or "_") with any
    /// number of trailing `[n]` (n a number without leading zero) or `[]` selectors.
    private static func isWellFormedPart(_ part: Slice<UnsafeBufferPointer<UInt8>>) -> Bool {
        func isDigit(_ c: UInt8) -> Bool { c >= UInt8(ascii: "0") && c <= UInt8(ascii: "9") }
        func isLetter(_ c: UInt8) -> Bool { (c | 0x20) >= UInt8(ascii: "a") && (c | 0x20) <= UInt8(ascii: "z") }
        var end = part.endIndex
        while end > part.startIndex, part[end - 1] == UInt8(ascii: "]") {
            var open = end - 2
            while open >= part.startIndex, isDigit(part[open]) { open -= 1 }
            guard open >= part.startIndex, part[open] == UInt8(ascii: "[") else { return false }
            if open + 1 < end - 1, part[open + 1] == UInt8(ascii: "0") { return false }
            end = open
        }
        guard end > part.startIndex else { return false }
        let first = part[part.startIndex]
        guard isLetter(first) || first == UInt8(ascii: "_") else { return false }
        for i in part.startIndex..<end {
            let c = part[i]
            guard isLetter(c) || isDigit(c) || c == UInt8(ascii: "_") else { return false }
        }
        return true
    }

    mutating func decode(_ d: LuaValue, folder: String) -> Framework? {
        for message in d["problems"]?.arrayValue ?? [] {
            problem(message.stringValue ?? "invalid", expectedID, at: d)
        }
        guard d["kind"]?.stringValue == "framework" else {
            if (d["problems"]?.arrayValue ?? []).isEmpty {
                problem("the file must return mecigep.framework { ... } (or mecigep.extend(...))", expectedID, at: d)
            }
            return nil
        }
        let id = d["id"]?.stringValue ?? ""
        let subject = id.isEmpty ? expectedID : id
        if id.isEmpty {
            problem("missing id: add id = \"\(expectedID)\"", subject, at: d)
        } else if id != expectedID {
            problem("id \"\(id)\" differs from its folder name \"\(expectedID)\"; rename one of them", subject, at: d)
        }
        let version = d["version"]?.stringValue ?? ""
        if !Self.isSemanticVersion(version) {
            problem("version must be a semantic version such as \"1.0.0\" (got \(describe(d["version"])))", subject, at: d)
        }
        var languages = Self.knownLanguages
        if let list = d["languages"], list != .null {
            let codes = list.arrayValue?.compactMap(\.stringValue) ?? []
            if codes.isEmpty || codes.count != list.arrayValue?.count
                || !codes.allSatisfy(Self.knownLanguages.contains) {
                problem("languages must list codes among en, es, pt, fr", subject, at: d)
            } else {
                languages = codes
            }
        }
        let title = text(d["title"], "title", subject, d, languages: languages, required: true)
        let description = text(d["description"], "description", subject, d, languages: languages, required: false)
        let scale = decodeScale(d["scale"], subject, d, languages: languages)
        // PEFA's D* by default: an indicator without information counts as the lowest level, so
        // that leaving a weak answer out never pays. "exclude" must be declared, and check warns.
        var insufficientAsLowest = true
        switch d["insufficient"]?.stringValue {
        case nil, "lowest"?: break
        case "exclude"?: insufficientAsLowest = false
        default: problem("insufficient must be \"lowest\" (the default) or \"exclude\"", subject, at: d)
        }
        let fields = decodeFields(d["fields"], subject, d)
        var maxItems = Framework.defaultMaxItems
        if let m = d["max_items"], m != .null {
            if let n = m.integerValue, n > 0, n <= Int64(Int32.max) { maxItems = Int(n) } else {
                problem("max_items must be a positive whole number, the most items a list in a case may have (got \(describe(m)))", subject, at: d)
            }
        }

        var schemaFile: String?
        if let v = d["schema"], v != .null {
            if let name = v.stringValue, name.hasSuffix(".json"), !name.hasPrefix("/"),
               !name.split(separator: "/").contains("..") {
                schemaFile = name
            } else {
                problem("schema must name a JSON Schema file in the framework's folder, such as \"case.schema.json\" (got \(describe(v)))", subject, at: d)
            }
        }

        var placeholders = Set<String>()
        if let v = d["placeholders"], v != .null {
            let words = v.arrayValue?.compactMap(\.stringValue) ?? []
            if words.isEmpty || words.count != v.arrayValue?.count {
                problem("placeholders must be a list of words, such as require(\"lib.placeholders\").words", subject, at: d)
            } else {
                placeholders = Set(words.map(Placeholders.normalise).filter { !$0.isEmpty })
            }
        }

        var weaknesses: [String] = []
        if let v = d["weaknesses"], v != .null {
            let paths = v.arrayValue?.compactMap(\.stringValue) ?? []
            if paths.count != v.arrayValue?.count || !paths.allSatisfy(Self.isWellFormedPath) {
                problem("weaknesses must list case paths of lists, such as \"evidence.fiscal.risks\"", subject, at: d)
            } else {
                weaknesses = paths
            }
        }

        var criteria: [Criterion] = []
        var seen: [String: String] = [:]
        let criteriaNodes = d["criteria"]?.arrayValue ?? []
        if criteriaNodes.isEmpty { problem("a framework needs at least one criterion in criteria = { ... }", subject, at: d) }
        for (n, node) in criteriaNodes.enumerated() {
            if let c = decodeCriterion(node, position: n + 1, framework: subject, scale: scale,
                                       languages: languages, seen: &seen) {
                criteria.append(c)
            }
        }
        let aggregation = decodeAggregation(d["aggregation"], subject, d, scale: scale, inputs: criteria.count)
        guard let scale, problems.isEmpty else { return nil }
        var extends: (String, String)?
        var extendsRange: VersionRange?
        if let e = d["extends"], let eid = e["id"]?.stringValue {
            let baseVersion = e["version"]?.stringValue ?? ""
            extends = (eid, baseVersion)
            if let written = e["range"], written != .null {
                if let text = written.stringValue, let range = VersionRange(text) {
                    extendsRange = range
                    if let v = SemanticVersion(baseVersion), !range.contains(v) {
                        problem("extends \(eid) \(text), but the rules folder has \(eid) \(baseVersion); install a version "
                            + "in that range (mecigep install PACKAGE) or change base_versions", subject, at: d)
                    }
                } else {
                    problem("base_versions must be a version range such as \"^2.0.0\", \"~2.1.0\" or \">=2.0.0 <3.0.0\" "
                        + "(got \(describe(written)))", subject, at: d)
                }
            }
        }
        guard problems.isEmpty else { return nil }
        var framework = Framework(id: id, version: version, title: title ?? LocalizedText(id), description: description,
                         languages: languages, scale: scale, aggregation: aggregation ?? .weightedMean(rounding: .floor),
                         insufficientCountsAsLowest: insufficientAsLowest, criteria: criteria, fields: fields,
                         extends: extends, sources: [], folder: folder)
        framework.maxItems = maxItems
        framework.caseSchemaFile = schemaFile
        framework.placeholders = placeholders
        framework.weaknessLists = weaknesses
        framework.extendsRange = extendsRange
        return framework
    }

    static func isSemanticVersion(_ s: String) -> Bool { SemanticVersion(s) != nil }

    private func describe(_ v: LuaValue?) -> String {
        guard let v else { return "nothing" }
        switch v {
        case .string(let s): return "\"\(s)\""
        default: return v.jsonText()
        }
    }

    private mutating func text(_ v: LuaValue?, _ field: String, _ subject: String, _ node: LuaValue,
                               languages: [String], required: Bool) -> LocalizedText? {
        guard let v, v != .null else {
            if required { problem("missing \(field): add \(field) = { en = \"...\", es = \"...\", pt = \"...\", fr = \"...\" }", subject, at: node) }
            return nil
        }
        guard let t = LocalizedText(v) else {
            problem("\(field) must be a string or a table of translations { en = ..., es = ... } (got \(describe(v)))", subject, at: node)
            return nil
        }
        let missing = t.missing(languages)
        if !missing.isEmpty {
            problem("\(field) is not translated into \(missing.joined(separator: ", ")): add \(missing.map { "\($0) = \"...\"" }.joined(separator: ", "))", subject, at: node)
        }
        return t
    }

    private mutating func decodeScale(_ v: LuaValue?, _ subject: String, _ node: LuaValue,
                                      languages: [String]) -> Scale? {
        guard let v, v != .null else {
            problem("missing scale: use scale = mecigep.scales.maturity (or pefa, or your own mecigep.scale { ... })", subject, at: node)
            return nil
        }
        let kind = Scale.Kind(rawValue: v["kind"]?.stringValue ?? "")
        if kind == nil { problem("scale kind must be \"numeric\" or \"letter\"", subject, at: v) }
        var levels: [Scale.Level] = []
        for (n, level) in (v["levels"]?.arrayValue ?? []).enumerated() {
            let where_ = "\(subject) scale level \(n + 1)"
            var id = ""
            var integerID: Int64?
            switch level["id"] {
            case .integer(let i)?: id = String(i); integerID = i
            case .string(let s)? where !s.isEmpty && kind != .numeric: id = s
            default:
                problem("level id must be \(kind == .numeric ? "an integer" : "a string such as \"A\"")", where_, at: v)
                continue
            }
            let score = level["score"]?.doubleValue ?? integerID.map(Double.init)
            guard let score else {
                problem("level \(id) needs a numeric score = ...", where_, at: v)
                continue
            }
            let label = text(level["label"], "label of level \(id)", where_, v, languages: languages, required: true)
            levels.append(Scale.Level(id: id, score: score, label: label ?? LocalizedText(id), integerID: integerID))
        }
        if levels.isEmpty { problem("scale needs levels = { { id = ..., label = ... }, ... }", subject, at: v) }
        if Set(levels.map(\.id)).count != levels.count { problem("scale has duplicate level ids", subject, at: v) }
        let sorted = levels.sorted { $0.score < $1.score }
        if Set(sorted.map(\.score)).count != sorted.count { problem("scale levels need distinct scores", subject, at: v) }
        guard let kind, !sorted.isEmpty else { return nil }
        return Scale(id: v["id"]?.stringValue ?? "custom", kind: kind, levels: sorted, plus: v["plus"]?.boolValue ?? false)
    }

    private mutating func decodeFields(_ v: LuaValue?, _ subject: String, _ node: LuaValue) -> [FieldRule] {
        guard let v, v != .null else { return [] }
        guard let map = v.objectValue else {
            problem("fields must map paths to types: fields = { [\"problem.baseline.year\"] = \"integer\" }", subject, at: node)
            return []
        }
        var rules: [FieldRule] = []
        for path in map.keys.sorted() {
            let spec = map[path]!
            guard Self.isWellFormedPath(path) else {
                problem("field path \"\(path)\" is not well formed (use names, dots and [] such as costing[].amount)", subject, at: node)
                continue
            }
            let typeName = spec.stringValue ?? spec["type"]?.stringValue ?? ""
            guard let type = FieldRule.FieldType(rawValue: typeName) else {
                problem("field \(path): unknown type \"\(typeName)\" (use \(FieldRule.FieldType.allCases.map(\.rawValue).joined(separator: ", ")))", subject, at: node)
                continue
            }
            let allowed = spec["values"]?.arrayValue?.compactMap(\.stringValue)
            var rule = FieldRule(path: path, type: type, required: spec["required"]?.boolValue ?? false, allowed: allowed)
            if let m = spec["max_items"], m != .null {
                if let n = m.integerValue, n > 0, n <= Int64(Int32.max), type == .array { rule.maxItems = Int(n) } else {
                    problem("field \(path): max_items must be a positive whole number on a field of type array (got \(describe(m)))", subject, at: node)
                }
            }
            rules.append(rule)
        }
        return rules
    }

    /// Checks what every declaration shares: made by the right constructor, an id, unique among
    /// criteria and indicators. Returns the id and the subject problems name, or nil.
    private mutating func declaration(_ node: LuaValue, kind: String, list: String, position: Int, parent: String,
                                      describedAs: String, seen: inout [String: String]) -> (id: String, subject: String)? {
        guard node["kind"]?.stringValue == kind else {
            problem("\(list)[\(position)] must be made with mecigep.\(kind) { ... }", parent, at: node)
            return nil
        }
        let id = node["id"]?.stringValue ?? ""
        let subject = "\(parent)/\(id.isEmpty ? "\(list)[\(position)]" : id)"
        if id.isEmpty { problem("missing id", subject, at: node) }
        if let other = seen[id], !id.isEmpty { problem("duplicate id \"\(id)\" (also \(other))", subject, at: node) }
        seen[id] = describedAs
        return (id, subject)
    }

    private mutating func decodeCriterion(_ node: LuaValue, position: Int, framework: String, scale: Scale?,
                                          languages: [String], seen: inout [String: String]) -> Criterion? {
        guard let (id, subject) = declaration(node, kind: "criterion", list: "criteria", position: position,
                                              parent: framework, describedAs: "a criterion", seen: &seen) else { return nil }
        let title = text(node["title"], "title", subject, node, languages: languages, required: true)
        let description = text(node["description"], "description", subject, node, languages: languages, required: false)
        let weight = decodeWeight(node["weight"], subject, node)
        var indicators: [Indicator] = []
        let nodes = node["indicators"]?.arrayValue ?? []
        if nodes.isEmpty { problem("a criterion needs at least one indicator in indicators = { ... }", subject, at: node) }
        for (n, ind) in nodes.enumerated() {
            if let indicator = decodeIndicator(ind, position: n + 1, criterion: subject, scale: scale,
                                               languages: languages, seen: &seen) {
                indicators.append(indicator)
            }
        }
        let aggregation = decodeAggregation(node["aggregation"], subject, node, scale: scale, inputs: nodes.count)
        return Criterion(id: id, title: title ?? LocalizedText(id), description: description, weight: weight,
                         aggregation: aggregation ?? .weightedMean(rounding: .floor), indicators: indicators,
                         location: location(node))
    }

    private mutating func decodeWeight(_ v: LuaValue?, _ subject: String, _ node: LuaValue) -> Double {
        guard let v, v != .null else { return 1 }
        guard let w = v.doubleValue, w > 0, w.isFinite else {
            problem("weight must be a positive number (got \(describe(v)))", subject, at: node)
            return 1
        }
        return w
    }

    private mutating func decodePaths(_ v: LuaValue?, _ field: String, _ subject: String, _ node: LuaValue) -> [String] {
        guard let v, v != .null else { return [] }
        let list = v.arrayValue ?? (v.stringValue.map { [.string($0)] } ?? [])
        var paths: [String] = []
        for item in list {
            guard let p = item.stringValue, Self.isWellFormedPath(p) else {
                problem("\(field): \(describe(item)) is not a well-formed evidence path (such as \"problem.baseline.year\" or \"fiscal.costing[].amount\")", subject, at: node)
                continue
            }
            paths.append(p)
        }
        return paths
    }

    private mutating func decodeIndicator(_ node: LuaValue, position: Int, criterion: String, scale: Scale?,
                                          languages: [String], seen: inout [String: String]) -> Indicator? {
        guard let (id, subject) = declaration(node, kind: "indicator", list: "indicators", position: position,
                                              parent: criterion, describedAs: "an indicator of \(criterion)",
                                              seen: &seen) else { return nil }
        let title = text(node["title"], "title", subject, node, languages: languages, required: true)
        let question = text(node["question"], "question", subject, node, languages: languages, required: false)
        let weight = decodeWeight(node["weight"], subject, node)
        let reads = decodePaths(node["reads"], "reads", subject, node)
        let requires = decodePaths(node["requires"], "requires", subject, node)
        var references: [String] = []
        for r in node["references"]?.arrayValue ?? [] {
            if let s = r.stringValue { references.append(s) } else { problem("references must be strings", subject, at: node) }
        }
        var rubric: [String: LocalizedText] = [:]
        if let levels = node["levels"], levels != .null {
            // The engine library hands levels over with their keys as text ("0", "B").
            guard let entries = levels.objectValue else {
                problem("levels must map level ids to what the case must show: levels = { [0] = ..., [1] = ... }", subject, at: node)
                return nil
            }
            for key in entries.keys.sorted() {
                guard let level = scale?.level(.string(key)) else {
                    if let scale {
                        problem("levels has \(key), which is not a level of the scale (\(scale.levels.map(\.id).joined(separator: ", ")))", subject, at: node)
                    }
                    continue
                }
                if let t = text(entries[key], "levels[\(key)]", subject, node, languages: languages, required: true) {
                    rubric[level.id] = t
                }
            }
        }
        if node["evaluate"]?.boolValue != true {
            problem("missing evaluate = function(case, ctx) ... end", subject, at: node)
        }
        var ruleLocation: SourceLocation?
        if let file = node["evaluate_source"]?.stringValue {
            ruleLocation = SourceLocation(file: file, line: node["evaluate_line"]?.integerValue.map(Int.init))
        }
        return Indicator(id: id, title: title ?? LocalizedText(id), question: question, weight: weight, reads: reads,
                         requires: requires, references: references, rubric: rubric, location: location(node),
                         ruleLocation: ruleLocation)
    }

    private mutating func decodeAggregation(_ v: LuaValue?, _ subject: String, _ node: LuaValue, scale: Scale?,
                                            inputs: Int) -> AggregationMethod? {
        guard let v, v != .null else { return .weightedMean(rounding: .floor) }
        let spec: LuaValue = v.stringValue.map { ["method": .string($0)] } ?? v
        let method = spec["method"]?.stringValue ?? ""
        switch method {
        case "weighted_mean", "mean":
            let rounding = Scale.Rounding(rawValue: spec["rounding"]?.stringValue ?? "floor")
            if rounding == nil { problem("rounding must be \"floor\" or \"nearest\"", subject, at: node) }
            return .weightedMean(rounding: rounding ?? .floor)
        case "weakest_link", "m1":
            return .weakestLink
        case "table", "m2":
            guard let table = spec["table"]?.objectValue, !table.isEmpty else {
                problem("aggregation \"table\" needs table = { [\"AB\"] = \"B+\", ... }", subject, at: node)
                return nil
            }
            var out: [String: String] = [:]
            for (key, value) in table {
                guard let grade = value.stringValue, scale?.grade(grade) != nil || scale == nil else {
                    problem("aggregation table: \(key) gives \(describe(value)), which is not a grade of the scale", subject, at: node)
                    continue
                }
                out[key] = grade
            }
            if let scale, inputs > 0 {
                for key in Self.multisets(of: scale.levels.reversed().map(\.id), size: inputs) where out[key] == nil {
                    problem("aggregation table has no entry for \"\(key)\" (\(inputs) inputs)", subject, at: node)
                    break
                }
            }
            return .conversionTable(out)
        case "thresholds":
            let of = AggregationMethod.Statistic(rawValue: spec["of"]?.stringValue ?? "sum") ?? .sum
            var cutoffs: [AggregationMethod.Cutoff] = []
            for c in spec["cutoffs"]?.arrayValue ?? [] {
                guard let minimum = c["min"]?.doubleValue, let levelValue = c["level"], let level = scale?.level(levelValue) else {
                    problem("thresholds cutoffs must be { min = number, level = a level of the scale }", subject, at: node)
                    continue
                }
                cutoffs.append(.init(minimum: minimum, level: level.id))
            }
            if cutoffs.isEmpty { problem("aggregation \"thresholds\" needs cutoffs = { { min = 0, level = 0 }, ... }", subject, at: node) }
            return .thresholds(of: of, cutoffs: cutoffs.sorted { $0.minimum < $1.minimum })
        case "piecewise":
            let of = AggregationMethod.Statistic(rawValue: spec["of"]?.stringValue ?? "mean") ?? .mean
            var points: [AggregationMethod.Point] = []
            for p in spec["points"]?.arrayValue ?? [] {
                guard let x = p[0]?.doubleValue, let y = p[1]?.doubleValue else {
                    problem("piecewise points must be { x, y } pairs of numbers", subject, at: node)
                    continue
                }
                points.append(.init(x: x, y: y))
            }
            if points.count < 2 { problem("aggregation \"piecewise\" needs at least two points", subject, at: node) }
            return .piecewise(of: of, points: points.sorted { $0.x < $1.x })
        case "lua":
            return .lua
        default:
            problem("unknown aggregation \"\(method)\" (use weighted_mean, weakest_link, table, thresholds, piecewise or a function)", subject, at: node)
            return nil
        }
    }

    /// Every multiset of `size` ids, each written best-first and joined ("ABD").
    static func multisets(of ids: [String], size: Int) -> [String] {
        guard size > 0 else { return [""] }
        var out: [String] = []
        func build(_ start: Int, _ prefix: [String]) {
            if prefix.count == size { out.append(prefix.joined()); return }
            for i in start..<ids.count { build(i, prefix + [ids[i]]) }
        }
        build(0, [])
        return out
    }
}
