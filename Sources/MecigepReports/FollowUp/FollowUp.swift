import MecigepEngine

/// The beneficiary's informational follow-up of a round (docs/reports.md): per recommendation,
/// what it did with it. Informational only: nothing is monitored against a commitment.
public struct FollowUp: Sendable {
    /// What the beneficiary did with a recommendation.
    public enum Status: String, Sendable, CaseIterable, Hashable {
        case adopted
        case inProgress = "in_progress"
        case notAdopted = "not_adopted"
        case notApplicable = "not_applicable"
    }

    public struct Entry: Sendable, Hashable {
        /// The recommendation's id: `<indicator>.r<n>` for the rules', `<peer>.r<n>` for a peer's.
        public var recommendation: String
        public var status: Status
        /// YYYY-MM-DD.
        public var date: String
        public var note: LocalizedText?
        public var path: String
    }

    /// The round it follows up (its id), when given.
    public var round: String?
    /// The date of this follow-up update.
    public var date: String
    public var reportedBy: String?
    /// A revised version of the case, resolved against the follow-up file's folder: re-assessed
    /// and compared with the earlier assessment.
    public var revisedCase: String?
    /// The earlier assessment (JSON written by `mecigep assess` or `mecigep round --format json`),
    /// resolved likewise; without it, the round's case is assessed again.
    public var earlierAssessment: String?
    public var entries: [Entry]
    public var file: String
    public var sha256: String

    /// The entry for a recommendation.
    public func entry(for id: String) -> Entry? { entries.first { $0.recommendation == id } }

    /// Checks that every entry names a recommendation of the report (and the round, when named).
    public func check(recommendationIDs: [String], roundID: String?) throws(ReportInputError) {
        var problems: [InputProblem] = []
        if let round, let roundID, round != roundID {
            problems.append(InputProblem(path: "round", message: "\"\(round)\" is not this round (\"\(roundID)\"); "
                + "check that the follow-up and the round file go together"))
        }
        let known = Set(recommendationIDs)
        for entry in entries where !known.contains(entry.recommendation) {
            let close = recommendationIDs.filter { $0.hasPrefix(entry.recommendation.split(separator: ".").first.map(String.init) ?? "") }
            let hint = close.isEmpty ? "the report's recommendations are \(Self.sample(recommendationIDs))"
                : "did you mean one of \(Self.sample(close))?"
            problems.append(InputProblem(path: entry.path + ".recommendation",
                                         message: "\"\(entry.recommendation)\" is not a recommendation of this report; \(hint)"))
        }
        if !problems.isEmpty { throw ReportInputError(file: file, problems: problems) }
    }

    static func sample(_ ids: [String]) -> String {
        ids.isEmpty ? "(none)" : ids.prefix(8).joined(separator: ", ") + (ids.count > 8 ? ", …" : "")
    }
}
