import Foundation
import GRDB

extension SQLiteStore {
    public func createRound(id: String, caseID: String, framework: String, language: String, peers: [RoundPeer],
                            openedBy: String, audit: AuditEvent) async throws -> StoredRound {
        let at = now()
        return try await write { db in
            guard let row = try Row.fetchOne(db, sql: "SELECT * FROM cases WHERE id = ?", arguments: [caseID]) else {
                throw StoreError(.notFound, "no such case")
            }
            let stored = Self.storedCase(row)
            guard stored.status == .submitted, let revision = stored.submittedRevision else {
                throw StoreError(.conflict, "the case is a draft; the beneficiary State submits it for review first")
            }
            try db.execute(sql: """
                INSERT INTO rounds (id, case_id, country, revision, framework, language, status, follow_up_requested,
                                    opened_by, opened_at) VALUES (?, ?, ?, ?, ?, ?, 'open', 0, ?, ?)
                """, arguments: [id, caseID, stored.country, revision, framework, language, openedBy, at])
            for peer in peers {
                try db.execute(sql: "INSERT INTO round_peers (round_id, country, institution) VALUES (?, ?, ?)",
                               arguments: [id, peer.country, peer.institution])
            }
            try self.insertAudit(db, audit, about: "round", id, country: stored.country,
                                 detail: "case \(caseID) revision \(revision), \(framework), peers "
                                     + peers.map(\.country).joined(separator: " "), at: at)
            return StoredRound(id: id, caseID: caseID, country: stored.country, revision: revision, framework: framework,
                               language: language, status: .open, peers: peers, followUpRequested: false, openedBy: openedBy,
                               openedAt: at, publishedAt: nil)
        }
    }

    public func rounds() async throws -> [StoredRound] {
        try await read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM rounds ORDER BY opened_at, id").map { try Self.round(db, $0) }
        }
    }

    public func round(id: String) async throws -> StoredRound? {
        try await read { db in
            try Row.fetchOne(db, sql: "SELECT * FROM rounds WHERE id = ?", arguments: [id]).map { try Self.round(db, $0) }
        }
    }

    public func addAssessment(_ a: StoredAssessment, result: Data?, audit: AuditEvent) async throws {
        try await write { db in
            let round = try Self.requireRound(db, a.roundID, open: true)
            try db.execute(sql: """
                INSERT INTO assessments (id, round_id, revision, status, framework_id, framework_version, framework_sha256,
                                         levels, result, error, created_by, created_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """, arguments: [a.id, a.roundID, a.revision, a.status.rawValue, a.frameworkID, a.frameworkVersion,
                                 a.frameworkSHA256, a.levels, result, a.error, a.createdBy, a.createdAt])
            try self.insertAudit(db, audit, about: "round", a.roundID, country: round.country, at: a.createdAt)
        }
    }

    public func latestAssessment(roundID: String) async throws -> (StoredAssessment, Data?)? {
        try await read { db in
            try Row.fetchOne(db, sql: "SELECT * FROM assessments WHERE round_id = ? ORDER BY rowid DESC LIMIT 1",
                             arguments: [roundID]).map { row in
                (StoredAssessment(id: row["id"], roundID: row["round_id"], revision: row["revision"],
                                  status: StoredAssessment.Status(rawValue: row["status"]) ?? .failed,
                                  frameworkID: row["framework_id"], frameworkVersion: row["framework_version"],
                                  frameworkSHA256: row["framework_sha256"], levels: row["levels"], error: row["error"],
                                  createdBy: row["created_by"], createdAt: row["created_at"]), row["result"] as Data?)
            }
        }
    }

    public func savePeerInput(roundID: String, country: String, document: String, submit: Bool, by: String,
                              audit: AuditEvent) async throws -> PeerInput {
        let at = now()
        return try await write { db in
            let round = try Self.requireRound(db, roundID, open: true)
            guard round.peers.contains(where: { $0.country == country }) else { throw StoreError(.notFound, "no such peer") }
            if let status = try String.fetchOne(db, sql: "SELECT status FROM peer_inputs WHERE round_id = ? AND country = ?",
                                                arguments: [roundID, country]), status == "submitted" {
                throw StoreError(.conflict, "the input was submitted; it no longer changes")
            }
            let status: PeerInput.Status = submit ? .submitted : .draft
            try db.execute(sql: """
                INSERT INTO peer_inputs (round_id, country, document, status, updated_by, updated_at) VALUES (?, ?, ?, ?, ?, ?)
                ON CONFLICT (round_id, country) DO UPDATE SET document = excluded.document, status = excluded.status,
                    updated_by = excluded.updated_by, updated_at = excluded.updated_at
                """, arguments: [roundID, country, document, status.rawValue, by, at])
            try self.insertAudit(db, audit, about: "round", roundID, country: country, at: at)
            return PeerInput(roundID: roundID, country: country, document: document, status: status, updatedBy: by, updatedAt: at)
        }
    }

    public func peerInputs(roundID: String) async throws -> [PeerInput] {
        try await read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM peer_inputs WHERE round_id = ? ORDER BY country", arguments: [roundID]).map {
                PeerInput(roundID: $0["round_id"], country: $0["country"], document: $0["document"],
                          status: PeerInput.Status(rawValue: $0["status"]) ?? .draft, updatedBy: $0["updated_by"],
                          updatedAt: $0["updated_at"])
            }
        }
    }

    public func setAgreedLevel(_ level: AgreedLevel, audit: AuditEvent) async throws {
        try await write { db in
            let round = try Self.requireRound(db, level.roundID, open: true)
            try db.execute(sql: """
                INSERT INTO agreed_levels (round_id, indicator, level, justification, author, created_at) VALUES (?, ?, ?, ?, ?, ?)
                ON CONFLICT (round_id, indicator) DO UPDATE SET level = excluded.level, justification = excluded.justification,
                    author = excluded.author, created_at = excluded.created_at
                """, arguments: [level.roundID, level.indicator, level.level, level.justification, level.author, level.createdAt])
            try self.insertAudit(db, audit, about: "round", level.roundID, country: round.country,
                                 detail: "\(level.indicator) = \(level.level)", at: level.createdAt)
        }
    }

    public func agreedLevels(roundID: String) async throws -> [AgreedLevel] {
        try await read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM agreed_levels WHERE round_id = ? ORDER BY indicator", arguments: [roundID]).map {
                AgreedLevel(roundID: $0["round_id"], indicator: $0["indicator"], level: $0["level"],
                            justification: $0["justification"], author: $0["author"], createdAt: $0["created_at"])
            }
        }
    }

    public func setComment(roundID: String, text: String, author: String, audit: AuditEvent) async throws -> BeneficiaryComment {
        let at = now()
        return try await write { db in
            let round = try Self.requireRound(db, roundID, open: true)
            try db.execute(sql: """
                INSERT INTO comments (round_id, text, author, updated_at) VALUES (?, ?, ?, ?)
                ON CONFLICT (round_id) DO UPDATE SET text = excluded.text, author = excluded.author, updated_at = excluded.updated_at
                """, arguments: [roundID, text, author, at])
            try self.insertAudit(db, audit, about: "round", roundID, country: round.country, at: at)
            return BeneficiaryComment(roundID: roundID, text: text, author: author, updatedAt: at)
        }
    }

    public func comment(roundID: String) async throws -> BeneficiaryComment? {
        try await read { db in
            try Row.fetchOne(db, sql: "SELECT * FROM comments WHERE round_id = ?", arguments: [roundID]).map {
                BeneficiaryComment(roundID: $0["round_id"], text: $0["text"], author: $0["author"], updatedAt: $0["updated_at"])
            }
        }
    }

    public func requestFollowUp(roundID: String, audit: AuditEvent) async throws -> StoredRound {
        let at = now()
        return try await write { db in
            var round = try Self.requireRound(db, roundID, open: false)
            try db.execute(sql: "UPDATE rounds SET follow_up_requested = 1 WHERE id = ?", arguments: [roundID])
            round.followUpRequested = true
            try self.insertAudit(db, audit, about: "round", roundID, country: round.country, at: at)
            return round
        }
    }

    public func publish(roundID: String, reports: [ReportRendition], audit: AuditEvent) async throws -> StoredRound {
        let at = now()
        return try await write { db in
            var round = try Self.requireRound(db, roundID, open: true)
            for r in reports {
                try db.execute(sql: "INSERT INTO reports (round_id, format, language, body, sha256) VALUES (?, ?, ?, ?, ?)",
                               arguments: [roundID, r.format, r.language, r.body, r.sha256])
            }
            try db.execute(sql: "UPDATE rounds SET status = 'published', published_at = ? WHERE id = ?", arguments: [at, roundID])
            round.status = .published
            round.publishedAt = at
            try self.insertAudit(db, audit, about: "round", roundID, country: round.country, at: at)
            return round
        }
    }

    public func report(roundID: String, format: String, language: String) async throws -> ReportRendition? {
        try await read { db in
            try Row.fetchOne(db, sql: "SELECT * FROM reports WHERE round_id = ? AND format = ? AND language = ?",
                             arguments: [roundID, format, language]).map {
                ReportRendition(roundID: $0["round_id"], format: $0["format"], language: $0["language"], body: $0["body"],
                                sha256: $0["sha256"])
            }
        }
    }

    public func saveFollowUp(roundID: String, document: String, author: String, reports: [ReportRendition],
                             audit: AuditEvent) async throws -> String {
        let at = now()
        return try await write { db in
            let round = try Self.requireRound(db, roundID, open: false)
            guard round.status == .published, round.followUpRequested else {
                throw StoreError(.conflict, "a follow-up is recorded only for a published round whose beneficiary asked for it")
            }
            try db.execute(sql: """
                INSERT INTO follow_ups (round_id, document, author, updated_at) VALUES (?, ?, ?, ?)
                ON CONFLICT (round_id) DO UPDATE SET document = excluded.document, author = excluded.author,
                    updated_at = excluded.updated_at
                """, arguments: [roundID, document, author, at])
            for r in reports {
                try db.execute(sql: "INSERT OR REPLACE INTO reports (round_id, format, language, body, sha256) VALUES (?, ?, ?, ?, ?)",
                               arguments: [roundID, r.format, r.language, r.body, r.sha256])
            }
            try self.insertAudit(db, audit, about: "round", roundID, country: round.country, at: at)
            return at
        }
    }

    public func followUp(roundID: String) async throws -> (document: String, updatedAt: String)? {
        try await read { db in
            try Row.fetchOne(db, sql: "SELECT document, updated_at FROM follow_ups WHERE round_id = ?", arguments: [roundID])
                .map { ($0["document"], $0["updated_at"]) }
        }
    }

    public func recordTestRun(framework: String, version: String, contentSHA256: String, passed: Bool, output: String,
                              audit: AuditEvent) async throws {
        let at = now()
        try await write { db in
            try db.execute(sql: """
                INSERT INTO test_runs (framework, version, content_sha256, passed, output, at) VALUES (?, ?, ?, ?, ?, ?)
                """, arguments: [framework, version, contentSHA256, passed, output, at])
            try self.insertAudit(db, audit, about: "framework", framework, detail: "\(version): \(passed ? "passed" : "failed")", at: at)
        }
    }

    public func lastTestRun(framework: String) async throws
        -> (version: String, contentSHA256: String, passed: Bool, at: String, output: String)? {
        try await read { db in
            try Row.fetchOne(db, sql: "SELECT * FROM test_runs WHERE framework = ? ORDER BY seq DESC LIMIT 1",
                             arguments: [framework]).map {
                (version: $0["version"], contentSHA256: $0["content_sha256"], passed: $0["passed"], at: $0["at"],
                 output: $0["output"])
            }
        }
    }
}
