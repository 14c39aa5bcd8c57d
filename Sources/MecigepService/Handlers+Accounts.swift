import Foundation
import Hummingbird
import MecigepStore

extension Service {
    func login(_ call: Call) async throws -> Response {
        let fields = Fields(try await call.object(limit: 64 << 10))
        let (user, token, csrf) = try await signIn(try fields.require("username", max: 200), try fields.require("password", max: 1000),
                                                   address: call.remoteAddress)
        var response = try Reply.json(Me(user: user, csrfToken: csrf))
        response.setCookie(sessionCookie(token))
        return response
    }

    func sessionCookie(_ token: String) -> Cookie {
        Cookie(name: Self.sessionCookie, value: token, maxAge: configuration.sessionSeconds, path: "/", secure: true, httpOnly: true,
               sameSite: .strict)
    }

    /// Checks a password (throttled) and opens a session: the user, the cookie's token, the CSRF token.
    func signIn(_ username: String, _ password: String, address: String) async throws -> (User, String, String) {
        let keys = ["user:" + username, "address:" + address]
        if let wait = await throttle.retryAfter(keys: keys, now: clock()) {
            try await store.record(AuditEvent(user: nil, action: "login.throttled", username: username))
            throw APIError(status: .tooManyRequests, code: "throttled", message: "too many failed sign-ins; try again in \(wait) s",
                           retryAfter: wait)
        }
        // An unknown account costs the same bcrypt check as a known one, so timing tells nothing.
        let found = try await store.credentials(username: username)
        let matches = await Secrets.verify(password, hash: found?.1 ?? Self.decoyHash)
        guard let (user, _) = found, !user.disabled, matches else {
            await throttle.failed(keys: keys, now: clock())
            try await store.record(AuditEvent(user: nil, action: "login.failed", username: username))
            throw APIError(status: .unauthorized, code: "unauthorized", message: "wrong username or password")
        }
        await throttle.succeeded(keys: ["user:" + username])
        let token = Secrets.token(), csrf = Secrets.token()
        let expires = clock().addingTimeInterval(Double(configuration.sessionSeconds))
        try await store.createSession(tokenHash: Secrets.hash(token), userID: user.id, csrf: csrf,
                                      expiresAt: SQLiteStore.timestamp(expires),
                                      audit: AuditEvent(user: user, action: "login", objectType: "user", objectID: user.id,
                                                        country: user.country))
        return (user, token, csrf)
    }

    func logout(_ call: Call) async throws -> Response {
        let user = try call.user
        if case .session(let hash, _) = call.caller?.credential {
            try await store.deleteSession(tokenHash: hash, audit: AuditEvent(user: user, action: "logout"))
        }
        var response = Reply.object(["signed_out": true])
        response.setCookie(Cookie(name: Self.sessionCookie, value: "", maxAge: 0, path: "/", secure: true, httpOnly: true,
                                  sameSite: .strict))
        return response
    }

    /// A bcrypt hash of nothing anyone knows, checked when the username is unknown.
    static let decoyHash = "$2b$12$C6UzMDM.H6dfI/f/IKcEeO5lJ1Z0Ff6sI0a4eQk5Yx8y1b7B2QZ1W"

    struct Me: Encodable {
        var user: User
        var csrfToken: String?
    }

    func me(_ call: Call) async throws -> Response {
        var csrf: String?
        if case .session(_, let token) = call.caller?.credential { csrf = token }
        return try Reply.json(Me(user: try call.user, csrfToken: csrf))
    }

    func setLanguage(_ call: Call) async throws -> Response {
        var user = try call.user
        let language = try Fields(try await call.object(limit: 4096)).require("language", max: 8)
        guard serviceLanguages.contains(language) else { throw APIError.unprocessable("language: one of en, es, pt, fr") }
        try await store.setLanguage(userID: user.id, language)
        user.language = language
        return try Reply.json(Me(user: user, csrfToken: nil))
    }

    struct NewToken: Encodable {
        var token: APIToken
        /// The secret, shown this once.
        var secret: String
    }

    func createToken(_ call: Call) async throws -> Response {
        let user = try call.user
        let name = try Fields(try await call.object(limit: 4096)).require("name", max: 200)
        let secret = "mct_" + Secrets.token()
        let token = try await store.createToken(id: Identifier.make(), tokenHash: Secrets.hash(secret), userID: user.id, name: name,
                                                audit: AuditEvent(user: user, action: "token.create", detail: name))
        return try Reply.json(NewToken(token: token, secret: secret), status: .created)
    }

    func listTokens(_ call: Call) async throws -> Response {
        try Reply.json(["tokens": try await store.tokens(userID: try call.user.id)])
    }

    func deleteToken(_ call: Call) async throws -> Response {
        let user = try call.user
        try await store.deleteToken(id: try call.parameter("token"), userID: user.id,
                                    audit: AuditEvent(user: user, action: "token.delete"))
        return Reply.object(["deleted": true])
    }
}
