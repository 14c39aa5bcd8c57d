import Crypto
import Foundation
import GRDB

/// The service's store in one SQLite file (`DIR/mecigep.sqlite`): WAL mode, foreign keys on,
/// migrations run when opened. Each change and its audit entry are one transaction, so a process
/// killed at any moment leaves either both or neither.
public final class SQLiteStore: ServiceStore {
    let pool: DatabasePool
    let clock: @Sendable () -> Date
    /// The database file.
    public let path: String

    /// Opens (creating when absent) the database in `directory` and brings its schema up to date.
    public init(directory: String, clock: @escaping @Sendable () -> Date = { Date() }) throws {
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        path = (directory as NSString).appendingPathComponent("mecigep.sqlite")
        var config = Configuration()
        config.foreignKeysEnabled = true
        config.busyMode = .timeout(10)
        config.prepareDatabase { db in
            try db.execute(sql: "PRAGMA synchronous = FULL")
        }
        do {
            pool = try DatabasePool(path: path, configuration: config)
            try SQLiteSchema.migrator.migrate(pool)
        } catch {
            throw StoreError(.unavailable, "\(path): cannot open the database: \(error)")
        }
        self.clock = clock
    }

    /// The names of the migrations applied, oldest first.
    public func appliedMigrations() throws -> [String] {
        try pool.read { db in try SQLiteSchema.migrator.appliedMigrations(db) }
    }

    // MARK: helpers

    func now() -> String { Self.timestamp(clock()) }

    /// UTC, millisecond precision, sortable as text (`2026-12-05T08:25:03.815Z`). Written by
    /// hand from `gmtime_r`: called on every request and write, where building a date formatter
    /// each time showed; the same text as ISO8601DateFormatter with fractional seconds.
    public static func timestamp(_ date: Date) -> String {
        let interval = date.timeIntervalSince1970
        var seconds = time_t(interval.rounded(.down))
        var millis = Int(((interval - Double(seconds)) * 1000).rounded())
        if millis == 1000 { seconds += 1; millis = 0 }
        var parts = tm()
        gmtime_r(&seconds, &parts)
        func pad(_ n: Int32, _ width: Int) -> String {
            let digits = String(n)
            return String(repeating: "0", count: max(0, width - digits.count)) + digits
        }
        return pad(parts.tm_year + 1900, 4) + "-" + pad(parts.tm_mon + 1, 2) + "-" + pad(parts.tm_mday, 2) + "T"
            + pad(parts.tm_hour, 2) + ":" + pad(parts.tm_min, 2) + ":" + pad(parts.tm_sec, 2) + "." + pad(Int32(millis), 3) + "Z"
    }

    public static func sha256(_ data: Data) -> String {
        SHA256.hash(data: data).map { String(format: "%02x", $0) }.joined()
    }

    func write<T: Sendable>(_ body: @escaping @Sendable (Database) throws -> T) async throws -> T {
        try await translatingErrors { try await pool.write(body) }
    }

    func read<T: Sendable>(_ body: @escaping @Sendable (Database) throws -> T) async throws -> T {
        try await translatingErrors { try await pool.read(body) }
    }

    /// SQLite's errors as `StoreError`s (a `StoreError` thrown inside a transaction passes through).
    private func translatingErrors<T>(_ body: () async throws -> T) async throws -> T {
        do { return try await body() } catch let error as DatabaseError { throw Self.translate(error) }
    }

    static func translate(_ error: DatabaseError) -> StoreError {
        switch error.extendedResultCode {
        case .SQLITE_CONSTRAINT_UNIQUE, .SQLITE_CONSTRAINT_PRIMARYKEY: return StoreError(.conflict, "already exists")
        case .SQLITE_CONSTRAINT_FOREIGNKEY: return StoreError(.notFound, "refers to something that does not exist")
        case .SQLITE_CONSTRAINT_CHECK, .SQLITE_CONSTRAINT_NOTNULL: return StoreError(.invalid, error.message ?? "invalid")
        default: return StoreError(.unavailable, "database: \(error.message ?? "\(error.resultCode)")")
        }
    }

    /// Records `audit` as being about one object (its country and detail, unless the caller gave them).
    func insertAudit(_ db: Database, _ audit: AuditEvent, about type: String, _ id: String, country: String? = nil,
                     detail: String? = nil, at: String) throws {
        var e = audit
        e.objectType = type
        e.objectID = id
        e.country = e.country ?? country
        e.detail = e.detail ?? detail
        try insertAudit(db, e, at: at)
    }

    func insertAudit(_ db: Database, _ e: AuditEvent, at: String) throws {
        try db.execute(sql: """
            INSERT INTO audit_log (at, user_id, username, role, action, object_type, object_id, country, detail)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
            """, arguments: [at, e.user?.id, e.user?.username ?? e.username, e.user?.role.rawValue, e.action,
                             e.objectType, e.objectID, e.country, e.detail])
    }

    static func user(_ row: Row) -> User {
        User(id: row["id"], username: row["username"], role: Role(rawValue: row["role"]) ?? .peer, country: row["country"],
             language: row["language"], disabled: row["disabled"], createdAt: row["created_at"])
    }

    static func storedCase(_ row: Row) -> StoredCase {
        StoredCase(id: row["id"], country: row["country"], title: row["title"],
                   status: StoredCase.Status(rawValue: row["status"]) ?? .draft, submittedRevision: row["submitted_revision"],
                   latestRevision: row["latest_revision"], createdBy: row["created_by"], createdAt: row["created_at"])
    }

    static func revision(_ row: Row) -> CaseRevision {
        CaseRevision(caseID: row["case_id"], number: row["number"], format: row["format"], sha256: row["sha256"],
                     size: row["size"], author: row["author"], createdAt: row["created_at"], validation: row["validation"])
    }

    static func round(_ db: Database, _ row: Row) throws -> StoredRound {
        let id: String = row["id"]
        let peers = try Row.fetchAll(db, sql: "SELECT country, institution FROM round_peers WHERE round_id = ? ORDER BY rowid",
                                     arguments: [id]).map { RoundPeer(country: $0["country"], institution: $0["institution"]) }
        return StoredRound(id: id, caseID: row["case_id"], country: row["country"], revision: row["revision"],
                           framework: row["framework"], language: row["language"],
                           status: StoredRound.Status(rawValue: row["status"]) ?? .open, peers: peers,
                           followUpRequested: row["follow_up_requested"], openedBy: row["opened_by"],
                           openedAt: row["opened_at"], publishedAt: row["published_at"])
    }

    static func requireRound(_ db: Database, _ id: String, open: Bool) throws -> StoredRound {
        guard let row = try Row.fetchOne(db, sql: "SELECT * FROM rounds WHERE id = ?", arguments: [id]) else {
            throw StoreError(.notFound, "no such round")
        }
        let round = try Self.round(db, row)
        if open, round.status != .open { throw StoreError(.conflict, "the round is published; it no longer changes") }
        return round
    }
}
