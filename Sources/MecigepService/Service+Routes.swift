import HTTPTypes

extension Service {
    /// Every route of the service. The router, `/openapi.json` and the access matrix test are
    /// built from this list: a route added here without a row in the matrix fails the tests.
    static let routes: [Route] = [
        // operations
        Route(.get, "/healthz", "Whether the service and its database answer", auth: .none, access: "anyone",
              returns: "Health") { s, c in try await s.health(c) },
        Route(.get, "/metrics", "Counters and latencies in Prometheus' text format", auth: .none, access: "anyone",
              returns: "text/plain") { s, c in try await s.metricsText(c) },
        Route(.get, "/openapi.json", "This API's OpenAPI 3.1 document", auth: .none, access: "anyone",
              returns: "application/json") { s, c in try await s.openAPI(c) },
        // accounts
        Route(.post, "/api/login", "Sign in; sets the session cookie and returns the CSRF token", auth: .none, access: "anyone",
              body: "Login", returns: "Me") { s, c in try await s.login(c) },
        Route(.post, "/api/logout", "Sign out", access: "any account", returns: "Done") { s, c in try await s.logout(c) },
        Route(.get, "/api/me", "The signed-in account (and the session's CSRF token)", access: "any account",
              returns: "Me") { s, c in try await s.me(c) },
        Route(.put, "/api/me/language", "Choose the language of pages and messages", access: "any account",
              body: "Language", returns: "Me") { s, c in try await s.setLanguage(c) },
        Route(.get, "/api/tokens", "The account's API tokens (never their secrets)", access: "any account",
              returns: "TokenList") { s, c in try await s.listTokens(c) },
        Route(.post, "/api/tokens", "Create an API token for scripts; its secret is shown once", access: "any account",
              body: "TokenRequest", returns: "NewToken", status: 201) { s, c in try await s.createToken(c) },
        Route(.delete, "/api/tokens/{token}", "Revoke one of the account's API tokens", access: "the token's owner",
              returns: "Done") { s, c in try await s.deleteToken(c) },
        // cases
        Route(.get, "/api/cases", "Cases the caller may see", access: "secretariat; beneficiary (own country); peer (its rounds' cases)",
              returns: "CaseList") { s, c in try await s.listCases(c) },
        Route(.post, "/api/cases", "Upload a new case (YAML or JSON); validated at once", access: "beneficiary (own country); secretariat",
              body: "CaseUpload", returns: "CaseView", status: 201) { s, c in try await s.createCase(c) },
        Route(.get, "/api/cases/{case}", "A case and its revisions", access: "who may see the case",
              returns: "CaseView") { s, c in try await s.getCase(c) },
        Route(.get, "/api/cases/{case}/revisions", "A case's revisions with their sha256 and validation", access: "who may see the case",
              returns: "RevisionList") { s, c in try await s.listRevisions(c) },
        Route(.post, "/api/cases/{case}/revisions", "Upload a new revision of a draft case", access: "beneficiary (own country); secretariat",
              body: "CaseUpload", returns: "Revision", status: 201) { s, c in try await s.addRevision(c) },
        Route(.get, "/api/cases/{case}/revisions/{revision}", "One revision and its completeness check",
              access: "who may see the case (a peer: the revision under review)", returns: "Revision") { s, c in try await s.getRevision(c) },
        Route(.get, "/api/cases/{case}/revisions/{revision}/file", "Download the revision's case file as uploaded",
              access: "who may see the case (a peer: the revision under review)", returns: "application/yaml|application/json") { s, c in
            try await s.downloadRevision(c)
        },
        Route(.get, "/api/cases/{case}/annexes", "The files attached to the case's document register",
              access: "beneficiary (own country); secretariat", returns: "AnnexList") { s, c in try await s.listAnnexes(c) },
        Route(.get, "/api/cases/{case}/annexes/{annex}", "Download an annex (by its SHA-256)",
              access: "who may see a revision that cites it", returns: "application/octet-stream") { s, c in try await s.downloadAnnex(c) },
        Route(.post, "/api/cases/{case}/submit", "Submit a revision for review (freezes the case)",
              access: "beneficiary (own country); secretariat", body: "Submit", returns: "Case") { s, c in try await s.submitCase(c) },
        // rounds
        Route(.get, "/api/rounds", "Rounds the caller may see", access: "secretariat; beneficiary (own country); peer (rounds it sits in)",
              returns: "RoundList") { s, c in try await s.listRounds(c) },
        Route(.post, "/api/rounds", "Open a round for a submitted case, with a framework and 2-3 peer States", access: "secretariat",
              body: "RoundRequest", returns: "Round", status: 201) { s, c in try await s.createRound(c) },
        Route(.get, "/api/rounds/{round}", "A round: its assessment, agreed levels, comments and who has given input",
              access: "who may see the round", returns: "RoundView") { s, c in try await s.getRound(c) },
        Route(.post, "/api/rounds/{round}/assessments", "Run the framework on the revision under review (in a worker)",
              access: "secretariat", body: "AssessRequest", returns: "Assessment", status: 201) { s, c in try await s.assess(c) },
        Route(.get, "/api/rounds/{round}/assessment", "The latest assessment with its full result", access: "who may see the round",
              returns: "AssessmentView") { s, c in try await s.getAssessment(c) },
        Route(.get, "/api/rounds/{round}/inputs", "Peer input the caller may read",
              access: "secretariat: all; a peer: its own, the others once published; beneficiary: once published",
              returns: "InputList") { s, c in try await s.listInputs(c) },
        Route(.get, "/api/rounds/{round}/inputs/{country}", "One peer State's input",
              access: "as for the list", returns: "Input") { s, c in try await s.getInput(c) },
        Route(.put, "/api/rounds/{round}/inputs/{country}", "A peer saves its levels, experience and recommendations (draft or submit)",
              access: "the peer State of {country}", body: "PeerInput", returns: "Input") { s, c in try await s.saveInput(c) },
        Route(.put, "/api/rounds/{round}/agreed/{indicator}", "Record an indicator's agreed level with its justification",
              access: "secretariat", body: "Agreed", returns: "AgreedLevel") { s, c in try await s.setAgreed(c) },
        Route(.put, "/api/rounds/{round}/comments", "The beneficiary State's comments, annexed to the report",
              access: "beneficiary (own country)", body: "CommentRequest", returns: "Comment") { s, c in try await s.setComment(c) },
        Route(.post, "/api/rounds/{round}/follow-up", "Ask for the informational follow-up", access: "beneficiary (own country)",
              returns: "Round") { s, c in try await s.requestFollowUp(c) },
        Route(.put, "/api/rounds/{round}/follow-up-report",
              "Record the informational follow-up (what was done with each recommendation); renders it in every language",
              access: "beneficiary (own country); secretariat; once published and asked for", body: "FollowUp",
              returns: "FollowUpSaved") { s, c in try await s.saveFollowUp(c) },
        Route(.post, "/api/rounds/{round}/publish", "Render the report in every language and publish the round", access: "secretariat",
              returns: "Round") { s, c in try await s.publish(c) },
        Route(.get, "/api/rounds/{round}/report", "The published report (?format=html|md|json&lang=en|es|pt|fr&download=1; &follow_up=1: the follow-up)",
              access: "who may see the round, once published", returns: "text/html|text/markdown|application/json") { s, c in try await s.getReport(c) },
        // frameworks
        Route(.get, "/api/frameworks", "Frameworks in the rules folder with version, content hash and last test result",
              access: "any account", returns: "FrameworkList") { s, c in try await s.listFrameworks(c) },
        Route(.post, "/api/frameworks/{framework}/tests", "Run a framework's rule tests (its own example cases, no case data)",
              access: "methodologist; secretariat", returns: "TestRun") { s, c in try await s.testFramework(c) },
        Route(.post, "/api/frameworks/{framework}/robustness",
              "Run mecigep robustness on the framework's own example cases (tests/cases; sampled)",
              access: "methodologist; secretariat", returns: "RobustnessRun") { s, c in try await s.robustness(c) },
        // audit
        Route(.get, "/api/audit", "The audit log, newest first (?action=&user=&limit=)", access: "secretariat",
              returns: "AuditList") { s, c in try await s.auditLog(c) },
        Route(.get, "/api/audit.csv", "The audit log as CSV (the export is itself logged)", access: "secretariat",
              returns: "text/csv") { s, c in try await s.auditCSV(c) },
        // pages (docs/service.md, "Pages"): HTML for people, no JavaScript needed
        Route.page(.get, "/assets/mecigep.css", "The pages' stylesheet (the reports' own, plus forms)", auth: .none,
                   access: "anyone") { s, c in try await s.stylesheet(c) },
        Route.page(.get, "/login", "Sign-in page", auth: .none, access: "anyone") { s, c in try await s.pageLogin(c) },
        Route.page(.post, "/login", "Sign in from the page", auth: .none, access: "anyone") { s, c in try await s.pageLoginPost(c) },
        Route.page(.post, "/logout", "Sign out", access: "any account") { s, c in try await s.pageLogout(c) },
        Route.page(.post, "/language", "Choose the language", access: "any account") { s, c in try await s.pageLanguage(c) },
        Route.page(.get, "/", "Home: what needs the user now", access: "any account") { s, c in try await s.pageHome(c) },
        Route.page(.get, "/cases/new", "Upload a new case", access: "beneficiary; secretariat") { s, c in try await s.pageNewCase(c) },
        Route.page(.post, "/cases", "Upload a new case", access: "beneficiary; secretariat") { s, c in try await s.pageCreateCase(c) },
        Route.page(.post, "/cases/form", "Save a new case from the form", access: "beneficiary; secretariat") { s, c in
            try await s.pageSaveCaseForm(c)
        },
        Route.page(.get, "/cases/{case}", "A case: completeness, revisions, submission", access: "who may see the case") { s, c in
            try await s.pageCase(c)
        },
        Route.page(.get, "/cases/{case}/form", "The case form, filled with the latest revision", access: "beneficiary; secretariat") { s, c in
            try await s.pageEditCase(c)
        },
        Route.page(.post, "/cases/{case}/form", "Save the form as a new revision", access: "beneficiary; secretariat") { s, c in
            try await s.pageSaveCaseForm(c)
        },
        Route.page(.get, "/cases/{case}/diff", "Two revisions compared field by field", access: "who may see the case") { s, c in
            try await s.pageDiff(c)
        },
        Route.page(.get, "/cases/{case}/annexes/{annex}", "Download an annex", access: "who may see a revision that cites it") { s, c in
            try await s.downloadAnnex(c)
        },
        Route.page(.post, "/cases/{case}/revisions", "Upload a revision", access: "beneficiary; secretariat") { s, c in
            try await s.pageAddRevision(c)
        },
        Route.page(.post, "/cases/{case}/submit", "Submit for review", access: "beneficiary; secretariat") { s, c in
            try await s.pageSubmitCase(c)
        },
        Route.page(.post, "/cases/{case}/rounds", "Open a round", access: "secretariat") { s, c in try await s.pageOpenRound(c) },
        Route.page(.get, "/rounds/{round}", "A round", access: "who may see the round") { s, c in try await s.pageRound(c) },
        Route.page(.post, "/rounds/{round}/assess", "Run the assessment", access: "secretariat") { s, c in
            try await s.pageRoundAction(c, "assess")
        },
        Route.page(.post, "/rounds/{round}/input", "A peer's input", access: "a peer of the round") { s, c in
            try await s.pageRoundAction(c, "input")
        },
        Route.page(.post, "/rounds/{round}/agreed", "Record an agreed level", access: "secretariat") { s, c in
            try await s.pageRoundAction(c, "agreed")
        },
        Route.page(.post, "/rounds/{round}/comments", "The beneficiary's comments", access: "beneficiary") { s, c in
            try await s.pageRoundAction(c, "comments")
        },
        Route.page(.post, "/rounds/{round}/follow-up", "Ask for the follow-up", access: "beneficiary") { s, c in
            try await s.pageRoundAction(c, "follow-up")
        },
        Route.page(.post, "/rounds/{round}/publish", "Publish", access: "secretariat") { s, c in
            try await s.pageRoundAction(c, "publish")
        },
        Route.page(.get, "/rounds/{round}/follow-up", "The informational follow-up: status of each recommendation",
                   access: "who may see the round, once published and asked for") { s, c in try await s.pageFollowUp(c) },
        Route.page(.post, "/rounds/{round}/follow-up-report", "Record the follow-up", access: "beneficiary; secretariat") { s, c in
            try await s.pageSaveFollowUp(c)
        },
        Route.page(.get, "/rounds/{round}/report", "The published report, embedded, with downloads",
                   access: "who may see the round") { s, c in try await s.pageReport(c) },
        Route.page(.get, "/frameworks", "Frameworks and their rule tests", access: "methodologist; secretariat") { s, c in
            try await s.pageFrameworks(c)
        },
        Route.page(.post, "/frameworks/{framework}/tests", "Run a framework's rule tests", access: "methodologist; secretariat") { s, c in
            try await s.pageTestFramework(c)
        },
        Route.page(.post, "/frameworks/{framework}/robustness", "Run mecigep robustness and show its result",
                   access: "methodologist; secretariat") { s, c in try await s.pageRobustness(c) },
        Route.page(.get, "/audit", "The audit log, filterable", access: "secretariat") { s, c in try await s.pageAudit(c) },
    ]
}
