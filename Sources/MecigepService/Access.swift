import MecigepStore

/// Who may see and do what (docs/service.md, "Access"). Every route asks these questions and
/// nothing else; the access matrix test pins down the answer for every route, role and country.
///
/// A caller who may not know an object exists gets 404 (the same answer as for an id that was
/// never issued); a caller who sees the object but may not do the action gets 403.
enum Access {
    /// Secretariat: all cases. Beneficiary: its own country's. Peer: the cases of rounds it sits in.
    static func canSee(_ c: StoredCase, _ user: User, rounds: [StoredRound]) -> Bool {
        switch user.role {
        case .secretariat: return true
        case .beneficiary: return c.country == user.country
        case .peer: return rounds.contains { $0.caseID == c.id && sits(user, in: $0) }
        case .methodologist: return false
        }
    }

    /// The revisions of a case a caller may read: all for the Secretariat and the beneficiary,
    /// only the revisions under review for a peer.
    static func canSee(revision: Int, of c: StoredCase, _ user: User, rounds: [StoredRound]) -> Bool {
        guard canSee(c, user, rounds: rounds) else { return false }
        if user.role == .peer { return rounds.contains { $0.caseID == c.id && $0.revision == revision && sits(user, in: $0) } }
        return true
    }

    /// Secretariat: all rounds. Beneficiary: its country's. Peer: those it sits in (a round exists
    /// only once opened).
    static func canSee(_ round: StoredRound, _ user: User) -> Bool {
        switch user.role {
        case .secretariat: return true
        case .beneficiary: return round.country == user.country
        case .peer: return sits(user, in: round)
        case .methodologist: return false
        }
    }

    static func sits(_ user: User, in round: StoredRound) -> Bool {
        user.role == .peer && round.peers.contains { $0.country == user.country }
    }

    /// A peer's input is read by the Secretariat and its own author at any time; by the other
    /// peers and the beneficiary only once the round is published, and then only if submitted.
    static func canSee(_ input: PeerInput, in round: StoredRound, _ user: User) -> Bool {
        guard canSee(round, user) else { return false }
        if user.role == .secretariat { return true }
        if user.role == .peer, user.country == input.country { return true }
        return round.status == .published && input.status == .submitted
    }

    /// Writes a case: a beneficiary for its own country; the Secretariat on a State's behalf.
    static func mayWriteCases(_ user: User) -> Bool { user.role == .beneficiary || user.role == .secretariat }

    static func isSecretariat(_ user: User) -> Bool { user.role == .secretariat }

    /// Frameworks and their test runs (no case data): Secretariat and methodologists.
    static func mayRunFrameworkTests(_ user: User) -> Bool { user.role == .secretariat || user.role == .methodologist }
}
