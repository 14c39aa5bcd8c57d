import Foundation

extension Service {
    /// The OpenAPI 3.1 document of the route table, served at `/openapi.json` and committed as
    /// docs/openapi.json (a test keeps the two the same).
    public static func openAPIDocument() -> Data {
        var paths: [String: [String: Any]] = [:]
        for route in routes where route.kind == .api {
            var operation: [String: Any] = [
                "summary": route.summary,
                "description": "Who may call it: \(route.access).",
                "operationId": operationID(route),
            ]
            if route.auth == .none { operation["security"] = [] as [Any] }
            if !route.parameterNames.isEmpty {
                operation["parameters"] = route.parameterNames.map { name -> [String: Any] in
                    ["name": name, "in": "path", "required": true,
                     "schema": name == "revision" ? ["type": "integer", "minimum": 1] : ["type": "string", "maxLength": 64]]
                }
            }
            if route.path == "/api/rounds/{round}/report" {
                operation["parameters"] = (operation["parameters"] as? [[String: Any]] ?? []) + [
                    ["name": "format", "in": "query", "schema": ["type": "string", "enum": ["html", "md", "json"]]],
                    ["name": "lang", "in": "query", "schema": ["type": "string", "enum": ["en", "es", "pt", "fr"]]],
                    ["name": "download", "in": "query", "schema": ["type": "string"]],
                    ["name": "follow_up", "in": "query", "schema": ["type": "string"]],
                ]
            }
            if route.path == "/api/audit" || route.path == "/api/audit.csv" {
                operation["parameters"] = [
                    ["name": "action", "in": "query", "schema": ["type": "string"]],
                    ["name": "user", "in": "query", "schema": ["type": "string"]],
                ] + (route.path == "/api/audit" ? [["name": "limit", "in": "query", "schema": ["type": "integer", "minimum": 1]]] : [])
            }
            if let body = route.body {
                operation["requestBody"] = ["required": route.method != .post || !["AssessRequest", "Submit"].contains(body),
                                            "content": ["application/json": ["schema": ["$ref": "#/components/schemas/\(body)"]]]]
            }
            let success: [String: Any]
            if route.returns.contains("/") {
                // Files: each media type it may come as (a JSON or YAML file is any value).
                var content: [String: Any] = [:]
                for type in route.returns.split(separator: "|").map(String.init) {
                    content[type] = ["schema": type.hasPrefix("text/") ? ["type": "string"] : [String: Any]()]
                }
                success = ["description": "OK", "content": content]
            } else {
                success = ["description": "OK",
                           "content": ["application/json": ["schema": ["$ref": "#/components/schemas/\(route.returns)"]]]]
            }
            operation["responses"] = [
                String(route.status): success,
                "default": ["description": "An error: what went wrong and what to do",
                            "content": ["application/json": ["schema": ["$ref": "#/components/schemas/Error"]]]],
            ]
            paths[route.path, default: [:]][route.method.rawValue.lowercased()] = operation
        }
        let document: [String: Any] = [
            "openapi": "3.1.0",
            "info": ["title": "mecigep serve", "version": "1",
                     "description": "The MECIGEP Technical Secretariat's service: cases, rounds, assessments, peer input and reports. "
                         + "See docs/service.md. Unsafe methods with a session cookie need the X-CSRF-Token header."],
            "servers": [["url": "/"]],
            "security": [["session": []], ["token": []]],
            "paths": paths,
            "components": [
                "securitySchemes": [
                    "session": ["type": "apiKey", "in": "cookie", "name": sessionCookie],
                    "token": ["type": "http", "scheme": "bearer"],
                ],
                "schemas": OpenAPISchemas.all,
            ],
        ]
        return (try? JSONSerialization.data(withJSONObject: document, options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]))
            ?? Data()
    }

    static func operationID(_ route: Route) -> String {
        let words = route.path.split(whereSeparator: { "/{}.-".contains($0) }).filter { $0 != "api" }
        return route.method.rawValue.lowercased() + words.map { $0.prefix(1).uppercased() + $0.dropFirst() }.joined()
    }
}

/// The JSON schemas of the API's bodies.
enum OpenAPISchemas {
    static func object(_ properties: [String: Any], required: [String] = []) -> [String: Any] {
        ["type": "object", "properties": properties, "required": required]
    }
    static func ref(_ name: String) -> [String: Any] { ["$ref": "#/components/schemas/\(name)"] }
    static func list(_ name: String) -> [String: Any] { ["type": "array", "items": ref(name)] }
    static var string: [String: Any] { ["type": "string"] }
    static var nullableString: [String: Any] { ["type": ["string", "null"]] }
    static var integer: [String: Any] { ["type": "integer"] }
    static var boolean: [String: Any] { ["type": "boolean"] }
    static var anyObject: [String: Any] { ["type": "object"] }
    static var language: [String: Any] { ["type": "string", "enum": ["en", "es", "pt", "fr"]] }

    static var all: [String: Any] { [
        "Error": object(["error": string, "message": string, "details": ["type": "object", "additionalProperties": string]],
                        required: ["error", "message"]),
        "Done": anyObject,
        "Health": object(["status": string], required: ["status"]),
        "Login": object(["username": string, "password": string], required: ["username", "password"]),
        "Language": object(["language": language], required: ["language"]),
        "User": object(["id": string, "username": string, "role": ["type": "string", "enum": ["secretariat", "beneficiary", "peer", "methodologist"]],
                        "country": string, "language": string, "disabled": boolean, "created_at": string],
                       required: ["id", "username", "role", "language", "disabled", "created_at"]),
        "Me": object(["user": ref("User"), "csrf_token": string], required: ["user"]),
        "TokenRequest": object(["name": string], required: ["name"]),
        "Token": object(["id": string, "name": string, "created_at": string, "last_used_at": string], required: ["id", "name", "created_at"]),
        "TokenList": object(["tokens": list("Token")], required: ["tokens"]),
        "NewToken": object(["token": ref("Token"), "secret": string], required: ["token", "secret"]),
        "Case": object(["id": string, "country": string, "title": string, "status": ["type": "string", "enum": ["draft", "submitted"]],
                        "submitted_revision": integer, "latest_revision": integer, "created_by": string, "created_at": string],
                       required: ["id", "country", "title", "status", "latest_revision", "created_by", "created_at"]),
        "CaseList": object(["cases": list("Case")], required: ["cases"]),
        "Revision": object(["case_id": string, "number": integer, "format": ["type": "string", "enum": ["yaml", "json"]],
                            "sha256": string, "size": integer, "author": string, "created_at": string,
                            "validation": ["type": "string", "description": "`mecigep validate --format json` of the revision, as JSON text"]],
                           required: ["case_id", "number", "format", "sha256", "size", "author", "created_at"]),
        "RevisionList": object(["revisions": list("Revision")], required: ["revisions"]),
        "Annex": object(["case_id": string, "sha256": string, "filename": string, "content_type": string, "size": integer,
                         "revision": integer, "uploaded_by": string, "uploaded_at": string],
                        required: ["case_id", "sha256", "filename", "content_type", "size", "revision", "uploaded_by", "uploaded_at"]),
        "AnnexList": object(["annexes": list("Annex")], required: ["annexes"]),
        "CaseView": object(["case": ref("Case"), "revisions": list("Revision")], required: ["case", "revisions"]),
        "CaseUpload": object(["format": ["type": "string", "enum": ["yaml", "json"]], "content": string,
                              "framework": ["type": "string", "description": "validate with this framework (default mecigep-core)"]],
                             required: ["format", "content"]),
        "Submit": object(["revision": ["type": "integer", "minimum": 1]]),
        "RoundPeer": object(["country": ["type": "string", "pattern": "^[A-Z]{2}$"], "institution": string], required: ["country"]),
        "Round": object(["id": string, "case_id": string, "country": string, "revision": integer, "framework": string,
                         "language": string, "status": ["type": "string", "enum": ["open", "published"]], "peers": list("RoundPeer"),
                         "follow_up_requested": boolean, "opened_by": string, "opened_at": string, "published_at": string],
                        required: ["id", "case_id", "country", "revision", "framework", "language", "status", "peers",
                                   "follow_up_requested", "opened_by", "opened_at"]),
        "RoundList": object(["rounds": list("Round")], required: ["rounds"]),
        "RoundRequest": object(["case": string, "framework": string, "language": language,
                                "peers": ["type": "array", "items": ref("RoundPeer"), "minItems": 2, "maxItems": 3]],
                               required: ["case", "peers"]),
        "Assessment": object(["id": string, "round_id": string, "revision": integer, "status": ["type": "string", "enum": ["done", "failed"]],
                              "framework_id": string, "framework_version": string, "framework_sha256": string,
                              "levels": ["type": "string", "description": "criterion id to level, as JSON text"],
                              "error": string, "created_by": string, "created_at": string],
                             required: ["id", "round_id", "revision", "status", "created_by", "created_at"]),
        "AssessRequest": object(["confirm_failing_tests": boolean]),
        "AssessmentView": object(["assessment": ref("Assessment"), "result": anyObject], required: ["assessment"]),
        "AgreedLevel": object(["round_id": string, "indicator": string, "level": string, "justification": string,
                               "author": string, "created_at": string],
                              required: ["round_id", "indicator", "level", "justification", "author", "created_at"]),
        "Comment": object(["round_id": string, "text": string, "author": string, "updated_at": string],
                          required: ["round_id", "text", "author", "updated_at"]),
        "CommentRequest": object(["text": string], required: ["text"]),
        "RoundView": object(["round": ref("Round"), "assessment": ref("Assessment"), "agreed_levels": list("AgreedLevel"),
                             "beneficiary_comment": ref("Comment"),
                             "inputs": ["type": "object", "additionalProperties": ["type": "string", "enum": ["none", "draft", "submitted"]]]],
                            required: ["round", "agreed_levels", "inputs"]),
        "Input": object(["country": string, "status": ["type": "string", "enum": ["draft", "submitted"]], "updated_at": string,
                         "document": anyObject], required: ["country", "status", "updated_at", "document"]),
        "InputList": object(["inputs": list("Input")], required: ["inputs"]),
        "PeerInput": object(["levels": ["type": "object", "description": "criterion id to level"],
                             "comments": ["type": "object", "description": "text per language"],
                             "experience": anyObject, "recommendations": ["type": "array", "items": anyObject],
                             "delegation": ["type": "array", "items": string], "name": string, "submit": boolean]),
        "Agreed": object(["level": ["type": ["integer", "string"]], "justification": string], required: ["level", "justification"]),
        "Framework": object(["id": string, "version": nullableString, "title": ["type": ["object", "string", "null"]],
                             "content_sha256": nullableString,
                             "tests": ["type": ["object", "null"], "properties": ["passed": boolean, "at": string]]],
                            required: ["id", "tests"]),
        "FrameworkList": object(["frameworks": list("Framework")], required: ["frameworks"]),
        "TestRun": object(["framework": string, "passed": boolean, "output": anyObject], required: ["framework", "passed", "output"]),
        "RobustnessRun": object(["framework": string, "passed": boolean,
                                 "output": ["type": "object", "description": "`mecigep robustness --format json`"]],
                                required: ["framework", "passed", "output"]),
        "AuditEntry": object(["seq": integer, "at": string, "user_id": string, "username": string, "role": string, "action": string,
                              "object_type": string, "object_id": string, "country": string, "detail": string],
                             required: ["seq", "at", "action"]),
        "FollowUp": object(["date": ["type": "string", "description": "YYYY-MM-DD"], "reported_by": string,
                            "statuses": ["type": "array", "items": object(["recommendation": string,
                                "status": ["type": "string", "enum": ["adopted", "in_progress", "not_adopted", "not_applicable"]],
                                "date": string, "note": anyObject], required: ["recommendation", "status", "date"])]],
                           required: ["date", "statuses"]),
        "FollowUpSaved": object(["round_id": string, "updated_at": string, "renditions": integer],
                                required: ["round_id", "updated_at", "renditions"]),
        "AuditList": object(["entries": list("AuditEntry")], required: ["entries"]),
    ] }
}
