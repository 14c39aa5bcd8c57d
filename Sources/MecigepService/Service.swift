import Foundation
import Hummingbird
import Logging
import MecigepStore
import NIOCore

/// The Secretariat's service: the process of a peer-review round (cases and their revisions,
/// rounds, assessments, peer input, agreed levels, reports) shared by the States, over a JSON
/// API. The engine runs in worker processes; the store keeps everything and the audit log.
public final class Service: Sendable {
    public let store: any ServiceStore
    public let configuration: ServiceConfiguration
    let workers: WorkerPool
    let metrics = Metrics()
    let throttle: LoginThrottle
    let logger: Logger
    let clock: @Sendable () -> Date

    public init(store: any ServiceStore, configuration: ServiceConfiguration, clock: @escaping @Sendable () -> Date = { Date() }) {
        self.store = store
        self.configuration = configuration
        self.workers = WorkerPool(configuration: configuration)
        self.throttle = LoginThrottle(limit: configuration.loginAttempts, window: configuration.loginWindowSeconds)
        var logger = Logger(label: "mecigep.serve")
        logger.logLevel = .info
        self.logger = logger
        self.clock = clock
    }

    /// The router with every route of the table.
    public func router() -> Router<ServiceContext> {
        let router = Router(context: ServiceContext.self)
        for route in Self.routes {
            router.on(RouterPath(route.routerPath), method: route.method) { [self] request, context in
                await route.respond(request, context, self)
            }
        }
        return router
    }

    /// The HTTP application; `onRunning` receives the port it listens on (useful with port 0).
    public func application(onRunning: @escaping @Sendable (Int) async -> Void = { _ in })
        -> some ApplicationProtocol {
        Application(router: router(),
                    configuration: .init(address: .hostname(configuration.host, port: configuration.port),
                                         serverName: "mecigep"),
                    onServerRunning: { channel in await onRunning(channel.localAddress?.port ?? 0) },
                    logger: logger)
    }

    /// Who sent the request: a session cookie or an API token; nil when neither (or either is
    /// expired, revoked or of a disabled account).
    func identify(_ request: Request) async throws -> Caller? {
        if let authorization = request.headers[.authorization], authorization.hasPrefix("Bearer ") {
            let hash = Secrets.hash(String(authorization.dropFirst(7)))
            guard let user = try await store.tokenUser(tokenHash: hash) else { throw APIError.unauthorized }
            return Caller(user: user, credential: .token)
        }
        if let cookie = request.cookies[Self.sessionCookie]?.value, !cookie.isEmpty {
            let hash = Secrets.hash(cookie)
            if let session = try await store.session(tokenHash: hash, now: SQLiteStore.timestamp(clock())) {
                return Caller(user: session.user, credential: .session(tokenHash: hash, csrf: session.csrf))
            }
        }
        return nil
    }

    static let sessionCookie = "mecigep_session"

    /// Today, YYYY-MM-DD (UTC).
    func today() -> String { String(SQLiteStore.timestamp(clock()).prefix(10)) }
}
