import Foundation
@testable import MecigepService
import MecigepEngine
import MecigepStore
import Testing

/// Guards the service's first promise: one country's data is never shown to another. Over
/// generated worlds (States, their cases, rounds with random peers, some published, peer input
/// drafted or submitted), every account asks for every object; what it gets must be what the
/// mechanism's rules say, written here independently of the service's `Access`:
/// - a beneficiary sees its own State's cases and rounds, and nothing else;
/// - a peer sees the rounds it sits in and their cases, and nothing else;
/// - another peer's input only once the round is published and the input submitted;
/// - a methodologist sees no case or round.
@Suite(.serialized) struct IsolationPropertyTests {
    @Test("over 12 generated worlds, no account sees another country's case, round, revision or peer input",
          arguments: 0..<12)
    func isolation(seed: Int) async throws {
        var rng = SplitMix64(seed: UInt64(seed) &* 7919 &+ 17)
        let countries = ["AR", "BR", "CL", "CO", "MX", "PE", "UY"].shuffled(using: &rng).prefix(Int.random(in: 3...5, using: &rng))
        let server = try await TestServer()
        try await server.account("sec", .secretariat)
        try await server.account("meth", .methodologist)
        for c in countries {
            try await server.account("b" + c, .beneficiary, c)
            try await server.account("p" + c, .peer, c)
        }
        let sec = server.accounts["sec"]!.user
        var cases: [(id: String, country: String)] = []
        var rounds: [(id: String, caseID: String, country: String, peers: [String], published: Bool, inputs: [String: Bool])] = []
        for c in countries {
            for _ in 0..<Int.random(in: 0...2, using: &rng) {
                let id = try await server.store.createCase(id: Identifier.make(), country: c, title: "t", format: "yaml",
                                                           body: Data("id: \(c)\n".utf8), validation: nil, author: sec.id,
                                                           audit: AuditEvent(user: sec, action: "case.upload")).id
                cases.append((id, c))
                guard Bool.random(using: &rng) else { continue }
                _ = try await server.store.submitCase(id: id, revision: 1, audit: AuditEvent(user: sec, action: "case.submit"))
                let peers = Array(countries.filter { $0 != c }.shuffled(using: &rng).prefix(2))
                let round = try await server.store.createRound(id: Identifier.make(), caseID: id, framework: "mecigep-core",
                                                               language: "en", peers: peers.map { RoundPeer(country: $0, institution: nil) },
                                                               openedBy: sec.id, audit: AuditEvent(user: sec, action: "round.open"))
                var inputs: [String: Bool] = [:]
                for p in peers where Bool.random(using: &rng) {
                    let submit = Bool.random(using: &rng)
                    inputs[p] = submit
                    _ = try await server.store.savePeerInput(roundID: round.id, country: p, document: "{\"levels\":{}}", submit: submit,
                                                             by: server.accounts["p" + p]!.user.id,
                                                             audit: AuditEvent(user: sec, action: "peer.draft"))
                }
                let published = Bool.random(using: &rng)
                if published {
                    _ = try await server.store.publish(roundID: round.id, reports: [], audit: AuditEvent(user: sec, action: "round.publish"))
                }
                rounds.append((round.id, id, c, peers, published, inputs))
            }
        }
        var violations: [String] = []
        let accounts = ["sec", "meth"] + countries.flatMap { ["b" + $0, "p" + $0] }
        for name in accounts {
            let user = server.accounts[name]!.user
            func seesRound(_ r: (id: String, caseID: String, country: String, peers: [String], published: Bool, inputs: [String: Bool])) -> Bool {
                switch user.role {
                case .secretariat: return true
                case .beneficiary: return r.country == user.country
                case .peer: return r.peers.contains(user.country ?? "")
                case .methodologist: return false
                }
            }
            func seesCase(_ c: (id: String, country: String)) -> Bool {
                switch user.role {
                case .secretariat: return true
                case .beneficiary: return c.country == user.country
                case .peer: return rounds.contains { $0.caseID == c.id && $0.peers.contains(user.country ?? "") }
                case .methodologist: return false
                }
            }
            if user.role != .methodologist {
                let listed = Set(((try await server.request("GET", "/api/cases", as: name)).json["cases"] as? [[String: Any]] ?? [])
                    .compactMap { $0["id"] as? String })
                let expected = Set(cases.filter(seesCase).map(\.id))
                if listed != expected { violations.append("\(name): GET /api/cases lists \(listed.sorted()), expected \(expected.sorted())") }
                let listedRounds = Set(((try await server.request("GET", "/api/rounds", as: name)).json["rounds"] as? [[String: Any]] ?? [])
                    .compactMap { $0["id"] as? String })
                let expectedRounds = Set(rounds.filter(seesRound).map(\.id))
                if listedRounds != expectedRounds { violations.append("\(name): GET /api/rounds lists the wrong rounds") }
            }
            for c in cases {
                for path in ["/api/cases/\(c.id)", "/api/cases/\(c.id)/revisions"] {
                    let status = try await server.request("GET", path, as: name).status
                    if (status == 200) != seesCase(c) { violations.append("\(name): GET \(path) -> \(status)") }
                }
            }
            for r in rounds {
                let status = try await server.request("GET", "/api/rounds/\(r.id)", as: name).status
                if (status == 200) != seesRound(r) { violations.append("\(name): GET round of \(r.country) -> \(status)") }
                for (peer, submitted) in r.inputs {
                    let may = seesRound(r) && (user.role == .secretariat || user.country == peer && user.role == .peer
                        || (r.published && submitted))
                    let status = try await server.request("GET", "/api/rounds/\(r.id)/inputs/\(peer)", as: name).status
                    if (status == 200) != may { violations.append("\(name): input of \(peer) in a round of \(r.country) -> \(status)") }
                }
            }
        }
        await server.stop()
        #expect(violations == [])
    }
}
