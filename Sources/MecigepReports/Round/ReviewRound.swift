import MecigepEngine

/// A peer-review round, as written in a round file (docs/reports.md): the case, the States
/// taking part, the Technical Secretariat, the dates, each peer State's input, the levels set by
/// judgement, and the beneficiary's comments. Checked for its own consistency when read
/// (`RoundFile.read`); checked against the framework and the case when consolidated.
public struct ReviewRound: Sendable {
    /// A State taking part: its code, and who represents it.
    public struct Participant: Sendable, Hashable {
        /// ISO 3166-1 alpha-2 code.
        public var country: String
        /// The State's name, when it should not be taken from the OAS members' names.
        public var name: String?
        public var institution: String?
        /// The people in the delegation.
        public var delegation: [String]
    }

    public struct Secretariat: Sendable, Hashable {
        public var name: String?
        public var contact: String?
        public var email: String?
    }

    /// Dates of the round, YYYY-MM-DD.
    public struct Dates: Sendable, Hashable {
        /// The case was submitted to the Secretariat.
        public var submitted: String?
        /// Meetings of the ad-hoc group.
        public var meetings: [String]
        /// The report (its date on the cover).
        public var report: String?
    }

    /// What a peer State did when it faced a similar challenge.
    public struct Experience: Sendable, Hashable {
        public var title: LocalizedText?
        public var what: LocalizedText?
        public var results: LocalizedText?
        public var lessons: LocalizedText?
        public var conditions: LocalizedText?
    }

    /// A level a peer gave to a criterion, as written (checked against the scale later).
    public struct LevelEntry: Sendable, Hashable {
        public var criterion: String
        public var level: String
        public var path: String
    }

    /// A recommendation as written, with where it is in the file.
    public struct RecommendationEntry: Sendable, Hashable {
        public var recommendation: RoundRecord.PeerRecommendation
        public var path: String
    }

    public struct Peer: Sendable, Hashable {
        public var participant: Participant
        public var levels: [LevelEntry]
        public var comments: LocalizedText?
        public var experience: Experience?
        public var recommendations: [RecommendationEntry]
        public var path: String
    }

    /// An indicator's level set by judgement.
    public struct Override: Sendable, Hashable {
        public var indicator: String
        public var level: String
        public var justification: String
        /// A peer's code or "secretariat".
        public var author: String
        public var date: String
        public var path: String

        public var role: String { author == "secretariat" ? "secretariat" : "peer" }
    }

    /// The beneficiary State's comments, annexed to the report without changes.
    public struct Comments: Sendable, Hashable {
        public var text: String
        public var date: String?
    }

    public var id: String
    /// The round file.
    public var file: String
    /// The case file, resolved against the round file's folder.
    public var caseFile: String
    /// The framework the round is assessed with: `ID`, or pinned as `ID@VERSION`.
    public var framework: String?
    /// The pinned framework's content hash (`framework_sha256`), when the round pins it.
    public var frameworkSHA256: String?
    public var language: Language?
    public var beneficiary: Participant
    public var secretariat: Secretariat
    public var dates: Dates
    public var peers: [Peer]
    public var overrides: [Override]
    public var comments: Comments?
    /// Whether the beneficiary asked for an informational follow-up.
    public var followUpRequested: Bool
    /// SHA-256 of the round file's bytes.
    public var sha256: String
}
