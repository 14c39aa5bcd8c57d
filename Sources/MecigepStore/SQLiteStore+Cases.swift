import Foundation
import GRDB

extension SQLiteStore {
    public func createCase(id: String, country: String, title: String, format: String, body: Data, validation: String?,
                           author: String, audit: AuditEvent) async throws -> StoredCase {
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
            return StoredCase(id: id, country: country, title: title, status: .draft, submittedRevision: nil, latestRevision: 1,
                              createdBy: author, createdAt: at)
        }
    }

    public func addRevision(caseID: String, title: String, format: String, body: Data, validation: String?,
                            author: String, audit: AuditEvent) async throws -> CaseRevision {
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
            return CaseRevision(caseID: caseID, number: number, format: format, sha256: sha, size: body.count, author: author,
                                createdAt: at, validation: validation)
        }
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
