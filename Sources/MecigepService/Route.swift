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
    /// A body already read (a page's form, as the fields the JSON API takes).
    var preset: Preset?
    /// The fields a page's form posted (application/x-www-form-urlencoded), in order.
    var form: [(String, String)] = []
    /// Files a page's form sent (multipart/form-data).
    var files: [UploadedFile] = []

    func field(_ name: String) -> String? { form.first { $0.0 == name }?.1 }

    struct Preset: @unchecked Sendable { var object: [String: Any] }

    /// The body as a JSON object (or the form a page posted, already turned into one).
    func object(limit: Int, emptyIsObject: Bool = false) async throws -> [String: Any] {
        if let preset { return preset.object }
        return try await request.jsonObject(limit: limit, emptyIsObject: emptyIsObject)
    }

    /// The signed-in user (routes that need one are only reached with one).
    var user: User {
        get throws {
            guard let caller else { throw APIError.unauthorized }
            return caller.user
        }
    }

    /// Path parameters a page sets from its form (the indicator an agreed level is for).
    var overrides: [String: String] = [:]

    func parameter(_ name: String) throws -> String {
        guard let value = overrides[name] ?? parameters.get(name) else { throw APIError.notFound() }
        return value
    }
}

/// A route of the API: its method and path (OpenAPI style, `{name}` for parameters), who may
/// call it, what it takes and gives (component names in docs/openapi.json), and its handler.
/// The route table (`Service.routes`) is the one list the router, the OpenAPI document and the
/// access matrix test are built from.
struct Route: Sendable {
    enum Auth: Sendable { case none, signedIn }
    /// A JSON API route (in the OpenAPI document) or a page (HTML, forms, redirects).
    enum Kind: Sendable { case api, page }
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
    let kind: Kind
    let handler: @Sendable (Service, Call) async throws -> Response

    init(_ method: HTTPRequest.Method, _ path: String, _ summary: String, auth: Auth = .signedIn, access: String,
         body: String? = nil, returns: String, status: Int = 200, kind: Kind = .api,
         _ handler: @escaping @Sendable (Service, Call) async throws -> Response) {
        self.method = method; self.path = path; self.summary = summary; self.auth = auth; self.access = access
        self.body = body; self.returns = returns; self.status = status; self.kind = kind; self.handler = handler
    }

    /// A page: HTML for people, forms posted with the session's CSRF token, 303 after a change.
    static func page(_ method: HTTPRequest.Method, _ path: String, _ summary: String, auth: Auth = .signedIn, access: String,
                     _ handler: @escaping @Sendable (Service, Call) async throws -> Response) -> Route {
        Route(method, path, summary, auth: auth, access: access, returns: "text/html", kind: .page, handler)
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
        let response = await answer(request, context, service)
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - started) / 1e9
        await service.metrics.observe(method: method.rawValue, route: path, status: response.status.code, seconds: seconds)
        return response
    }

    private func answer(_ request: Request, _ context: ServiceContext, _ service: Service) async -> Response {
        var response: Response
        var caller: Caller?
        do {
            // A public route answers whatever credentials come with it (a stale token does not
            // turn /healthz into a 401); elsewhere a bad token is a 401.
            caller = auth == .none ? try? await service.identify(request) : try await service.identify(request)
            var call = Call(request: request, parameters: context.parameters, caller: caller, remoteAddress: context.remoteAddress)
            if kind == .page, auth == .signedIn, caller == nil {
                return Reply.redirect("/login?next=" + (request.uri.path.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "/"))
            }
            if kind == .page, !Self.safeMethods.contains(request.method) {
                let body = try await request.bodyData(limit: service.configuration.maxBodyBytes)
                if let boundary = request.headers[.contentType].flatMap(Multipart.boundary(contentType:)) {
                    (call.form, call.files) = try Multipart.parse(body, boundary: boundary)
                } else {
                    call.form = FormBody.parse(body)
                }
            }
            if auth == .signedIn, let caller, case .session(_, let csrf) = caller.credential, !Self.safeMethods.contains(request.method) {
                let sent = kind == .page ? call.field("_csrf") : request.headers[.init("X-CSRF-Token")!]
                guard let sent, Secrets.equal(sent, csrf) else {
                    throw APIError(status: .forbidden, code: "csrf", message: kind == .page
                        ? "the form is out of date (its security token does not match); open the page again"
                        : "missing or wrong X-CSRF-Token header (GET /api/me gives the session's token)")
                }
            }
            if auth == .signedIn, caller == nil { throw APIError.unauthorized }
            response = try await handler(service, call)
        } catch let error as APIError {
            response = kind == .page ? service.errorPage(error, caller: caller) : error.response
        } catch let error as StoreError {
            response = kind == .page ? service.errorPage(APIError(error), caller: caller) : APIError(error).response
        } catch {
            service.logger.error("\(method) \(path): \(String(describing: type(of: error)))")
            let failure = APIError(status: .internalServerError, code: "internal", message: "the service failed; the Secretariat was told")
            response = kind == .page ? service.errorPage(failure, caller: caller) : failure.response
        }
        return response
    }

    static let safeMethods: Set<HTTPRequest.Method> = [.get, .head, .options]
}
