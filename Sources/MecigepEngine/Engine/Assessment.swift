import LuaRuntime

/// Whether an indicator or criterion could be judged.
public enum ResultStatus: String, Sendable, Hashable {
    case assessed
    case insufficientInformation = "insufficient_information"
    case error
}

/// A finding: text with the case fields it rests on.
public struct Finding: Sendable, Hashable {
    public var text: LocalizedText
    public var evidence: [String]
}

/// A practical, non-binding recommendation.
public struct Recommendation: Sendable, Hashable {
    /// Stable within an assessment: "<indicator id>.r<n>".
    public var id: String
    public var text: LocalizedText
    public var priority: String?
    public var horizon: String?
    public var owner: LocalizedText?
    /// The case's implementation challenge it answers, when one applies.
    public var challenge: String?
    public var criterion: String
    public var indicator: String
}

/// What a rule read: a case field and the value it found.
public struct TraceRead: Sendable, Hashable {
    public var path: String
    /// The value, for scalars; nil for tables and absent fields.
    public var value: LuaValue?
    /// "table", "absent", or nil for scalars.
    public var kind: String?
}

/// A condition a rule recorded with ctx.check(label, value).
public struct TraceCondition: Sendable, Hashable {
    public var label: LocalizedText
    public var value: Bool
}

/// An error met while evaluating an indicator.
public struct RuleFailure: Sendable, Hashable {
    public var kind: String
    public var message: String
    public var file: String?
    public var line: Int?
}

public struct IndicatorResult: Sendable, Hashable {
    public var indicator: Indicator
    public var status: ResultStatus
    public var grade: Grade?
    public var note: LocalizedText?
    public var findings: [Finding]
    public var recommendations: [Recommendation]
    /// Paths the case must add for the indicator to be assessed.
    public var missing: [String]
    public var failure: RuleFailure?
    public var reads: [TraceRead]
    public var conditions: [TraceCondition]
}

public struct CriterionResult: Sendable, Hashable {
    public var criterion: Criterion
    public var status: ResultStatus
    public var grade: Grade?
    public var indicators: [IndicatorResult]
    public var failure: String?
    public var coverage: Coverage
}

/// How many indicators had enough information.
public struct Coverage: Sendable, Hashable {
    public var indicators: Int
    public var assessed: Int
    public var insufficient: Int
    public var errors: Int
    /// assessed / indicators (0 when there are none).
    public var share: Double { indicators == 0 ? 0 : Double(assessed) / Double(indicators) }

    init(_ results: [IndicatorResult]) {
        indicators = results.count
        assessed = results.filter { $0.status == .assessed }.count
        insufficient = results.filter { $0.status == .insufficientInformation }.count
        errors = results.filter { $0.status == .error }.count
    }
}

/// The structured, reproducible result of running a framework on a case.
public struct Assessment: Sendable {
    /// The version of the assessment format (see docs/assessment.schema.json).
    public static let schemaVersion = "1.0"

    public var engineVersion: String
    public var framework: Framework
    public var caseID: String
    public var caseSHA256: String
    public var caseFile: String?
    public var caseIssues: [CaseIssue]
    public var status: ResultStatus
    public var grade: Grade?
    public var criteria: [CriterionResult]
    public var coverage: Coverage
    /// ISO 8601 time of the assessment, only when asked for (so that output is reproducible).
    public var generatedAt: String?

    /// Every recommendation, in framework order.
    public var recommendations: [Recommendation] { criteria.flatMap { $0.indicators.flatMap(\.recommendations) } }
    /// Every indicator result, in framework order.
    public var indicatorResults: [IndicatorResult] { criteria.flatMap(\.indicators) }
}
