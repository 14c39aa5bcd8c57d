import Foundation
import GRDB

/// Restoring a backup, and the lock that keeps two services (or a restore and a service) off
/// the same data folder.
public enum StoreMaintenance {
    /// Puts `backup` in place of `directory`'s database after checking it; returns the database's path.
    /// The database it replaces (with its WAL) is kept beside it, renamed `.replaced-TIMESTAMP`.
    public static func restore(backup: String, into directory: String) throws -> String {
        let lock = try DataLock(directory: directory)
        defer { lock.release() }
        guard FileManager.default.fileExists(atPath: backup) else { throw StoreError(.notFound, "\(backup): no such file") }
        do {
            var config = Configuration()
            config.readonly = true
            let queue = try DatabaseQueue(path: backup, configuration: config)
            let (check, migrations) = try queue.read { db in
                (try String.fetchOne(db, sql: "PRAGMA integrity_check") ?? "", try SQLiteSchema.migrator.appliedMigrations(db))
            }
            try queue.close()
            guard check == "ok" else { throw StoreError(.invalid, "\(backup): the SQLite integrity check says: \(check)") }
            guard !migrations.isEmpty else { throw StoreError(.invalid, "\(backup): not a mecigep database (no migrations applied)") }
        } catch let error as StoreError { throw error } catch {
            throw StoreError(.invalid, "\(backup): not a readable SQLite database (\(error))")
        }
        let fm = FileManager.default
        let database = (directory as NSString).appendingPathComponent("mecigep.sqlite")
        let incoming = database + ".restoring"
        try? fm.removeItem(atPath: incoming)
        try fm.copyItem(atPath: backup, toPath: incoming)
        let stamp = ISO8601DateFormatter().string(from: Date()).replacingOccurrences(of: ":", with: "")
        for suffix in ["", "-wal", "-shm"] where fm.fileExists(atPath: database + suffix) {
            try fm.moveItem(atPath: database + suffix, toPath: database + ".replaced-" + stamp + suffix)
        }
        try fm.moveItem(atPath: incoming, toPath: database)
        return database
    }
}

/// An exclusive lock on a data folder (`DIR/serve.lock`, flock), held while a service runs.
public final class DataLock: Sendable {
    let descriptor: Int32

    /// Takes the lock, or throws when another process holds it.
    public init(directory: String) throws {
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let path = (directory as NSString).appendingPathComponent("serve.lock")
        descriptor = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else { throw StoreError(.unavailable, "\(path): cannot open the lock file") }
        guard flock(descriptor, LOCK_EX | LOCK_NB) == 0 else {
            close(descriptor)
            throw StoreError(.conflict, "\(directory) is in use by a running `mecigep serve` (or a restore); stop it first")
        }
    }

    public func release() { flock(descriptor, LOCK_UN); close(descriptor) }
}
