import MecigepEngine

/// One recommendation of a report, whoever made it (the framework's rules or a peer State),
/// numbered in the order the report shows it. Always non-binding.
public struct ReportRecommendation: Sendable, Hashable {
    public enum Author: Sendable, Hashable {
        /// The rules of the framework, through one indicator.
        case rules(indicator: String)
        /// A peer State, by its code.
        case peer(String)
    }

    public var number: Int
    /// Stable id for follow-up: `<indicator>.r<n>` or `<peer>.r<n>`.
    public var id: String
    public var author: Author
    public var text: LocalizedText
    public var criterion: String
    public var indicator: String?
    /// The case's implementation challenge it answers, when one applies.
    public var challenge: String?
    public var priority: String?
    public var horizon: String?
    public var owner: LocalizedText?
}

/// A criterion's levels side by side: the rules', the agreed one (when indicators of it have
/// agreed levels), each peer State's, and the spread between the rules and the peers.
public struct CriterionComparison: Sendable {
    public var criterion: Criterion
    public var status: ResultStatus
    public var rules: Grade?
    /// Re-aggregated with the agreed indicator levels; nil when none of its indicators has one
    /// (or the criterion aggregates in Lua, which runs only in the rule runtime).
    public var agreed: Grade?
    /// Peer code and the level it gave (nil when it gave none).
    public var peers: [(country: String, level: Grade?)]
    /// Highest minus lowest score among the rules' level and the peers' levels; nil with fewer
    /// than two of them.
    public var spread: Double?
}

/// A case's implementation challenge: the reason the case exists.
public struct CaseChallenge: Sendable, Hashable {
    public var id: String
    public var description: String
}
