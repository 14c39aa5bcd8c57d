import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import Hummingbird
@testable import MecigepService
import MecigepStore

/// A service on a free loopback port with a fresh database, the project's rules and the built
/// `mecigep` binary as its worker, and one API token per account.
final class TestServer: @unchecked Sendable {
    let service: Service
    let store: SQLiteStore
    let data: URL
    var port = 0
    private var task: Task<Void, Error>?
    /// Account name to (user, API token secret).
    var accounts: [String: (user: User, token: String)] = [:]

    static var projectRoot: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    }

    /// The `mecigep` binary beside the test bundle (`swift build` makes it; `make test` builds first).
    static var binary: String {
        let beside = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("mecigep")
        if FileManager.default.isExecutableFile(atPath: beside.path) { return beside.path }
        return projectRoot.appendingPathComponent(".build/debug/mecigep").path
    }

    init(worker: String = TestServer.binary, configure: (inout ServiceConfiguration) -> Void = { _ in }) async throws {
        data = FileManager.default.temporaryDirectory.appendingPathComponent("mecigep-service-test-" + UUID().uuidString)
        store = try SQLiteStore(directory: data.path)
        var configuration = ServiceConfiguration(dataDirectory: data.path, rulesDirectory: Self.projectRoot.appendingPathComponent("rules").path,
                                                 port: 0, workerExecutable: worker, bcryptCost: 4)
        configure(&configuration)
        service = Service(store: store, configuration: configuration)
        let app = service.application(onRunning: { [weak self] port in self?.port = port })
        task = Task { try await app.runService(gracefulShutdownSignals: []) }
        for _ in 0..<500 where port == 0 { try await Task.sleep(nanoseconds: 10_000_000) }
        guard port != 0 else { throw TestFailure("the test server did not start") }
    }

    func stop() async {
        task?.cancel()
        _ = try? await task?.value
        try? FileManager.default.removeItem(at: data)
    }

    /// Adds an account with an API token (and the password "correct-horse-battery").
    @discardableResult
    func account(_ name: String, _ role: Role, _ country: String? = nil) async throws -> User {
        let hash = await Secrets.hashPassword("correct-horse-battery", cost: 4)
        let user = try await store.createUser(username: name, passwordHash: hash, role: role, country: country, language: "en",
                                              audit: AuditEvent(user: nil, action: "user.add"))
        let secret = "mct_test_" + name
        _ = try await store.createToken(id: Identifier.make(), tokenHash: Secrets.hash(secret), userID: user.id, name: "test",
                                        audit: AuditEvent(user: user, action: "token.create"))
        accounts[name] = (user, secret)
        return user
    }

    struct Reply {
        var status: Int
        var headers: [String: String]
        var body: Data
        var json: [String: Any] { (try? JSONSerialization.jsonObject(with: body)) as? [String: Any] ?? [:] }
        var text: String { String(decoding: body, as: UTF8.self) }
    }

    /// One request with a body of any type (a multipart form).
    func requestData(_ method: String, _ path: String, as name: String?, body: Data, contentType: String) async throws -> Reply {
        var request = URLRequest(url: URL(string: "http://127.0.0.1:\(port)\(path)")!)
        request.httpMethod = method
        request.timeoutInterval = 120
        request.httpShouldHandleCookies = false
        if let name, let account = accounts[name] { request.setValue("Bearer \(account.token)", forHTTPHeaderField: "Authorization") }
        request.setValue(contentType, forHTTPHeaderField: "Content-Type")
        request.httpBody = body
        return try await send(request)
    }

    /// One request as `as` (an account name; nil for none), with a JSON body when given.
    func request(_ method: String, _ path: String, as name: String?, json: Any? = nil, raw: String? = nil,
                 headers: [String: String] = [:]) async throws -> Reply {
        var request = URLRequest(url: URL(string: "http://127.0.0.1:\(port)\(path)")!)
        request.httpMethod = method
        request.timeoutInterval = 120
        request.httpShouldHandleCookies = false
        if let name, let account = accounts[name] { request.setValue("Bearer \(account.token)", forHTTPHeaderField: "Authorization") }
        for (k, v) in headers { request.setValue(v, forHTTPHeaderField: k) }
        if let json {
            request.httpBody = try JSONSerialization.data(withJSONObject: json)
            request.setValue("application/json", forHTTPHeaderField: "Content-Type")
        } else if let raw {
            request.httpBody = Data(raw.utf8)
            request.setValue("application/json", forHTTPHeaderField: "Content-Type")
        }
        return try await send(request)
    }

    private func send(_ request: URLRequest) async throws -> Reply {
        let (data, response): (Data, URLResponse) = try await withCheckedThrowingContinuation { continuation in
            Self.session.dataTask(with: request) { data, response, error in
                if let error { continuation.resume(throwing: error) } else {
                    continuation.resume(returning: (data ?? Data(), response!))
                }
            }.resume()
        }
        let http = response as! HTTPURLResponse
        var fields: [String: String] = [:]
        for (k, v) in http.allHeaderFields { fields[String(describing: k).lowercased()] = String(describing: v) }
        return Reply(status: http.statusCode, headers: fields, body: data)
    }
}

/// Redirects are answers to check (a page's 303), not to follow.
final class NoRedirects: NSObject, URLSessionTaskDelegate, @unchecked Sendable {
    func urlSession(_ session: URLSession, task: URLSessionTask, willPerformHTTPRedirection response: HTTPURLResponse,
                    newRequest request: URLRequest, completionHandler: @escaping (URLRequest?) -> Void) {
        completionHandler(nil)
    }
}

extension TestServer {
    static let session = URLSession(configuration: .ephemeral, delegate: NoRedirects(), delegateQueue: nil)
}

struct TestFailure: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}

/// The project's example case of Brazil, and a peer's input for mecigep-core.
enum Samples {
    static var brazilCase: String {
        (try? String(contentsOf: TestServer.projectRoot.appendingPathComponent("examples/cases/br-participatory-budgeting.yaml"),
                     encoding: .utf8)) ?? ""
    }

    static func caseText(country: String) -> String {
        brazilCase.replacingOccurrences(of: "  country: BR", with: "  country: \(country)")
    }

    static var levels: [String: Any] { ["long_term": 2, "evidence_based": 3, "co_designed": 4, "user_centred": 3, "behavioural": 1,
                                        "complexity": 3, "fiscal": 2] }
}
