import Foundation
import GRDB

extension SQLiteStore {
    public func createCase(id: String, country: String, title: String, format: String, body: Data, validation: String?,
                           annexes: [NewAnnex], author: String, audit: AuditEvent) async throws -> StoredCase {
        let at = now()
        let sha = Self.sha256(body)
        return try await write { db in
            try db.execute(sql: """
                INSERT INTO cases (id, country, title, status, submitted_revision, latest_revision, created_by, created_at)
                VALUES (?, ?, ?, 'draft', NULL, 1, ?, ?)
                """, arguments: [id, country, title, author, at])
            try db.execute(sql: """
                INSERT INTO case_revisions (case_id, number, format, body, sha256, size, author, created_at, validation)
                VALUES (?, 1, ?, ?, ?, ?, ?, ?, ?)
                """, arguments: [id, format, body, sha, body.count, author, at, validation])
            try self.insertAudit(db, audit, about: "case", id, country: country, detail: "revision 1, sha256 \(sha)", at: at)
            try self.insertAnnexes(db, annexes, caseID: id, revision: 1, country: country, author: author, audit: audit, at: at)
            return StoredCase(id: id, country: country, title: title, status: .draft, submittedRevision: nil, latestRevision: 1,
                              createdBy: author, createdAt: at)
        }
    }

    public func addRevision(caseID: String, title: String, format: String, body: Data, validation: String?,
                            annexes: [NewAnnex], author: String, audit: AuditEvent) async throws -> CaseRevision {
        let at = now()
        let sha = Self.sha256(body)
        return try await write { db in
            guard let row = try Row.fetchOne(db, sql: "SELECT * FROM cases WHERE id = ?", arguments: [caseID]) else {
                throw StoreError(.notFound, "no such case")
            }
            let stored = Self.storedCase(row)
            guard stored.status == .draft else {
                throw StoreError(.conflict, "the case was submitted for review (revision \(stored.submittedRevision ?? 0)); "
                    + "it no longer takes revisions")
            }
            let number = stored.latestRevision + 1
            try db.execute(sql: """
                INSERT INTO case_revisions (case_id, number, format, body, sha256, size, author, created_at, validation)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                """, arguments: [caseID, number, format, body, sha, body.count, author, at, validation])
            try db.execute(sql: "UPDATE cases SET latest_revision = ?, title = ? WHERE id = ?", arguments: [number, title, caseID])
            try self.insertAudit(db, audit, about: "case", caseID, country: stored.country,
                                 detail: "revision \(number), sha256 \(sha)", at: at)
            try self.insertAnnexes(db, annexes, caseID: caseID, revision: number, country: stored.country, author: author,
                                   audit: audit, at: at)
            return CaseRevision(caseID: caseID, number: number, format: format, sha256: sha, size: body.count, author: author,
                                createdAt: at, validation: validation)
        }
    }

    /// Stores annexes not stored yet for the case (the same file uploaded again is kept once).
    func insertAnnexes(_ db: Database, _ annexes: [NewAnnex], caseID: String, revision: Int, country: String, author: String,
                       audit: AuditEvent, at: String) throws {
        for annex in annexes {
            let sha = annex.sha256
            try db.execute(sql: """
                INSERT OR IGNORE INTO annexes (case_id, sha256, filename, content_type, size, body, revision, uploaded_by, uploaded_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                """, arguments: [caseID, sha, annex.filename, annex.contentType, annex.body.count, annex.body, revision, author, at])
            if db.changesCount > 0 {
                var event = audit
                event.action = "case.annex"
                try insertAudit(db, event, about: "case", caseID, country: country,
                                detail: "\(annex.filename), \(annex.body.count) bytes, sha256 \(sha)", at: at)
            }
        }
    }

    public func annexes(caseID: String) async throws -> [Annex] {
        try await read { db in
            try Row.fetchAll(db, sql: """
                SELECT case_id, sha256, filename, content_type, size, revision, uploaded_by, uploaded_at FROM annexes
                WHERE case_id = ? ORDER BY uploaded_at, filename
                """, arguments: [caseID]).map(Self.annex)
        }
    }

    public func annex(caseID: String, sha256: String) async throws -> (Annex, Data)? {
        try await read { db in
            try Row.fetchOne(db, sql: "SELECT * FROM annexes WHERE case_id = ? AND sha256 = ?", arguments: [caseID, sha256])
                .map { (Self.annex($0), $0["body"] as Data) }
        }
    }

    static func annex(_ row: Row) -> Annex {
        Annex(caseID: row["case_id"], sha256: row["sha256"], filename: row["filename"], contentType: row["content_type"],
              size: row["size"], revision: row["revision"], uploadedBy: row["uploaded_by"], uploadedAt: row["uploaded_at"])
    }

    public func cases() async throws -> [StoredCase] {
        try await read { db in try Row.fetchAll(db, sql: "SELECT * FROM cases ORDER BY created_at, id").map(Self.storedCase) }
    }

    public func storedCase(id: String) async throws -> StoredCase? {
        try await read { db in try Row.fetchOne(db, sql: "SELECT * FROM cases WHERE id = ?", arguments: [id]).map(Self.storedCase) }
    }

    public func revisions(caseID: String) async throws -> [CaseRevision] {
        try await read { db in
            try Row.fetchAll(db, sql: """
                SELECT case_id, number, format, sha256, size, author, created_at, validation FROM case_revisions
                WHERE case_id = ? ORDER BY number
                """, arguments: [caseID]).map(Self.revision)
        }
    }

    public func revision(caseID: String, number: Int) async throws -> (CaseRevision, Data)? {
        try await read { db in
            try Row.fetchOne(db, sql: "SELECT * FROM case_revisions WHERE case_id = ? AND number = ?",
                             arguments: [caseID, number]).map { (Self.revision($0), $0["body"] as Data) }
        }
    }

    public func submitCase(id: String, revision: Int, audit: AuditEvent) async throws -> StoredCase {
        let at = now()
        return try await write { db in
            guard let row = try Row.fetchOne(db, sql: "SELECT * FROM cases WHERE id = ?", arguments: [id]) else {
                throw StoreError(.notFound, "no such case")
            }
            var stored = Self.storedCase(row)
            guard stored.status == .draft else { throw StoreError(.conflict, "the case was already submitted") }
            guard revision >= 1, revision <= stored.latestRevision else {
                throw StoreError(.invalid, "revision \(revision): the case has revisions 1 to \(stored.latestRevision)")
            }
            try db.execute(sql: "UPDATE cases SET status = 'submitted', submitted_revision = ? WHERE id = ?",
                           arguments: [revision, id])
            stored.status = .submitted
            stored.submittedRevision = revision
            try self.insertAudit(db, audit, about: "case", id, country: stored.country, detail: "revision \(revision)", at: at)
            return stored
        }
    }
}
