import Foundation

/// Why a store operation did not happen. Routes map these to HTTP statuses at the edge.
public struct StoreError: Error, Sendable, Equatable, CustomStringConvertible {
    public enum Code: String, Sendable {
        /// No such object (or not one the caller may know of).
        case notFound
        /// The object is not in a state that allows the change (a submitted case, a published round).
        case conflict
        /// The change is malformed (an unknown role, a missing country).
        case invalid
        /// The database could not be read or written.
        case unavailable
    }
    public var code: Code
    public var message: String

    public init(_ code: Code, _ message: String) { self.code = code; self.message = message }
    public var description: String { message }
}

/// Everything the service keeps, behind one protocol so that another database (PostgreSQL through
/// postgres-nio) can be added without touching the routes. Every change is written in one
/// transaction with the audit entry that records it: both are there, or neither.
public protocol ServiceStore: Sendable {
    // MARK: accounts
    func createUser(username: String, passwordHash: String, role: Role, country: String?, language: String,
                    audit: AuditEvent) async throws -> User
    func users() async throws -> [User]
    func user(id: String) async throws -> User?
    /// The account and its password hash, for signing in.
    func credentials(username: String) async throws -> (User, String)?
    func setDisabled(username: String, _ disabled: Bool, audit: AuditEvent) async throws -> User
    func setLanguage(userID: String, _ language: String) async throws

    // MARK: sessions and API tokens (stored as SHA-256 of the secret)
    func createSession(tokenHash: String, userID: String, csrf: String, expiresAt: String, audit: AuditEvent) async throws
    func session(tokenHash: String, now: String) async throws -> StoredSession?
    func deleteSession(tokenHash: String, audit: AuditEvent) async throws
    func createToken(id: String, tokenHash: String, userID: String, name: String, audit: AuditEvent) async throws -> APIToken
    func tokens(userID: String) async throws -> [APIToken]
    func tokenUser(tokenHash: String) async throws -> User?
    func deleteToken(id: String, userID: String, audit: AuditEvent) async throws

    // MARK: cases
    /// A new case with its first revision (and the annexes that revision's document register cites).
    func createCase(id: String, country: String, title: String, format: String, body: Data, validation: String?,
                    annexes: [NewAnnex], author: String, audit: AuditEvent) async throws -> StoredCase
    /// A new revision of a draft case, with its new annexes, in one transaction.
    func addRevision(caseID: String, title: String, format: String, body: Data, validation: String?,
                     annexes: [NewAnnex], author: String, audit: AuditEvent) async throws -> CaseRevision
    func annexes(caseID: String) async throws -> [Annex]
    func annex(caseID: String, sha256: String) async throws -> (Annex, Data)?
    func cases() async throws -> [StoredCase]
    func storedCase(id: String) async throws -> StoredCase?
    func revisions(caseID: String) async throws -> [CaseRevision]
    func revision(caseID: String, number: Int) async throws -> (CaseRevision, Data)?
    func submitCase(id: String, revision: Int, audit: AuditEvent) async throws -> StoredCase

    // MARK: rounds
    func createRound(id: String, caseID: String, framework: String, language: String, peers: [RoundPeer],
                     openedBy: String, audit: AuditEvent) async throws -> StoredRound
    func rounds() async throws -> [StoredRound]
    func round(id: String) async throws -> StoredRound?
    func addAssessment(_ assessment: StoredAssessment, result: Data?, audit: AuditEvent) async throws
    func latestAssessment(roundID: String) async throws -> (StoredAssessment, Data?)?
    func savePeerInput(roundID: String, country: String, document: String, submit: Bool, by: String,
                       audit: AuditEvent) async throws -> PeerInput
    func peerInputs(roundID: String) async throws -> [PeerInput]
    func setAgreedLevel(_ level: AgreedLevel, audit: AuditEvent) async throws
    func agreedLevels(roundID: String) async throws -> [AgreedLevel]
    func setComment(roundID: String, text: String, author: String, audit: AuditEvent) async throws -> BeneficiaryComment
    func comment(roundID: String) async throws -> BeneficiaryComment?
    func requestFollowUp(roundID: String, audit: AuditEvent) async throws -> StoredRound
    func publish(roundID: String, reports: [ReportRendition], audit: AuditEvent) async throws -> StoredRound
    func report(roundID: String, format: String, language: String) async throws -> ReportRendition?
    /// Records the informational follow-up of a published round (a later one replaces it) with its renditions.
    func saveFollowUp(roundID: String, document: String, author: String, reports: [ReportRendition],
                      audit: AuditEvent) async throws -> String
    /// The follow-up recorded for a round (its JSON document) and when, if any.
    func followUp(roundID: String) async throws -> (document: String, updatedAt: String)?

    // MARK: framework test runs (no case data)
    func recordTestRun(framework: String, version: String, contentSHA256: String, passed: Bool, output: String,
                       audit: AuditEvent) async throws
    func lastTestRun(framework: String) async throws -> (version: String, contentSHA256: String, passed: Bool, at: String, output: String)?

    // MARK: audit
    /// Records an event that changes nothing else (a sign-in, an export).
    func record(_ audit: AuditEvent) async throws
    func audit(limit: Int, action: String?, user: String?) async throws -> [AuditEntry]

    /// A consistent copy of the whole database, written to `path` while the service runs.
    func backup(to path: String) async throws
}

extension ServiceStore {
    public func createCase(id: String, country: String, title: String, format: String, body: Data, validation: String?,
                           author: String, audit: AuditEvent) async throws -> StoredCase {
        try await createCase(id: id, country: country, title: title, format: format, body: body, validation: validation,
                             annexes: [], author: author, audit: audit)
    }

    public func addRevision(caseID: String, title: String, format: String, body: Data, validation: String?,
                            author: String, audit: AuditEvent) async throws -> CaseRevision {
        try await addRevision(caseID: caseID, title: title, format: format, body: body, validation: validation,
                              annexes: [], author: author, audit: audit)
    }
}
