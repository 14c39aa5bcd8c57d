import Foundation
import LuaRuntime
import MecigepEngine
import MecigepReports
import MecigepStore

/// The round file (docs/reports.md) of a stored round: what `mecigep round` renders the report
/// from, so that the service's report is the command line's, byte for byte.
struct RoundDocument {
    var round: StoredRound
    /// The date the reviewed revision was uploaded.
    var submitted: String?
    var frameworkSHA256: String?
    /// Peer entries by country (levels, comments, experience, recommendations).
    var inputs: [String: [String: Any]]
    var agreed: [MecigepStore.AgreedLevel]
    var comment: BeneficiaryComment?
    var reportDate: String?
    var caseFile = "case.yaml"

    func object() -> [String: Any] {
        var top: [String: Any] = [
            "id": round.id, "case": caseFile, "framework": round.framework, "language": round.language,
            "beneficiary": ["country": round.country],
            "secretariat": ["name": "MECIGEP Technical Secretariat"],
            "follow_up_requested": round.followUpRequested,
        ]
        if let frameworkSHA256 { top["framework_sha256"] = frameworkSHA256 }
        var dates: [String: Any] = [:]
        if let submitted { dates["submitted"] = submitted }
        if let reportDate { dates["report"] = reportDate }
        if !dates.isEmpty { top["dates"] = dates }
        top["peers"] = round.peers.map { peer -> [String: Any] in
            var entry = inputs[peer.country] ?? [:]
            entry["country"] = peer.country
            if let institution = peer.institution { entry["institution"] = institution }
            return entry
        }
        if !agreed.isEmpty {
            top["overrides"] = agreed.map { a -> [String: Any] in
                ["indicator": a.indicator, "level": Int(a.level).map { $0 as Any } ?? a.level, "justification": a.justification,
                 "author": "secretariat", "date": String(a.createdAt.prefix(10))]
            }
        }
        if let comment { top["beneficiary_comments"] = ["text": comment.text, "date": String(comment.updatedAt.prefix(10))] }
        return top
    }

    func data() throws -> Data {
        try JSONSerialization.data(withJSONObject: object(), options: [.sortedKeys, .prettyPrinted])
    }

    /// The problems `RoundFile` finds in the document, each with its path in the round file.
    func problems() -> [InputProblem] {
        guard let data = try? data() else { return [InputProblem(path: "", message: "the round cannot be written as JSON")] }
        do throws(DocumentError) {
            let value = try DocumentLoader.parse(data, format: .json, name: "round")
            do throws(ReportInputError) {
                _ = try RoundFile.parse(value, file: "round.json")
                return []
            } catch {
                return error.problems
            }
        } catch {
            return [InputProblem(path: "", message: "\(error)")]
        }
    }
}
