import Foundation
import GRDB
import MecigepEngine
@testable import MecigepStore
import Testing

/// The store's promises: the audit log only grows, revisions never change, a backup restores
/// to the same content, and two services cannot share a data folder.
@Suite struct StoreTests {
    func temporaryFolder() -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("mecigep-store-" + UUID().uuidString).path
    }

    func seeded(_ folder: String) async throws -> (SQLiteStore, User, StoredCase) {
        let store = try SQLiteStore(directory: folder)
        let user = try await store.createUser(username: "br", passwordHash: "x", role: .beneficiary, country: "BR", language: "pt",
                                              audit: AuditEvent(user: nil, action: "user.add"))
        let stored = try await store.createCase(id: Identifier.make(), country: "BR", title: "Orçamento", format: "yaml",
                                                body: Data("id: X\n".utf8), validation: nil, author: user.id,
                                                audit: AuditEvent(user: user, action: "case.upload"))
        return (store, user, stored)
    }

    @Test("the audit log refuses UPDATE and DELETE, even in raw SQL")
    func auditAppendOnly() async throws {
        let folder = temporaryFolder()
        let (store, _, _) = try await seeded(folder)
        #expect(throws: DatabaseError.self) { try store.pool.write { db in try db.execute(sql: "UPDATE audit_log SET action = 'x'") } }
        #expect(throws: DatabaseError.self) { try store.pool.write { db in try db.execute(sql: "DELETE FROM audit_log") } }
        #expect(try await store.audit(limit: 10, action: nil, user: nil).count == 2)
        try? FileManager.default.removeItem(atPath: folder)
    }

    @Test("case revisions are immutable; a submitted case takes no more revisions")
    func revisionsImmutable() async throws {
        let folder = temporaryFolder()
        let (store, user, stored) = try await seeded(folder)
        #expect(throws: DatabaseError.self) {
            try store.pool.write { db in try db.execute(sql: "UPDATE case_revisions SET body = x'00'") }
        }
        let second = try await store.addRevision(caseID: stored.id, title: "t", format: "json", body: Data("{}".utf8), validation: nil,
                                                 author: user.id, audit: AuditEvent(user: user, action: "case.revision"))
        #expect(second.number == 2)
        #expect(second.sha256 == SQLiteStore.sha256(Data("{}".utf8)))
        _ = try await store.submitCase(id: stored.id, revision: 2, audit: AuditEvent(user: user, action: "case.submit"))
        await #expect(throws: StoreError.self) {
            _ = try await store.addRevision(caseID: stored.id, title: "t", format: "json", body: Data("{}".utf8), validation: nil,
                                            author: user.id, audit: AuditEvent(user: user, action: "case.revision"))
        }
        // The refused revision left no audit entry behind: a change and its entry go together.
        #expect(try await store.audit(limit: 10, action: "case.revision", user: nil).count == 1)
        try? FileManager.default.removeItem(atPath: folder)
    }

    /// Guards the hand-written timestamp against the system formatter it replaced, over dates
    /// from 1970 to 2100 with every millisecond position.
    @Test("property: timestamps are the text ISO8601DateFormatter writes, over 5,000 dates")
    func timestamps() {
        let reference = ISO8601DateFormatter()
        reference.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        reference.timeZone = TimeZone(identifier: "UTC")
        var generator = SplitMix64(seed: 1205)
        var mismatches: [String] = []
        for _ in 0..<5000 {
            let millis = Double(UInt64.random(in: 0...4_102_444_800_000, using: &generator))
            let date = Date(timeIntervalSince1970: millis / 1000)
            let ours = SQLiteStore.timestamp(date), theirs = reference.string(from: date)
            if ours != theirs { mismatches.append("\(ours) vs \(theirs)") }
        }
        #expect(mismatches.isEmpty, "\(mismatches.prefix(5))")
        #expect(SQLiteStore.timestamp(Date(timeIntervalSince1970: 0)) == "1970-01-01T00:00:00.000Z")
    }

    @Test("annexes are kept by hash with the revision that brought them, once each, audited, never changed")
    func annexes() async throws {
        let folder = temporaryFolder()
        let (store, user, stored) = try await seeded(folder)
        let pdf = NewAnnex(filename: "acta.pdf", contentType: "application/pdf", body: Data("%PDF acta".utf8))
        _ = try await store.addRevision(caseID: stored.id, title: "t", format: "json", body: Data("{}".utf8), validation: nil,
                                        annexes: [pdf], author: user.id, audit: AuditEvent(user: user, action: "case.revision"))
        _ = try await store.addRevision(caseID: stored.id, title: "t", format: "json", body: Data("{\"a\":1}".utf8), validation: nil,
                                        annexes: [pdf], author: user.id, audit: AuditEvent(user: user, action: "case.revision"))
        let list = try await store.annexes(caseID: stored.id)
        #expect(list.map(\.sha256) == [pdf.sha256] && list.first?.revision == 2 && list.first?.size == pdf.body.count)
        #expect(try await store.annex(caseID: stored.id, sha256: pdf.sha256)?.1 == pdf.body)
        #expect(try await store.annex(caseID: "other", sha256: pdf.sha256) == nil)
        #expect(try await store.audit(limit: 10, action: "case.annex", user: nil).count == 1)
        #expect(throws: DatabaseError.self) { try store.pool.write { db in try db.execute(sql: "UPDATE annexes SET body = x'00'") } }
        #expect(throws: DatabaseError.self) { try store.pool.write { db in try db.execute(sql: "DELETE FROM annexes") } }
        try? FileManager.default.removeItem(atPath: folder)
    }

    @Test("a backup taken while open restores the same accounts, cases and audit log")
    func backupAndRestore() async throws {
        let folder = temporaryFolder(), other = temporaryFolder()
        let (store, _, stored) = try await seeded(folder)
        let file = folder + "-backup.sqlite"
        try await store.backup(to: file)
        let path = try StoreMaintenance.restore(backup: file, into: other)
        #expect(path.hasSuffix("mecigep.sqlite"))
        let restored = try SQLiteStore(directory: other)
        #expect(try await restored.storedCase(id: stored.id) == stored)
        #expect(try await restored.users() == store.users())
        #expect(try await restored.audit(limit: 100, action: nil, user: nil) == store.audit(limit: 100, action: nil, user: nil))
        #expect(try restored.appliedMigrations() == ["1-service", "2-follow-up", "3-annexes"])
        // Not a database: refused, and nothing replaced.
        let junk = folder + "-junk.sqlite"
        try Data("not a database".utf8).write(to: URL(fileURLWithPath: junk))
        #expect(throws: StoreError.self) { _ = try StoreMaintenance.restore(backup: junk, into: other) }
        #expect(try await restored.storedCase(id: stored.id) == stored)
        for p in [folder, other, file, junk] { try? FileManager.default.removeItem(atPath: p) }
    }

    @Test("one data folder, one service: the second lock is refused until the first is released")
    func dataLock() throws {
        let folder = temporaryFolder()
        let first = try DataLock(directory: folder)
        #expect(throws: StoreError.self) { _ = try DataLock(directory: folder) }
        first.release()
        let second = try DataLock(directory: folder)
        second.release()
        try? FileManager.default.removeItem(atPath: folder)
    }

    @Test("identifiers are 26 base-32 characters and do not repeat over 10,000 draws")
    func identifiers() {
        let ids = (0..<10_000).map { _ in Identifier.make() }
        #expect(Set(ids).count == ids.count)
        #expect(ids.allSatisfy { $0.count == 26 && $0.allSatisfy { "abcdefghijklmnopqrstuvwxyz234567".contains($0) } })
    }
}
