import Foundation

/// What a signed-in person may do; each role sees a different part of the mechanism (docs/service.md).
public enum Role: String, Codable, Sendable, CaseIterable {
    /// The Technical Secretariat: runs rounds, sees everything.
    case secretariat
    /// A State presenting a case: its own country's cases, rounds and reports.
    case beneficiary
    /// A peer State: the rounds it sits in, once they are open.
    case peer
    /// Writes and tests frameworks: frameworks and anonymised test runs, no case data.
    case methodologist

    /// Whether an account of this role belongs to a country (and must name it).
    public var hasCountry: Bool { self == .beneficiary || self == .peer }
}

/// An account.
public struct User: Codable, Sendable, Equatable {
    public var id: String
    public var username: String
    public var role: Role
    /// ISO 3166-1 alpha-2 code, for beneficiary and peer accounts.
    public var country: String?
    /// The language pages and messages are shown in: en, es, pt or fr.
    public var language: String
    public var disabled: Bool
    public var createdAt: String

    public init(id: String, username: String, role: Role, country: String?, language: String, disabled: Bool, createdAt: String) {
        self.id = id; self.username = username; self.role = role; self.country = country
        self.language = language; self.disabled = disabled; self.createdAt = createdAt
    }
}

/// A case a State presents, through its revisions.
public struct StoredCase: Codable, Sendable, Equatable {
    public enum Status: String, Codable, Sendable { case draft, submitted }
    public var id: String
    public var country: String
    /// The case's title as its latest revision gives it (or the upload's file name).
    public var title: String
    public var status: Status
    /// The revision frozen for review by submitting; nil while a draft.
    public var submittedRevision: Int?
    public var latestRevision: Int
    public var createdBy: String
    public var createdAt: String
}

/// One immutable revision of a case file.
public struct CaseRevision: Codable, Sendable, Equatable {
    public var caseID: String
    /// 1, 2, ... in the order uploaded.
    public var number: Int
    /// "yaml" or "json".
    public var format: String
    public var sha256: String
    public var size: Int
    public var author: String
    public var createdAt: String
    /// The completeness check (`mecigep validate --format json`) of this revision, as JSON text.
    public var validation: String?
}

/// A file attached to a case's document register (an annex), kept by its SHA-256.
public struct Annex: Codable, Sendable, Equatable {
    public var caseID: String
    public var sha256: String
    public var filename: String
    public var contentType: String
    public var size: Int
    /// The revision it was uploaded with.
    public var revision: Int
    public var uploadedBy: String
    public var uploadedAt: String
}

/// An annex being uploaded with a revision.
public struct NewAnnex: Sendable {
    public var filename: String
    public var contentType: String
    public var body: Data
    public init(filename: String, contentType: String, body: Data) {
        self.filename = filename; self.contentType = contentType; self.body = body
    }
    public var sha256: String { SQLiteStore.sha256(body) }
}

/// A State taking part in a round as a peer.
public struct RoundPeer: Codable, Sendable, Equatable {
    public var country: String
    public var institution: String?
    public init(country: String, institution: String?) { self.country = country; self.institution = institution }
}

/// A peer-review round of one submitted case revision.
public struct StoredRound: Codable, Sendable, Equatable {
    public enum Status: String, Codable, Sendable { case open, published }
    public var id: String
    public var caseID: String
    /// The beneficiary State (the case's country).
    public var country: String
    public var revision: Int
    /// The framework asked for when the round was opened: `ID` or `ID@VERSION`.
    public var framework: String
    /// The report's default language.
    public var language: String
    public var status: Status
    public var peers: [RoundPeer]
    public var followUpRequested: Bool
    public var openedBy: String
    public var openedAt: String
    public var publishedAt: String?
}

/// The result of running a framework on a round's case revision, pinned to both.
public struct StoredAssessment: Codable, Sendable, Equatable {
    public enum Status: String, Codable, Sendable { case done, failed }
    public var id: String
    public var roundID: String
    public var revision: Int
    public var status: Status
    public var frameworkID: String?
    public var frameworkVersion: String?
    public var frameworkSHA256: String?
    /// Criterion id to level, as JSON text.
    public var levels: String?
    /// Why the worker failed (its message, or the signal that ended it).
    public var error: String?
    public var createdBy: String
    public var createdAt: String

    public init(id: String, roundID: String, revision: Int, status: Status, frameworkID: String? = nil,
                frameworkVersion: String? = nil, frameworkSHA256: String? = nil, levels: String? = nil, error: String? = nil,
                createdBy: String, createdAt: String) {
        self.id = id; self.roundID = roundID; self.revision = revision; self.status = status; self.frameworkID = frameworkID
        self.frameworkVersion = frameworkVersion; self.frameworkSHA256 = frameworkSHA256; self.levels = levels
        self.error = error; self.createdBy = createdBy; self.createdAt = createdAt
    }
}

/// A peer State's input to a round: its levels per criterion, experience and recommendations.
public struct PeerInput: Codable, Sendable, Equatable {
    public enum Status: String, Codable, Sendable { case draft, submitted }
    public var roundID: String
    public var country: String
    /// The peer's entry as the round file has it (levels, comments, experience, recommendations), JSON text.
    public var document: String
    public var status: Status
    public var updatedBy: String
    public var updatedAt: String
}

/// An indicator's level agreed by the Secretariat, with its justification.
public struct AgreedLevel: Codable, Sendable, Equatable {
    public var roundID: String
    public var indicator: String
    public var level: String
    public var justification: String
    public var author: String
    public var createdAt: String

    public init(roundID: String, indicator: String, level: String, justification: String, author: String, createdAt: String) {
        self.roundID = roundID; self.indicator = indicator; self.level = level; self.justification = justification
        self.author = author; self.createdAt = createdAt
    }
}

/// The beneficiary State's comments on a round, annexed to the report unchanged.
public struct BeneficiaryComment: Codable, Sendable, Equatable {
    public var roundID: String
    public var text: String
    public var author: String
    public var updatedAt: String
}

/// A published report in one format and language.
public struct ReportRendition: Sendable, Equatable {
    public var roundID: String
    public var format: String
    public var language: String
    public var body: Data
    public var sha256: String
    public init(roundID: String, format: String, language: String, body: Data, sha256: String) {
        self.roundID = roundID; self.format = format; self.language = language; self.body = body; self.sha256 = sha256
    }
}

/// One line of the append-only audit log.
public struct AuditEntry: Codable, Sendable, Equatable {
    public var seq: Int64
    public var at: String
    public var userID: String?
    public var username: String?
    public var role: String?
    public var action: String
    public var objectType: String?
    public var objectID: String?
    public var country: String?
    public var detail: String?
}

/// Who did what, written in the same transaction as the change it records.
public struct AuditEvent: Sendable {
    public var user: User?
    public var action: String
    public var objectType: String?
    public var objectID: String?
    public var country: String?
    public var detail: String?
    /// A username for events without an account (a failed login).
    public var username: String?

    public init(user: User?, action: String, objectType: String? = nil, objectID: String? = nil, country: String? = nil,
                detail: String? = nil, username: String? = nil) {
        self.user = user; self.action = action; self.objectType = objectType; self.objectID = objectID
        self.country = country; self.detail = detail; self.username = username
    }
}

/// A signed-in session (the cookie's token is stored hashed).
public struct StoredSession: Sendable, Equatable {
    public var user: User
    public var csrf: String
    public var expiresAt: String
}

/// An API token's listing (the token itself is shown once and stored hashed).
public struct APIToken: Codable, Sendable, Equatable {
    public var id: String
    public var name: String
    public var createdAt: String
    public var lastUsedAt: String?
}
