import LuaRuntime
import MecigepEngine

/// Everything a report shows: the assessment (with agreed levels and the round's record), the
/// case as submitted, the round, the follow-up, and what was consolidated from them (criteria side
/// by side, recommendations merged and numbered).
public struct ReportContent: Sendable {
    public var assessment: Assessment
    /// The case document as submitted, when available.
    public var caseValue: LuaValue?
    public var round: ReviewRound?
    public var followUp: FollowUp?
    public var changes: AssessmentChanges?
    public var criteria: [CriterionComparison]
    /// The overall level with agreed levels, when any indicator has one.
    public var agreedOverall: Grade?
    public var recommendations: [ReportRecommendation]
    public var challenges: [CaseChallenge]
    /// Whether the report has a follow-up section: requested in the round, or a follow-up given.
    public var showsFollowUp: Bool { followUp != nil || round?.followUpRequested == true }

    /// Consolidates a report. With a round, checks it against the framework and the case
    /// (criteria, indicators, levels on the scale, challenge ids) and applies its agreed levels.
    public init(assessment: Assessment, caseValue: LuaValue?, round: ReviewRound? = nil, followUp: FollowUp? = nil,
                changes: AssessmentChanges? = nil) throws(ReportInputError) {
        var assessment = assessment
        let challenges = Self.challenges(caseValue)
        if let round {
            try RoundChecker(framework: assessment.framework, challenges: challenges, assessment: assessment).check(round)
            Self.apply(round, to: &assessment)
        }
        self.assessment = assessment
        self.caseValue = caseValue
        self.round = round
        self.followUp = followUp
        self.changes = changes
        self.challenges = challenges
        let (criteria, overall) = Self.compare(assessment, round)
        self.criteria = criteria
        self.agreedOverall = overall
        self.recommendations = Self.merge(assessment, round)
        if let followUp {
            try followUp.check(recommendationIDs: recommendations.map(\.id), roundID: round?.id)
        }
    }

    static func challenges(_ caseValue: LuaValue?) -> [CaseChallenge] {
        (caseValue?["implementation_challenges"]?.arrayValue ?? []).compactMap { c in
            guard let id = c["id"]?.stringValue ?? c["id"]?.integerValue.map({ String($0) }) else { return nil }
            return CaseChallenge(id: id, description: c["description"]?.stringValue ?? "")
        }
    }

    /// Sets agreed levels on indicators and records the round in the assessment.
    static func apply(_ round: ReviewRound, to a: inout Assessment) {
        let scale = a.framework.scale
        for o in round.overrides {
            guard let grade = scale.grade(o.level) else { continue }
            for c in a.criteria.indices {
                for i in a.criteria[c].indicators.indices where a.criteria[c].indicators[i].indicator.id == o.indicator {
                    a.criteria[c].indicators[i].agreed = AgreedLevel(grade: grade, justification: o.justification,
                                                                     author: o.author, role: o.role, date: o.date)
                    // a level set in the round rests on the judgement of who set it, and why
                    a.criteria[c].indicators[i].basis = EvidenceBasis(
                        kind: .verified, documents: a.criteria[c].indicators[i].basis?.documents ?? [],
                        verifiedBy: "\(o.author) (\(o.role))", justification: o.justification)
                }
            }
        }
        let order = a.framework.criteria.map(\.id)
        a.round = RoundRecord(
            id: round.id, beneficiary: round.beneficiary.country,
            peers: round.peers.map { peer in
                RoundRecord.Peer(country: peer.participant.country, levels: peer.levels
                    .sorted { (order.firstIndex(of: $0.criterion) ?? 0) < (order.firstIndex(of: $1.criterion) ?? 0) }
                    .compactMap { l in scale.grade(l.level).map { RoundRecord.PeerLevel(criterion: l.criterion, level: $0) } })
            },
            recommendations: round.peers.flatMap { $0.recommendations.map(\.recommendation) })
    }

    static func compare(_ a: Assessment, _ round: ReviewRound?) -> ([CriterionComparison], Grade?) {
        let framework = a.framework
        let scale = framework.scale
        var rows: [CriterionComparison] = []
        var anyAgreed = false
        for c in a.criteria {
            let peers: [(country: String, level: Grade?)] = (a.round?.peers ?? []).map { p in
                (p.country, p.levels.first { $0.criterion == c.criterion.id }?.level)
            }
            let scores = ([c.status == .assessed ? c.grade : nil] + peers.map(\.level)).compactMap { $0?.score }
            let spread = scores.count >= 2 ? scores.max()! - scores.min()! : nil
            var agreed: Grade?
            if c.indicators.contains(where: { $0.agreed != nil }), c.criterion.aggregation != .lua {
                anyAgreed = true
                let inputs: [Aggregator.Input] = c.indicators.compactMap { r in
                    if let g = r.agreed?.grade { return .init(grade: g, weight: r.indicator.weight) }
                    switch r.status {
                    case .assessed: return r.grade.map { .init(grade: $0, weight: r.indicator.weight) }
                    case .insufficientInformation where framework.insufficientCountsAsLowest:
                        return .init(grade: Grade(level: scale.lowest, plus: false, scale: scale), weight: r.indicator.weight)
                    default: return nil
                    }
                }
                agreed = try? Aggregator.aggregate(c.criterion.aggregation, inputs, scale: scale)
            }
            rows.append(CriterionComparison(criterion: c.criterion, status: c.status, rules: c.grade, agreed: agreed,
                                            peers: peers, spread: spread))
        }
        var overall: Grade?
        if anyAgreed, framework.aggregation != .lua {
            let inputs: [Aggregator.Input] = rows.compactMap { row in
                (row.agreed ?? row.rules).map { .init(grade: $0, weight: row.criterion.weight) }
            }
            overall = try? Aggregator.aggregate(framework.aggregation, inputs, scale: scale)
        }
        return (rows, overall)
    }

    /// Rules' and peers' recommendations, by criterion in framework order: the rules' first
    /// (in indicator order), then each peer's (in round order); numbered from 1.
    static func merge(_ a: Assessment, _ round: ReviewRound?) -> [ReportRecommendation] {
        var out: [ReportRecommendation] = []
        let peerRecommendations = round?.peers.flatMap { $0.recommendations.map(\.recommendation) } ?? []
        for c in a.criteria {
            for r in c.indicators.flatMap(\.recommendations) {
                out.append(ReportRecommendation(number: out.count + 1, id: r.id, author: .rules(indicator: r.indicator),
                                                text: r.text, criterion: c.criterion.id, indicator: r.indicator,
                                                challenge: r.challenge, priority: r.priority, horizon: r.horizon, owner: r.owner))
            }
            for r in peerRecommendations where r.criterion == c.criterion.id {
                out.append(ReportRecommendation(number: out.count + 1, id: r.id, author: .peer(r.author), text: r.text,
                                                criterion: r.criterion, indicator: r.indicator, challenge: r.challenge,
                                                priority: r.priority, horizon: r.horizon, owner: r.owner))
            }
        }
        return out
    }
}
