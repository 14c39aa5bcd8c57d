import Foundation
import HummingbirdBcrypt
import MecigepEngine
import MecigepStore

/// How the caller proved who they are.
struct Caller: Sendable {
    enum Credential: Sendable {
        /// A session cookie; unsafe methods must also send its CSRF token.
        case session(tokenHash: String, csrf: String)
        /// An API token (scripts); no cookie, so no CSRF.
        case token
    }
    var user: User
    var credential: Credential
}

/// Passwords (bcrypt) and secrets (random, stored as SHA-256).
public enum Secrets {
    /// A bcrypt hash of `password`, computed off the cooperative thread pool.
    public static func hashPassword(_ password: String, cost: UInt8) async -> String {
        await withCheckedContinuation { continuation in
            DispatchQueue.global().async { continuation.resume(returning: Bcrypt.hash(password, cost: cost)) }
        }
    }

    static func verify(_ password: String, hash: String) async -> Bool {
        await withCheckedContinuation { continuation in
            DispatchQueue.global().async { continuation.resume(returning: Bcrypt.verify(password, hash: hash)) }
        }
    }

    /// A new secret: 256 random bits, URL-safe.
    static func token() -> String { Identifier.make(bytes: 32) }

    static func hash(_ secret: String) -> String {
        SHA256.hex(of: Data(secret.utf8))
    }

    /// A password must be at least 12 characters long.
    public static func checkPassword(_ password: String) -> String? {
        password.count < 12 ? "a password has at least 12 characters" : nil
    }

    /// Comparison that takes the same time whatever the first differing byte.
    static func equal(_ a: String, _ b: String) -> Bool {
        let x = Array(a.utf8), y = Array(b.utf8)
        guard x.count == y.count else { return false }
        var diff: UInt8 = 0
        for i in 0..<x.count { diff |= x[i] ^ y[i] }
        return diff == 0
    }
}

/// Failed sign-ins per account and per address, within a sliding window. After too many the
/// next attempts get 429 until the window passes, whether the password is right or not.
actor LoginThrottle {
    private var failures: [String: [Date]] = [:]
    let limit: Int
    let window: TimeInterval

    init(limit: Int, window: TimeInterval) { self.limit = limit; self.window = window }

    /// Seconds to wait, or nil when an attempt is allowed.
    func retryAfter(keys: [String], now: Date = Date()) -> Int? {
        var wait: TimeInterval = 0
        for key in keys {
            let recent = (failures[key] ?? []).filter { now.timeIntervalSince($0) < window }
            failures[key] = recent
            if recent.count >= limit, let oldest = recent.first { wait = max(wait, window - now.timeIntervalSince(oldest)) }
        }
        return wait > 0 ? Int(wait.rounded(.up)) : nil
    }

    func failed(keys: [String], now: Date = Date()) { for key in keys { failures[key, default: []].append(now) } }
    func succeeded(keys: [String]) { for key in keys { failures[key] = nil } }
}
