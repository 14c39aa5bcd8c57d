import Foundation
import LuaRuntime
import MecigepEngine

/// Reads round files (YAML or JSON; docs/reports.md), checking everything that does not need
/// the framework or the case: types, dates, ISO 3166 codes, that authors are peers of the round.
public enum RoundFile {
    static let topFields = ["id", "case", "framework", "framework_sha256", "language", "beneficiary", "secretariat", "dates", "peers",
                            "overrides", "beneficiary_comments", "follow_up_requested"]
    static let participantFields = ["country", "name", "institution", "delegation"]
    static let peerFields = participantFields + ["levels", "comments", "experience", "recommendations"]
    static let experienceFields = ["title", "what", "results", "lessons", "conditions"]
    static let recommendationFields = ["id", "text", "criterion", "indicator", "challenge", "priority", "horizon", "owner"]
    static let overrideFields = ["indicator", "level", "justification", "author", "date"]

    /// Reads and checks a round file.
    public static func read(path: String) throws(ReportInputError) -> ReviewRound {
        let value: LuaValue
        do throws(DocumentError) { value = try DocumentLoader.load(path: path) } catch { throw ReportInputError(error) }
        let bytes = FileManager.default.contents(atPath: path) ?? Data()
        return try parse(value, file: path, sha256: SHA256.hex(of: bytes))
    }

    /// Checks a loaded round document; `file` names it in errors and resolves the case path.
    public static func parse(_ value: LuaValue, file: String, sha256: String = "") throws(ReportInputError) -> ReviewRound {
        var r = FieldReader()
        if value == .null { r.fail("(document)", "the file is empty; start from examples/rounds/ or docs/reports.md") }
        let top = r.mapping(value, "", fields: topFields) ?? [:]
        let id = r.string(top, "id", "", required: true) ?? ""
        let casePath = r.string(top, "case", "", required: true) ?? ""
        let framework = r.string(top, "framework", "")
        let frameworkSHA256 = r.string(top, "framework_sha256", "")
        if let pin = frameworkSHA256, pin.count != 64 || !pin.allSatisfy(\.isHexDigit) {
            r.fail("framework_sha256", "\"\(pin)\" is not a SHA-256 (64 hex digits); copy content_sha256 from the assessment or `mecigep frameworks`")
        }
        if let spec = framework, let version = FrameworkResolver.reference(spec).version, SemanticVersion(version) == nil {
            r.fail("framework", "\"\(spec)\" is not ID or ID@VERSION (e.g. mecigep-core@2.0.0)")
        }
        let language = r.choice(top, "language", "", Language.allCases.map(\.rawValue)).flatMap(Language.init(rawValue:))

        let beneficiary = participant(top["beneficiary"], "beneficiary", fields: participantFields, &r)
        if top["beneficiary"] == nil || top["beneficiary"] == .null { r.fail("beneficiary", "missing: name the beneficiary State (country: XX)") }

        let secretariatFields = r.mapping(top["secretariat"], "secretariat", fields: ["name", "contact", "email"])
        let secretariat = ReviewRound.Secretariat(name: r.string(secretariatFields, "name", "secretariat"),
                                                  contact: r.string(secretariatFields, "contact", "secretariat"),
                                                  email: r.string(secretariatFields, "email", "secretariat"))
        let datesFields = r.mapping(top["dates"], "dates", fields: ["submitted", "meetings", "report"])
        var meetings: [String] = []
        for item in r.list(datesFields, "meetings", "dates") {
            if let s = item.value.stringValue, SimpleDate.isValid(s) { meetings.append(s) } else {
                r.fail(item.path, "\(FieldReader.describe(item.value)) is not a date; write it as YYYY-MM-DD")
            }
        }
        let dates = ReviewRound.Dates(submitted: r.date(datesFields, "submitted", "dates"), meetings: meetings,
                                      report: r.date(datesFields, "report", "dates"))

        var peers: [ReviewRound.Peer] = []
        let peerItems = r.list(top, "peers", "", required: true)
        for item in peerItems {
            if let peer = self.peer(item.value, item.path, &r) { peers.append(peer) }
        }
        if (2...3).contains(peerItems.count) == false && top["peers"]?.arrayValue != nil {
            r.fail("peers", "a round has 2 or 3 peer States (this one has \(peerItems.count))")
        }
        var seen: [String: String] = [:]
        for peer in peers {
            let code = peer.participant.country
            if let first = seen[code] {
                r.fail(FieldReader.join(peer.path, "country"), "\"\(code)\" is already a peer at \(first); give each State once")
            }
            seen[code] = peer.path
            if let b = beneficiary?.country, b == code {
                r.fail(FieldReader.join(peer.path, "country"), "\"\(code)\" is the beneficiary State; a peer must be another State")
            }
        }
        var recommendationIDs: [String: String] = [:]
        for peer in peers {
            for entry in peer.recommendations {
                if let first = recommendationIDs[entry.recommendation.id] {
                    r.fail(FieldReader.join(entry.path, "id"), "\"\(entry.recommendation.id)\" is already used at \(first); give each recommendation its own id")
                }
                recommendationIDs[entry.recommendation.id] = entry.path
            }
        }

        let peerCodes = peers.map(\.participant.country)
        var overrides: [ReviewRound.Override] = []
        var overridden: [String: String] = [:]
        for item in r.list(top, "overrides", "") {
            guard let o = override(item.value, item.path, peers: peerCodes, beneficiary: beneficiary?.country, &r) else { continue }
            if let first = overridden[o.indicator] {
                r.fail(FieldReader.join(item.path, "indicator"), "\"\(o.indicator)\" already has an agreed level at \(first); keep one")
            }
            overridden[o.indicator] = item.path
            overrides.append(o)
        }

        let commentFields = r.mapping(top["beneficiary_comments"], "beneficiary_comments", fields: ["text", "date"])
        var comments: ReviewRound.Comments?
        if commentFields != nil, let text = r.string(commentFields, "text", "beneficiary_comments", required: true) {
            comments = ReviewRound.Comments(text: text, date: r.date(commentFields, "date", "beneficiary_comments"))
        }
        let followUp = r.bool(top, "follow_up_requested", "") ?? false

        guard r.problems.isEmpty, let beneficiary else { throw ReportInputError(file: file, problems: r.problems) }
        let folder = (file as NSString).deletingLastPathComponent
        let resolved = casePath.hasPrefix("/") || folder.isEmpty ? casePath : (folder as NSString).appendingPathComponent(casePath)
        return ReviewRound(id: id, file: file, caseFile: (resolved as NSString).standardizingPath, framework: framework,
                           frameworkSHA256: frameworkSHA256?.lowercased(), language: language, beneficiary: beneficiary, secretariat: secretariat, dates: dates, peers: peers,
                           overrides: overrides, comments: comments, followUpRequested: followUp, sha256: sha256)
    }

    static func participant(_ v: LuaValue?, _ path: String, fields: [String], _ r: inout FieldReader) -> ReviewRound.Participant? {
        guard let o = r.mapping(v, path, fields: fields) else { return nil }
        let country = r.country(o, "country", path, required: true)
        let p = ReviewRound.Participant(country: country ?? "", name: r.string(o, "name", path),
                                        institution: r.string(o, "institution", path),
                                        delegation: r.strings(o, "delegation", path))
        return country == nil ? nil : p
    }

    static func peer(_ v: LuaValue, _ path: String, _ r: inout FieldReader) -> ReviewRound.Peer? {
        guard v.objectValue != nil else {
            r.fail(path, "expected a mapping with the peer State's country, levels, comments, experience and recommendations")
            return nil
        }
        let participant = participant(v, path, fields: peerFields, &r)
        let o = v.objectValue
        var levels: [ReviewRound.LevelEntry] = []
        let levelsPath = FieldReader.join(path, "levels")
        if let l = o?["levels"], l != .null {
            if let members = l.objectValue {
                for key in members.keys.sorted() {
                    let p = FieldReader.join(levelsPath, key)
                    if let level = r.level(members[key]!, p) { levels.append(.init(criterion: key, level: level, path: p)) }
                }
            } else {
                r.fail(levelsPath, "expected a mapping of criterion ids to levels, such as { fiscal: 2 }")
            }
        }
        let comments = r.text(o, "comments", path)
        var experience: ReviewRound.Experience?
        let experiencePath = FieldReader.join(path, "experience")
        if let e = r.mapping(o?["experience"], experiencePath, fields: experienceFields) {
            experience = ReviewRound.Experience(title: r.text(e, "title", experiencePath), what: r.text(e, "what", experiencePath),
                                                results: r.text(e, "results", experiencePath),
                                                lessons: r.text(e, "lessons", experiencePath),
                                                conditions: r.text(e, "conditions", experiencePath))
        }
        var recommendations: [ReviewRound.RecommendationEntry] = []
        for (n, item) in r.list(o, "recommendations", path).enumerated() {
            guard let rec = r.mapping(item.value, item.path, fields: recommendationFields) else {
                r.fail(item.path, "expected a mapping with text, criterion, challenge, priority, horizon and owner")
                continue
            }
            let text = r.text(rec, "text", item.path, required: true)
            let criterion = r.string(rec, "criterion", item.path, required: true)
            let id = r.string(rec, "id", item.path) ?? "\(participant?.country ?? "peer").r\(n + 1)"
            let entry = RoundRecord.PeerRecommendation(
                id: id, author: participant?.country ?? "", text: text ?? LocalizedText(""),
                priority: r.choice(rec, "priority", item.path, ["high", "medium", "low"]),
                horizon: r.choice(rec, "horizon", item.path, ["short", "medium", "long"]),
                owner: r.text(rec, "owner", item.path), challenge: r.string(rec, "challenge", item.path),
                criterion: criterion ?? "", indicator: r.string(rec, "indicator", item.path))
            recommendations.append(.init(recommendation: entry, path: item.path))
        }
        guard let participant else { return nil }
        return ReviewRound.Peer(participant: participant, levels: levels, comments: comments, experience: experience,
                                recommendations: recommendations, path: path)
    }

    static func override(_ v: LuaValue, _ path: String, peers: [String], beneficiary: String?,
                         _ r: inout FieldReader) -> ReviewRound.Override? {
        guard let o = r.mapping(v, path, fields: overrideFields) else {
            r.fail(path, "expected a mapping with indicator, level, justification, author and date")
            return nil
        }
        let indicator = r.string(o, "indicator", path, required: true)
        var level: String?
        if let l = o["level"], l != .null { level = r.level(l, FieldReader.join(path, "level")) } else {
            r.fail(FieldReader.join(path, "level"), "missing: the agreed level is required")
        }
        let justification = r.string(o, "justification", path, required: true)
        let author = r.string(o, "author", path, required: true)
        let date = r.date(o, "date", path, required: true)
        if let author, author != "secretariat", !peers.contains(author) {
            let authorPath = FieldReader.join(path, "author")
            if author == beneficiary {
                r.fail(authorPath, "\"\(author)\" is the beneficiary State, which does not set levels; its view goes in beneficiary_comments")
            } else {
                r.fail(authorPath, "\"\(author)\" is not a peer State of this round (peers: \(peers.joined(separator: ", "))); "
                    + "write one of them or \"secretariat\"")
            }
        }
        guard let indicator, let level, let justification, let author, let date else { return nil }
        return ReviewRound.Override(indicator: indicator, level: level, justification: justification, author: author,
                                    date: date, path: path)
    }
}
