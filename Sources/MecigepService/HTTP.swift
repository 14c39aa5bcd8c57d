import Foundation
import HTTPTypes
import Hummingbird
import MecigepStore
import NIOCore

/// The request context: Hummingbird's core storage and the caller, once known.
public struct ServiceContext: RequestContext {
    public var coreContext: CoreRequestContextStorage
    /// The peer address, for rate-limiting sign-ins.
    public let remoteAddress: String

    public init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        remoteAddress = source.channel.remoteAddress?.ipAddress ?? "unknown"
    }
}

/// An error answered to the client: its HTTP status, a stable code and a message that says
/// what to do. Raised by handlers; turned into a response only at the edge (`Route.respond`).
struct APIError: Error {
    var status: HTTPResponse.Status
    var code: String
    var message: String
    /// Per-field problems (a case's validation), when there are any.
    var details: [String: String]? = nil
    /// Seconds to wait before trying again (429).
    var retryAfter: Int? = nil

    static func notFound(_ what: String = "no such object") -> APIError { APIError(status: .notFound, code: "not_found", message: what) }
    static func forbidden(_ why: String) -> APIError { APIError(status: .forbidden, code: "forbidden", message: why) }
    static func badRequest(_ why: String) -> APIError { APIError(status: .badRequest, code: "bad_request", message: why) }
    static func conflict(_ why: String) -> APIError { APIError(status: .conflict, code: "conflict", message: why) }
    static func unprocessable(_ why: String) -> APIError {
        APIError(status: .unprocessableContent, code: "invalid", message: why)
    }
    /// 422 listing each problem under its path: in the message, and per path in `details`.
    static func invalid(_ problems: [(path: String, message: String)]) -> APIError {
        APIError(status: .unprocessableContent, code: "invalid",
                 message: problems.map { "\($0.path): \($0.message)" }.joined(separator: "; "),
                 details: Dictionary(problems.map { ($0.path, $0.message) }, uniquingKeysWith: { a, b in a + "; " + b }))
    }

    static let unauthorized = APIError(status: .unauthorized, code: "unauthorized",
                                       message: "sign in first (POST /api/login) or send an API token (Authorization: Bearer ...)")

    init(status: HTTPResponse.Status, code: String, message: String, details: [String: String]? = nil, retryAfter: Int? = nil) {
        self.status = status; self.code = code; self.message = message; self.details = details; self.retryAfter = retryAfter
    }

    init(_ error: StoreError) {
        switch error.code {
        case .notFound: self = .notFound(error.message)
        case .conflict: self = .conflict(error.message)
        case .invalid: self = .unprocessable(error.message)
        case .unavailable: self.init(status: .serviceUnavailable, code: "unavailable", message: "the database is unavailable; try again")
        }
    }

    var response: Response {
        var body: [String: Any] = ["error": code, "message": message]
        if let details { body["details"] = details }
        var response = Reply.object(body, status: status)
        if let retryAfter { response.headers[.retryAfter] = String(retryAfter) }
        return response
    }
}

/// Building responses.
enum Reply {
    static let encoder: JSONEncoder = {
        let e = JSONEncoder()
        e.keyEncodingStrategy = .convertToSnakeCase
        e.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return e
    }()

    static func json<T: Encodable>(_ value: T, status: HTTPResponse.Status = .ok, headers: HTTPFields = [:]) throws -> Response {
        bytes(try encoder.encode(value), type: "application/json", status: status, headers: headers)
    }

    /// A JSON body from plain Foundation values (dictionaries, arrays, strings, numbers).
    static func object(_ object: Any, status: HTTPResponse.Status = .ok) -> Response {
        let data = (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes])) ?? Data("{}".utf8)
        return bytes(data, type: "application/json", status: status)
    }

    static func bytes(_ data: Data, type: String, status: HTTPResponse.Status = .ok, headers extra: HTTPFields = [:]) -> Response {
        var headers: HTTPFields = [.contentType: type, .cacheControl: "no-store"]
        headers[.init("X-Content-Type-Options")!] = "nosniff"
        headers.append(contentsOf: extra)
        return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }

    /// 303 See Other: after a form, the browser asks for `location` with GET.
    static func redirect(_ location: String) -> Response {
        Response(status: .seeOther, headers: [.location: location, .cacheControl: "no-store"])
    }

    static func text(_ text: String, type: String = "text/plain; charset=utf-8", status: HTTPResponse.Status = .ok) -> Response {
        bytes(Data(text.utf8), type: type, status: status)
    }
}

extension Request {
    /// The body, at most `limit` bytes (413 beyond).
    func bodyData(limit: Int) async throws -> Data {
        do {
            let buffer = try await body.collect(upTo: limit)
            return Data(buffer.readableBytesView)
        } catch let error as HTTPError where error.status == .contentTooLarge {
            throw APIError(status: .contentTooLarge, code: "too_large", message: "the request body is larger than \(limit) bytes")
        }
    }

    /// The body as a JSON object; with `emptyIsObject`, an empty (or blank) body is `{}`.
    func jsonObject(limit: Int, emptyIsObject: Bool = false) async throws -> [String: Any] {
        let data = try await bodyData(limit: limit)
        if emptyIsObject, data.allSatisfy({ $0 == 0x20 || $0 == 0x0A || $0 == 0x0D || $0 == 0x09 }) { return [:] }
        guard let object = try? JSONSerialization.jsonObject(with: data), let dictionary = object as? [String: Any] else {
            throw APIError.badRequest("the body must be a JSON object")
        }
        return dictionary
    }

    func query(_ name: String) -> String? { uri.queryParameters[Substring(name)].map(String.init) }
}

/// Reading fields of a JSON object with messages that name the field.
struct Fields {
    let object: [String: Any]
    init(_ object: [String: Any]) { self.object = object }

    func string(_ key: String, required: Bool = true, max: Int = 100_000) throws -> String? {
        guard let value = object[key], !(value is NSNull) else {
            if required { throw APIError.unprocessable("\(key): required") }
            return nil
        }
        guard let s = value as? String else { throw APIError.unprocessable("\(key): expected a string") }
        if required, s.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty { throw APIError.unprocessable("\(key): must not be empty") }
        if s.utf8.count > max { throw APIError.unprocessable("\(key): longer than \(max) bytes") }
        return s
    }

    func require(_ key: String, max: Int = 100_000) throws -> String { try string(key, required: true, max: max)! }

    func bool(_ key: String) throws -> Bool {
        guard let value = object[key], !(value is NSNull) else { return false }
        guard let b = value as? Bool else { throw APIError.unprocessable("\(key): expected true or false") }
        return b
    }
}

/// Country codes: two capital letters (ISO 3166-1 alpha-2).
func isCountryCode(_ s: String) -> Bool { s.count == 2 && s.allSatisfy { $0.isASCII && $0.isUppercase } }

/// The languages of the mechanism.
let serviceLanguages = ["en", "es", "pt", "fr"]

/// application/x-www-form-urlencoded bodies.
enum FormBody {
    static func parse(_ data: Data) -> [(String, String)] {
        String(decoding: data, as: UTF8.self).split(separator: "&").compactMap { pair in
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            func decode(_ s: Substring) -> String {
                String(s).replacingOccurrences(of: "+", with: " ").removingPercentEncoding ?? String(s)
            }
            guard let key = parts.first else { return nil }
            return (decode(key), parts.count > 1 ? decode(parts[1]) : "")
        }
    }
}
