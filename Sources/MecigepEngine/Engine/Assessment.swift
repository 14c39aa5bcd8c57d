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

/// A suggestion to the State about how to record something (shown by `validate`, never a level).
public struct Suggestion: Sendable, Hashable {
    public var text: LocalizedText
    /// The case path it is about, when there is one.
    public var path: String?
}

/// What an indicator's level rests on.
public struct EvidenceBasis: Sendable, Hashable {
    public enum Kind: String, Sendable { case selfDeclared = "self_declared", documented, verified }
    public var kind: Kind
    /// The ids of the documents of the case's register the level cites.
    public var documents: [String]
    /// For a verified level: who verified it (a peer State or the Secretariat) and why.
    public var verifiedBy: String? = nil
    public var justification: String? = nil

    public init(kind: Kind, documents: [String], verifiedBy: String? = nil, justification: String? = nil) {
        self.kind = kind
        self.documents = documents
        self.verifiedBy = verifiedBy
        self.justification = justification
    }
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

    /// "file:line" (or the file alone), when the file is known.
    public var place: String? { file.map { $0 + (line.map { ":\($0)" } ?? "") } }
}

/// An indicator's result. Its fields live in one shared, copy-on-write box: a result is copied
/// several times on its way from the crossing to the written assessment, and a copy of the
/// fields themselves retained and released every reference they hold (~30) each time (about
/// 3 % of a benchmark batch); now a copy is one reference, and a change copies the box only
/// when another result shares it.
public struct IndicatorResult: Sendable, Hashable {
    struct Fields: Hashable {
        var indicator: Indicator
        var status: ResultStatus
        var grade: Grade?
        var note: LocalizedText?
        var findings: [Finding]
        var recommendations: [Recommendation]
        var missing: [String]
        var failure: RuleFailure?
        var reads: [TraceRead]
        var conditions: [TraceCondition]
        var agreed: AgreedLevel?
        var undeclaredReads: [UndeclaredRead]
        var suggestions: [Suggestion]
        var basis: EvidenceBasis?
    }

    private var shared: CopyOnWrite<Fields>

    public init(indicator: Indicator, status: ResultStatus, grade: Grade?, note: LocalizedText?, findings: [Finding],
                recommendations: [Recommendation], missing: [String], failure: RuleFailure?, reads: [TraceRead],
                conditions: [TraceCondition], agreed: AgreedLevel? = nil, undeclaredReads: [UndeclaredRead] = [],
                suggestions: [Suggestion] = [], basis: EvidenceBasis? = nil) {
        shared = CopyOnWrite(Fields(indicator: indicator, status: status, grade: grade, note: note, findings: findings,
                         recommendations: recommendations, missing: missing, failure: failure, reads: reads,
                         conditions: conditions, agreed: agreed, undeclaredReads: undeclaredReads,
                         suggestions: suggestions, basis: basis))
    }

    public static func == (a: IndicatorResult, b: IndicatorResult) -> Bool { a.shared == b.shared }

    public func hash(into hasher: inout Hasher) { shared.hash(into: &hasher) }

    public var indicator: Indicator {
        get { shared.fields.indicator }
        _modify { yield &shared.fields.indicator }
    }
    public var status: ResultStatus {
        get { shared.fields.status }
        _modify { yield &shared.fields.status }
    }
    public var grade: Grade? {
        get { shared.fields.grade }
        _modify { yield &shared.fields.grade }
    }
    public var note: LocalizedText? {
        get { shared.fields.note }
        _modify { yield &shared.fields.note }
    }
    public var findings: [Finding] {
        get { shared.fields.findings }
        _modify { yield &shared.fields.findings }
    }
    public var recommendations: [Recommendation] {
        get { shared.fields.recommendations }
        _modify { yield &shared.fields.recommendations }
    }
    /// Paths the case must add for the indicator to be assessed.
    public var missing: [String] {
        get { shared.fields.missing }
        _modify { yield &shared.fields.missing }
    }
    public var failure: RuleFailure? {
        get { shared.fields.failure }
        _modify { yield &shared.fields.failure }
    }
    public var reads: [TraceRead] {
        get { shared.fields.reads }
        _modify { yield &shared.fields.reads }
    }
    public var conditions: [TraceCondition] {
        get { shared.fields.conditions }
        _modify { yield &shared.fields.conditions }
    }
    /// The level agreed by judgement in a review round, kept beside the rule's level.
    public var agreed: AgreedLevel? {
        get { shared.fields.agreed }
        _modify { yield &shared.fields.agreed }
    }
    /// Case paths the rule read that neither the framework's `fields` nor the indicator's
    /// `reads`/`requires` declare (a typo such as `evidence.evalution` reads nothing, silently);
    /// each with the nearest declared path. Reported by `mecigep test`, not part of the output.
    public var undeclaredReads: [UndeclaredRead] {
        get { shared.fields.undeclaredReads }
        _modify { yield &shared.fields.undeclaredReads }
    }
    /// Suggestions about how to record the case (validate shows them; they move no level).
    public var suggestions: [Suggestion] {
        get { shared.fields.suggestions }
        _modify { yield &shared.fields.suggestions }
    }
    /// What the level rests on, when the rule says (`ctx.basis`).
    public var basis: EvidenceBasis? {
        get { shared.fields.basis }
        _modify { yield &shared.fields.basis }
    }
}

/// A case path a rule read that no declaration covers, with the nearest declared path.
public struct UndeclaredRead: Sendable, Hashable {
    public var path: String
    public var nearest: String?
}

/// A level set by judgement during a review round (by a peer State or the Technical
/// Secretariat), with why, who and when: the rule's own result is kept unchanged beside it.
public struct AgreedLevel: Sendable, Hashable {
    public var grade: Grade
    public var justification: String
    /// A peer State's ISO 3166-1 alpha-2 code, or "secretariat".
    public var author: String
    /// "peer" or "secretariat".
    public var role: String
    /// YYYY-MM-DD.
    public var date: String

    public init(grade: Grade, justification: String, author: String, role: String, date: String) {
        self.grade = grade
        self.justification = justification
        self.author = author
        self.role = role
        self.date = date
    }
}

/// What a review round adds to an assessment: who took part, the levels the peer States gave
/// per criterion, and the peers' own recommendations (the rules' stay with their indicators).
public struct RoundRecord: Sendable, Hashable {
    /// A level a peer State gave to one criterion.
    public struct PeerLevel: Sendable, Hashable {
        public var criterion: String
        public var level: Grade

        public init(criterion: String, level: Grade) {
            self.criterion = criterion
            self.level = level
        }
    }

    public struct Peer: Sendable, Hashable {
        /// ISO 3166-1 alpha-2 code.
        public var country: String
        /// In framework order; criteria the peer did not score are left out.
        public var levels: [PeerLevel]

        public init(country: String, levels: [PeerLevel]) {
            self.country = country
            self.levels = levels
        }
    }

    /// A peer State's recommendation: like a rule's, with its author and an optional indicator.
    public struct PeerRecommendation: Sendable, Hashable {
        public var id: String
        /// The peer State's code.
        public var author: String
        public var text: LocalizedText
        public var priority: String?
        public var horizon: String?
        public var owner: LocalizedText?
        public var challenge: String?
        public var criterion: String
        public var indicator: String?

        public init(id: String, author: String, text: LocalizedText, priority: String?, horizon: String?,
                    owner: LocalizedText?, challenge: String?, criterion: String, indicator: String?) {
            self.id = id
            self.author = author
            self.text = text
            self.priority = priority
            self.horizon = horizon
            self.owner = owner
            self.challenge = challenge
            self.criterion = criterion
            self.indicator = indicator
        }
    }

    public var id: String
    /// The beneficiary State's code.
    public var beneficiary: String
    public var peers: [Peer]
    public var recommendations: [PeerRecommendation]

    public init(id: String, beneficiary: String, peers: [Peer], recommendations: [PeerRecommendation]) {
        self.id = id
        self.beneficiary = beneficiary
        self.peers = peers
        self.recommendations = recommendations
    }
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
        self.init(results.lazy.map(\.status))
    }

    init<S: Sequence<ResultStatus>>(_ statuses: S) {
        indicators = 0
        assessed = 0
        insufficient = 0
        errors = 0
        for status in statuses {
            indicators += 1
            switch status {
            case .assessed: assessed += 1
            case .insufficientInformation: insufficient += 1
            case .error: errors += 1
            }
        }
    }
}

/// The structured, reproducible result of running a framework on a case.
public struct Assessment: Sendable {
    /// The version of the assessment format (see docs/assessment.schema.json).
    public static let schemaVersion = "1.0"

    public var engineVersion: String
    /// (Changing it drops the JSON pieces cached for the framework it had.)
    public var framework: Framework { didSet { jsonFragments = nil } }
    public var caseID: String
    public var caseSHA256: String
    public var caseFile: String?
    public var caseIssues: [CaseIssue]
    /// Answers that were placeholders ("por definir", "TBD"): removed, so they count as missing.
    public var casePlaceholders: [CaseIssue] = []
    public var status: ResultStatus
    public var grade: Grade?
    public var criteria: [CriterionResult]
    public var coverage: Coverage
    /// ISO 8601 time of the assessment, only when asked for (so that output is reproducible).
    public var generatedAt: String?
    /// The review round the assessment was discussed in, when there was one.
    public var round: RoundRecord? = nil
    /// The framework's parts of the JSON text, written once by the assessor for all its
    /// assessments (nil: `jsonBytes` writes them itself).
    var jsonFragments: AssessmentJSONFragments? = nil

    /// Every recommendation, in framework order.
    public var recommendations: [Recommendation] { criteria.flatMap { $0.indicators.flatMap(\.recommendations) } }
    /// Every indicator result, in framework order.
    public var indicatorResults: [IndicatorResult] { criteria.flatMap(\.indicators) }
}
