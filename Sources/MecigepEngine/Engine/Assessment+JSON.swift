import LuaRuntime

/// The assessment as JSON (docs/assessment.md, docs/assessment.schema.json). Object keys are
/// sorted and lists keep framework order, so the same inputs give byte-identical text.
extension Assessment {
    public var value: LuaValue {
        var framework: [String: LuaValue] = [
            "id": .string(self.framework.id), "version": .string(self.framework.version),
            "title": self.framework.title.value, "content_sha256": .string(self.framework.contentHash),
            "sources": .array(self.framework.sources.map { ["path": .string($0.path), "sha256": .string($0.sha256)] }),
            "scale": Self.scaleValue(self.framework.scale),
            "aggregation": .string(self.framework.aggregation.name),
            "insufficient": .string(self.framework.insufficientCountsAsLowest ? "lowest" : "exclude"),
        ]
        if let e = self.framework.extends { framework["extends"] = ["id": .string(e.id), "version": .string(e.version)] }
        if let p = self.framework.package {
            framework["package"] = ["location": .string(p.location), "signer": p.signer.map { .string($0) } ?? .null]
        }
        var caseInfo: [String: LuaValue] = [
            "id": .string(caseID), "sha256": .string(caseSHA256),
            "issues": .array(caseIssues.map { ["path": .string($0.path), "message": .string($0.message)] }),
            "placeholders": .array(casePlaceholders.map { ["path": .string($0.path), "message": .string($0.message)] }),
        ]
        if let caseFile { caseInfo["file"] = .string(caseFile) }
        var o: [String: LuaValue] = [
            "schema_version": .string(Self.schemaVersion),
            "engine": ["name": "mecigep", "version": .string(engineVersion)],
            "framework": .object(framework),
            "case": .object(caseInfo),
            "result": Self.gradeValue(status: status, grade: grade),
            "coverage": Self.coverageValue(coverage),
            "criteria": .array(criteria.map(Self.criterionValue)),
        ]
        if let generatedAt { o["generated_at"] = .string(generatedAt) }
        if let round { o["round"] = Self.roundValue(round) }
        return .object(o)
    }

    /// Deterministic JSON text: the bytes of `value.jsonText(pretty:)`, written by the streaming
    /// writer (`jsonBytes()`, indented when `pretty`), without building the tree.
    public func jsonText(pretty: Bool = true) -> String {
        String(decoding: pretty ? prettyJSONBytes() : jsonBytes(), as: UTF8.self)
    }

    /// The assessment as indented JSON: `value.jsonBytes(pretty: true)`'s bytes, made by indenting
    /// the streamed compact bytes.
    public func prettyJSONBytes() -> [UInt8] { LuaValue.prettyJSON(fromCompact: jsonBytes()) }

    static func scaleValue(_ scale: Scale) -> LuaValue {
        ["id": .string(scale.id), "kind": .string(scale.kind.rawValue), "plus": .bool(scale.plus),
         "levels": .array(scale.levels.map { ["id": $0.idValue, "score": .double($0.score), "label": $0.label.value] })]
    }

    static func coverageValue(_ c: Coverage) -> LuaValue {
        ["indicators": .integer(Int64(c.indicators)), "assessed": .integer(Int64(c.assessed)),
         "insufficient_information": .integer(Int64(c.insufficient)), "errors": .integer(Int64(c.errors)),
         "share": .double((c.share * 10_000).rounded() / 10_000)]
    }

    public static func criterionValue(_ c: CriterionResult) -> LuaValue {
        var o: [String: LuaValue] = [
            "id": .string(c.criterion.id), "title": c.criterion.title.value, "weight": .double(c.criterion.weight),
            "aggregation": .string(c.criterion.aggregation.name),
            "result": gradeValue(status: c.status, grade: c.grade),
            "coverage": coverageValue(c.coverage),
            "indicators": .array(c.indicators.map(indicatorValue)),
        ]
        if let failure = c.failure { o["error"] = ["kind": "aggregation", "message": .string(failure)] }
        return .object(o)
    }

    static func gradeValue(status: ResultStatus, grade: Grade?) -> LuaValue {
        var o: [String: LuaValue] = ["status": .string(status.rawValue), "level": .null, "score": .null, "label": .null]
        if let grade {
            o["level"] = grade.idValue
            o["score"] = .double(grade.score)
            o["label"] = grade.level.label.value
        }
        return .object(o)
    }

    /// One indicator result as JSON (the same shape as in the assessment).
    public static func indicatorValue(_ r: IndicatorResult) -> LuaValue {
        var o: [String: LuaValue] = [
            "id": .string(r.indicator.id), "title": r.indicator.title.value, "weight": .double(r.indicator.weight),
            "result": gradeValue(status: r.status, grade: r.grade),
            "findings": .array(r.findings.map { ["text": $0.text.value, "evidence": .array($0.evidence.map { .string($0) })] }),
            "recommendations": .array(r.recommendations.map(recommendationValue)),
            "missing": .array(r.missing.map { .string($0) }),
            "references": .array(r.indicator.references.map { .string($0) }),
            "trace": [
                "reads": .array(r.reads.map { read in
                    var e: [String: LuaValue] = ["path": .string(read.path)]
                    if let v = read.value { e["value"] = v }
                    if let k = read.kind { e["kind"] = .string(k) }
                    return .object(e)
                }),
                "conditions": .array(r.conditions.map { ["label": $0.label.value, "value": .bool($0.value)] }),
            ],
        ]
        if let note = r.note { o["note"] = note.value }
        if let b = r.basis {
            var basis: [String: LuaValue] = ["kind": .string(b.kind.rawValue), "documents": .array(b.documents.map { .string($0) })]
            if let who = b.verifiedBy { basis["verified_by"] = .string(who) }
            if let why = b.justification { basis["justification"] = .string(why) }
            o["basis"] = .object(basis)
        }
        if let a = r.agreed {
            o["agreed"] = ["level": a.grade.idValue, "label": a.grade.level.label.value, "justification": .string(a.justification),
                           "author": .string(a.author), "role": .string(a.role), "date": .string(a.date)]
        }
        if let f = r.failure {
            o["error"] = ["kind": .string(f.kind), "message": .string(f.message),
                          "file": f.file.map { .string($0) } ?? .null, "line": f.line.map { .integer(Int64($0)) } ?? .null]
        }
        return .object(o)
    }

    static func recommendationValue(_ r: Recommendation) -> LuaValue {
        ["id": .string(r.id), "text": r.text.value, "priority": r.priority.map { .string($0) } ?? .null,
         "horizon": r.horizon.map { .string($0) } ?? .null, "owner": r.owner?.value ?? .null,
         "challenge": r.challenge.map { .string($0) } ?? .null, "criterion": .string(r.criterion),
         "indicator": .string(r.indicator), "binding": .bool(false)]
    }

    static func roundValue(_ r: RoundRecord) -> LuaValue {
        ["id": .string(r.id), "beneficiary": .string(r.beneficiary),
         "peers": .array(r.peers.map { peer in
             ["country": .string(peer.country),
              "levels": .object(Dictionary(peer.levels.map { ($0.criterion, $0.level.idValue) }, uniquingKeysWith: { a, _ in a }))]
         }),
         "recommendations": .array(r.recommendations.map { rec in
             ["id": .string(rec.id), "author": .string(rec.author), "text": rec.text.value,
              "priority": rec.priority.map { .string($0) } ?? .null, "horizon": rec.horizon.map { .string($0) } ?? .null,
              "owner": rec.owner?.value ?? .null, "challenge": rec.challenge.map { .string($0) } ?? .null,
              "criterion": .string(rec.criterion), "indicator": rec.indicator.map { .string($0) } ?? .null,
              "binding": .bool(false)]
         })]
    }
}
