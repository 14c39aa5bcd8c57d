import Foundation
import HTTPTypes
import Hummingbird
import MecigepStore

/// One request being answered: the request, its path parameters and who is asking.
struct Call: Sendable {
    var request: Request
    var parameters: Parameters
    var caller: Caller?
    var remoteAddress: String

    /// The signed-in user (routes that need one are only reached with one).
    var user: User {
        get throws {
            guard let caller else { throw APIError.unauthorized }
            return caller.user
        }
    }

    func parameter(_ name: String) throws -> String {
        guard let value = parameters.get(name) else { throw APIError.notFound() }
        return value
    }
}

/// A route of the API: its method and path (OpenAPI style, `{name}` for parameters), who may
/// call it, what it takes and gives (component names in docs/openapi.json), and its handler.
/// The route table (`Service.routes`) is the one list the router, the OpenAPI document and the
/// access matrix test are built from.
struct Route: Sendable {
    enum Auth: Sendable { case none, signedIn }
    let method: HTTPRequest.Method
    let path: String
    let summary: String
    let auth: Auth
    /// Who may call it, in words, for the documentation.
    let access: String
    /// The JSON body's schema name, if it takes one.
    let body: String?
    /// The success response: a schema name, or a media type for files.
    let returns: String
    let status: Int
    let handler: @Sendable (Service, Call) async throws -> Response

    init(_ method: HTTPRequest.Method, _ path: String, _ summary: String, auth: Auth = .signedIn, access: String,
         body: String? = nil, returns: String, status: Int = 200,
         _ handler: @escaping @Sendable (Service, Call) async throws -> Response) {
        self.method = method; self.path = path; self.summary = summary; self.auth = auth; self.access = access
        self.body = body; self.returns = returns; self.status = status; self.handler = handler
    }

    /// The path in the router's syntax (`:name`).
    var routerPath: String {
        path.split(separator: "/", omittingEmptySubsequences: false).map { part in
            part.hasPrefix("{") ? ":" + part.dropFirst().dropLast() : String(part)
        }.joined(separator: "/")
    }

    var parameterNames: [String] {
        path.split(separator: "/").filter { $0.hasPrefix("{") }.map { String($0.dropFirst().dropLast()) }
    }

    /// Answers one request: identifies the caller, checks the CSRF token of a cookie session,
    /// runs the handler and turns every error into a JSON answer. Nothing a handler throws
    /// reaches Hummingbird, and no error message carries a password or token.
    func respond(_ request: Request, _ context: ServiceContext, _ service: Service) async -> Response {
        let started = DispatchTime.now().uptimeNanoseconds
        var response: Response
        do {
            let caller = try await service.identify(request)
            if auth == .signedIn {
                guard let caller else { throw APIError.unauthorized }
                if case .session(_, let csrf) = caller.credential, !Self.safeMethods.contains(request.method) {
                    guard let sent = request.headers[.init("X-CSRF-Token")!], Secrets.equal(sent, csrf) else {
                        throw APIError(status: .forbidden, code: "csrf",
                                       message: "missing or wrong X-CSRF-Token header (GET /api/me gives the session's token)")
                    }
                }
            }
            response = try await handler(service, Call(request: request, parameters: context.parameters, caller: caller,
                                                       remoteAddress: context.remoteAddress))
        } catch let error as APIError {
            response = error.response
        } catch let error as StoreError {
            response = APIError(error).response
        } catch {
            service.logger.error("\(method) \(path): \(String(describing: type(of: error)))")
            response = APIError(status: .internalServerError, code: "internal", message: "the service failed; the Secretariat was told").response
        }
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - started) / 1e9
        await service.metrics.observe(method: method.rawValue, route: path, status: response.status.code, seconds: seconds)
        return response
    }

    static let safeMethods: Set<HTTPRequest.Method> = [.get, .head, .options]
}
