import Foundation
import Hummingbird
import MecigepStore

extension Service {
    func health(_ call: Call) async throws -> Response {
        do {
            _ = try await store.audit(limit: 1, action: nil, user: nil)
            return Reply.object(["status": "ok"])
        } catch {
            return Reply.object(["status": "database unavailable"], status: .serviceUnavailable)
        }
    }

    func metricsText(_ call: Call) async throws -> Response {
        Reply.text(await metrics.text(workerFailures: await workers.failures), type: "text/plain; version=0.0.4; charset=utf-8")
    }

    func openAPI(_ call: Call) async throws -> Response {
        Reply.bytes(Self.openAPIDocument(), type: "application/json")
    }

    func auditLog(_ call: Call) async throws -> Response {
        let user = try call.user
        guard Access.isSecretariat(user) else { throw APIError.forbidden("the audit log is the Secretariat's") }
        let limit = min(max(Int(call.request.query("limit") ?? "") ?? 500, 1), 10_000)
        let entries = try await store.audit(limit: limit, action: call.request.query("action"), user: call.request.query("user"))
        return try Reply.json(["entries": entries])
    }

    func auditCSV(_ call: Call) async throws -> Response {
        let user = try call.user
        guard Access.isSecretariat(user) else { throw APIError.forbidden("the audit log is the Secretariat's") }
        let entries = try await store.audit(limit: 1_000_000, action: call.request.query("action"), user: call.request.query("user"))
        try await store.record(AuditEvent(user: user, action: "audit.export", detail: "\(entries.count) entries"))
        var csv = "seq,at,user_id,username,role,action,object_type,object_id,country,detail\r\n"
        for e in entries.reversed() {
            csv += [String(e.seq), e.at, e.userID ?? "", e.username ?? "", e.role ?? "", e.action, e.objectType ?? "",
                    e.objectID ?? "", e.country ?? "", e.detail ?? ""].map(Self.csvField).joined(separator: ",") + "\r\n"
        }
        return Reply.bytes(Data(csv.utf8), type: "text/csv; charset=utf-8",
                           headers: [.contentDisposition: "attachment; filename=\"mecigep-audit.csv\""])
    }

    /// RFC 4180 quoting; a leading =, +, - or @ is prefixed with ' so a spreadsheet does not run it.
    static func csvField(_ s: String) -> String {
        var value = s
        if let first = value.first, "=+-@".contains(first) { value = "'" + value }
        guard value.contains(where: { ",\"\r\n".contains($0) }) else { return value }
        return "\"" + value.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
