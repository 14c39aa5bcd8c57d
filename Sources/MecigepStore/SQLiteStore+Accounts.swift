import Foundation
import GRDB

extension SQLiteStore {
    public func createUser(username: String, passwordHash: String, role: Role, country: String?, language: String,
                           audit: AuditEvent) async throws -> User {
        if role.hasCountry, country == nil { throw StoreError(.invalid, "a \(role.rawValue) account needs --country") }
        if !role.hasCountry, country != nil { throw StoreError(.invalid, "a \(role.rawValue) account has no country") }
        let user = User(id: Identifier.make(), username: username, role: role, country: country, language: language,
                        disabled: false, createdAt: now())
        return try await write { db in
            if try Bool.fetchOne(db, sql: "SELECT 1 FROM users WHERE username = ?", arguments: [username]) != nil {
                throw StoreError(.conflict, "an account named \(username) already exists")
            }
            try db.execute(sql: """
                INSERT INTO users (id, username, password_hash, role, country, language, disabled, created_at)
                VALUES (?, ?, ?, ?, ?, ?, 0, ?)
                """, arguments: [user.id, username, passwordHash, role.rawValue, country, language, user.createdAt])
            try self.insertAudit(db, audit, about: "user", user.id, country: country, at: user.createdAt)
            return user
        }
    }

    public func users() async throws -> [User] {
        try await read { db in try Row.fetchAll(db, sql: "SELECT * FROM users ORDER BY username").map(Self.user) }
    }

    public func user(id: String) async throws -> User? {
        try await read { db in try Row.fetchOne(db, sql: "SELECT * FROM users WHERE id = ?", arguments: [id]).map(Self.user) }
    }

    public func credentials(username: String) async throws -> (User, String)? {
        try await read { db in
            try Row.fetchOne(db, sql: "SELECT * FROM users WHERE username = ?", arguments: [username]).map {
                (Self.user($0), $0["password_hash"] as String)
            }
        }
    }

    public func setDisabled(username: String, _ disabled: Bool, audit: AuditEvent) async throws -> User {
        let at = now()
        return try await write { db in
            guard let row = try Row.fetchOne(db, sql: "SELECT * FROM users WHERE username = ?", arguments: [username]) else {
                throw StoreError(.notFound, "no account named \(username)")
            }
            var user = Self.user(row)
            try db.execute(sql: "UPDATE users SET disabled = ? WHERE id = ?", arguments: [disabled, user.id])
            if disabled {
                // A disabled account signs out everywhere and its tokens stop working.
                try db.execute(sql: "DELETE FROM sessions WHERE user_id = ?", arguments: [user.id])
                try db.execute(sql: "DELETE FROM api_tokens WHERE user_id = ?", arguments: [user.id])
            }
            user.disabled = disabled
            try self.insertAudit(db, audit, about: "user", user.id, country: user.country, at: at)
            return user
        }
    }

    public func setLanguage(userID: String, _ language: String) async throws {
        try await write { db in
            try db.execute(sql: "UPDATE users SET language = ? WHERE id = ?", arguments: [language, userID])
        }
    }

    public func createSession(tokenHash: String, userID: String, csrf: String, expiresAt: String, audit: AuditEvent) async throws {
        let at = now()
        try await write { db in
            try db.execute(sql: "DELETE FROM sessions WHERE expires_at < ?", arguments: [at])
            try db.execute(sql: "INSERT INTO sessions (token_hash, user_id, csrf, created_at, expires_at) VALUES (?, ?, ?, ?, ?)",
                           arguments: [tokenHash, userID, csrf, at, expiresAt])
            try self.insertAudit(db, audit, at: at)
        }
    }

    public func session(tokenHash: String, now: String) async throws -> StoredSession? {
        try await read { db in
            guard let row = try Row.fetchOne(db, sql: """
                SELECT users.*, sessions.csrf AS s_csrf, sessions.expires_at AS s_expires FROM sessions
                JOIN users ON users.id = sessions.user_id
                WHERE sessions.token_hash = ? AND sessions.expires_at > ? AND users.disabled = 0
                """, arguments: [tokenHash, now]) else { return nil }
            return StoredSession(user: Self.user(row), csrf: row["s_csrf"], expiresAt: row["s_expires"])
        }
    }

    public func deleteSession(tokenHash: String, audit: AuditEvent) async throws {
        let at = now()
        try await write { db in
            try db.execute(sql: "DELETE FROM sessions WHERE token_hash = ?", arguments: [tokenHash])
            try self.insertAudit(db, audit, at: at)
        }
    }

    public func createToken(id: String, tokenHash: String, userID: String, name: String, audit: AuditEvent) async throws -> APIToken {
        let at = now()
        return try await write { db in
            try db.execute(sql: "INSERT INTO api_tokens (id, token_hash, user_id, name, created_at) VALUES (?, ?, ?, ?, ?)",
                           arguments: [id, tokenHash, userID, name, at])
            try self.insertAudit(db, audit, about: "token", id, at: at)
            return APIToken(id: id, name: name, createdAt: at, lastUsedAt: nil)
        }
    }

    public func tokens(userID: String) async throws -> [APIToken] {
        try await read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM api_tokens WHERE user_id = ? ORDER BY created_at", arguments: [userID]).map {
                APIToken(id: $0["id"], name: $0["name"], createdAt: $0["created_at"], lastUsedAt: $0["last_used_at"])
            }
        }
    }

    /// The account of an API token. `last_used_at` is kept to the minute: a script reading every
    /// second costs one write a minute, not one write transaction per request.
    public func tokenUser(tokenHash: String) async throws -> User? {
        let at = now()
        let found = try await read { db -> (user: User, id: String, used: String?)? in
            try Row.fetchOne(db, sql: """
                SELECT users.*, api_tokens.id AS t_id, api_tokens.last_used_at AS t_used FROM api_tokens
                JOIN users ON users.id = api_tokens.user_id
                WHERE api_tokens.token_hash = ? AND users.disabled = 0
                """, arguments: [tokenHash]).map { (Self.user($0), $0["t_id"], $0["t_used"]) }
        }
        guard let found else { return nil }
        if found.used.map({ $0.prefix(16) != at.prefix(16) }) ?? true {
            try await write { db in
                try db.execute(sql: "UPDATE api_tokens SET last_used_at = ? WHERE id = ?", arguments: [at, found.id])
            }
        }
        return found.user
    }

    public func deleteToken(id: String, userID: String, audit: AuditEvent) async throws {
        let at = now()
        try await write { db in
            try db.execute(sql: "DELETE FROM api_tokens WHERE id = ? AND user_id = ?", arguments: [id, userID])
            guard db.changesCount == 1 else { throw StoreError(.notFound, "no such token") }
            try self.insertAudit(db, audit, about: "token", id, at: at)
        }
    }

    public func record(_ audit: AuditEvent) async throws {
        let at = now()
        try await write { db in try self.insertAudit(db, audit, at: at) }
    }

    public func audit(limit: Int, action: String?, user: String?) async throws -> [AuditEntry] {
        try await read { db in
            var sql = "SELECT * FROM audit_log WHERE 1 = 1"
            var arguments: StatementArguments = []
            if let action { sql += " AND action = ?"; arguments += [action] }
            if let user { sql += " AND username = ?"; arguments += [user] }
            sql += " ORDER BY seq DESC LIMIT ?"
            arguments += [limit]
            return try Row.fetchAll(db, sql: sql, arguments: arguments).map {
                AuditEntry(seq: $0["seq"], at: $0["at"], userID: $0["user_id"], username: $0["username"], role: $0["role"],
                           action: $0["action"], objectType: $0["object_type"], objectID: $0["object_id"],
                           country: $0["country"], detail: $0["detail"])
            }
        }
    }

    public func backup(to path: String) async throws {
        let temporary = path + ".partial"
        try? FileManager.default.removeItem(atPath: temporary)
        do {
            let destination = try DatabaseQueue(path: temporary)
            try pool.backup(to: destination)
            try destination.close()
        } catch {
            try? FileManager.default.removeItem(atPath: temporary)
            throw StoreError(.unavailable, "\(path): backup failed: \(error)")
        }
        if FileManager.default.fileExists(atPath: path) { try FileManager.default.removeItem(atPath: path) }
        try FileManager.default.moveItem(atPath: temporary, toPath: path)
    }
}

/// Random identifiers for objects and secrets: not guessable, so a URL tells nothing about another
/// country's objects.
public enum Identifier {
    /// 128 random bits as 26 lowercase base-32 characters.
    public static func make(bytes: Int = 16) -> String {
        var generator = SystemRandomNumberGenerator()
        let alphabet = Array("abcdefghijklmnopqrstuvwxyz234567")
        var bits = 0, value = 0, out = ""
        for _ in 0..<bytes {
            value = (value << 8) | Int(UInt8.random(in: .min ... .max, using: &generator))
            bits += 8
            while bits >= 5 { bits -= 5; out.append(alphabet[(value >> bits) & 31]) }
            value &= (1 << bits) - 1
        }
        if bits > 0 { out.append(alphabet[(value << (5 - bits)) & 31]) }
        return out
    }
}
