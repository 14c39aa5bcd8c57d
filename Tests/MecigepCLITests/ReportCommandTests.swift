import Foundation
import Testing

/// `mecigep report`, `round` and `diff`, run as an executable on the report tests' fixtures
/// (the "tiny" framework, a case, a round with three peer States, a follow-up).
@Suite("mecigep report, round and diff, run as an executable")
struct ReportCommandTests {
    static let fixtures = Executable.packageRoot.appendingPathComponent("Tests/MecigepReportsTests/Fixtures")
    static func fixture(_ path: String) -> String { fixtures.appendingPathComponent(path).path }
    static let rules = fixture("rules")
    static let round = fixture("rounds/permits-round.yaml")
    static let followUp = fixture("rounds/permits-follow-up.yaml")
    static let caseFile = fixture("cases/permits.yaml")

    /// A copy of the fixture round with `replace` applied to its text, in a scratch folder next
    /// to copies of the cases (so that `case: ../cases/...` still resolves).
    static func editedRound(_ scratch: Scratch, _ replace: [(String, String)], name: String = "rounds/round.yaml") throws -> String {
        var text = try String(contentsOfFile: round, encoding: .utf8)
        for (a, b) in replace {
            precondition(text.contains(a), "the fixture round has no \(a)")
            text = text.replacingOccurrences(of: a, with: b)
        }
        for file in ["permits.yaml", "permits-revised.yaml"] {
            scratch.write("cases/" + file, try String(contentsOfFile: fixture("cases/" + file), encoding: .utf8))
        }
        return scratch.write(name, text)
    }

    @Test func roundWithThreePeersInMarkdownAndHTML() throws {
        let md = try Executable.run(["round", Self.round, "--rules", Self.rules])
        #expect(md.status == 0, "\(md.stderr)")
        #expect(md.stdout.hasPrefix("# Informe de revisión entre pares"), "the round file's language (es) by default")
        for peer in ["**Chile** (CL)", "**Uruguay** (UY)", "**Perú** (PE)"] { #expect(md.stdout.contains(peer)) }
        #expect(md.stdout.contains("| Criterio | Nivel (reglas) | Acordado | Chile | Uruguay | Perú | Dispersión |"))
        #expect(md.stdout.contains("**Autor:** Uruguay"))
        #expect(md.stdout.contains("## 8. Seguimiento informativo"), "the beneficiary asked for a follow-up")
        #expect(md.stdout.contains("aún no se ha informado ninguno"))

        let scratch = Scratch()
        let out = scratch.url.appendingPathComponent("report.html").path
        let html = try Executable.run(["round", Self.round, "--rules", Self.rules, "--follow-up", Self.followUp, "--lang", "en", "--out", out])
        #expect(html.status == 0, "\(html.stderr)")
        #expect(html.stdout.isEmpty)
        let text = try String(contentsOfFile: out, encoding: .utf8)
        #expect(text.hasPrefix("<!DOCTYPE html>\n<html lang=\"en\">"), "the format follows --out's extension")
        #expect(text.contains("What changed in the revised case"))
    }

    @Test func roundAsJSONKeepsTheRulesLevelAndTheAgreedOne() throws {
        let run = try Executable.run(["round", Self.round, "--rules", Self.rules, "--format", "json"])
        #expect(run.status == 0, "\(run.stderr)")
        let json = try #require(Executable.json(run.stdout))
        let round = try #require(json["round"] as? [String: Any])
        #expect((round["peers"] as? [Any])?.count == 3)
        let criteria = try #require(json["criteria"] as? [[String: Any]])
        let indicators = criteria.flatMap { $0["indicators"] as? [[String: Any]] ?? [] }
        let costing = try #require(indicators.first { $0["id"] as? String == "costing" })
        #expect((costing["result"] as? [String: Any])?["level"] as? Int == 1)
        #expect((costing["agreed"] as? [String: Any])?["level"] as? Int == 2)
    }

    @Test func reportInTwoLanguages() throws {
        let en = try Executable.run(["report", Self.caseFile, "--rules", Self.rules, "--framework", "tiny"])
        #expect(en.status == 0, "\(en.stderr)")
        #expect(en.stdout.hasPrefix("# Assessment report"))
        #expect(en.stdout.contains("## 6. Recommendations"))
        #expect(en.stdout.contains("**Planned launch:** 1 September 2026"))
        let fr = try Executable.run(["report", Self.caseFile, "--rules", Self.rules, "--framework", "tiny", "--lang", "fr", "--format", "html"])
        #expect(fr.status == 0, "\(fr.stderr)")
        #expect(fr.stdout.contains("<html lang=\"fr\">"))
        #expect(fr.stdout.contains("<h1>Rapport d&#39;évaluation</h1>"))
        #expect(fr.stdout.contains("1er septembre 2026"))
        #expect(!fr.stdout.contains("<script") && !fr.stdout.contains("http"))
    }

    @Test func assessWritesReportsToo() throws {
        let run = try Executable.run(["assess", Self.caseFile, "--rules", Self.rules, "--framework", "tiny", "--format", "md", "--lang", "es"])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.hasPrefix("# Informe de evaluación"))
        #expect(run.stdout.contains("### Desafíos de implementación"), "the case is read again from its file")
    }

    @Test func badRoundFilesGivePathPreciseErrors() throws {
        let scratch = Scratch()
        let file = try Self.editedRound(scratch, [("  - country: UY\n", "  - country: XX\n"), ("author: UY", "author: AR")])
        let run = try Executable.run(["round", file, "--rules", Self.rules])
        #expect(run.status == 1)
        #expect(run.stdout.isEmpty)
        #expect(run.stderr.contains("\(file): peers[2].country: \"XX\" is not an ISO 3166-1 alpha-2 code"), "\(run.stderr)")
        #expect(run.stderr.contains("\(file): overrides[1].author: \"AR\" is not a peer State of this round (peers: CL, PE)"), "\(run.stderr)")

        let unknown = try Self.editedRound(scratch, [("criterion: fiscal\n        challenge: c2", "criterion: fiscal\n        challenge: c7"),
                                                     ("indicator: funding", "indicator: fundng")], name: "rounds/unknown.yaml")
        let second = try Executable.run(["round", unknown, "--rules", Self.rules])
        #expect(second.status == 1)
        #expect(second.stderr.contains("peers[2].recommendations[1].challenge: \"c7\" is not an implementation challenge of the case (c1, c2)"), "\(second.stderr)")
        #expect(second.stderr.contains("overrides[2].indicator: \"fundng\" is not an indicator of tiny"), "\(second.stderr)")
    }

    @Test func badFollowUpFilesGivePathPreciseErrors() throws {
        let scratch = Scratch()
        let followUp = scratch.write("follow-up.yaml", """
            round: MECIGEP-2026-R3
            date: 2027-03-15
            statuses:
              - { recommendation: baseline.r1, status: adopted, date: 2026-12-01 }
              - { recommendation: AR.r1, status: adopted, date: 2026-12-01 }
              - { recommendation: costing.r1, status: maybe, date: 2026-12-01 }
            """)
        let run = try Executable.run(["round", Self.round, "--rules", Self.rules, "--follow-up", followUp])
        #expect(run.status == 1)
        #expect(run.stderr.contains("\(followUp): statuses[3].status: \"maybe\" is not one of: adopted, in_progress, not_adopted, not_applicable"), "\(run.stderr)")
        let fixed = scratch.write("follow-up-2.yaml", """
            round: MECIGEP-2026-R3
            date: 2027-03-15
            statuses:
              - { recommendation: AR.r1, status: adopted, date: 2026-12-01 }
            """)
        let second = try Executable.run(["round", Self.round, "--rules", Self.rules, "--follow-up", fixed])
        #expect(second.status == 1)
        #expect(second.stderr.contains("statuses[1].recommendation: \"AR.r1\" is not a recommendation of this report"), "\(second.stderr)")
    }

    @Test func usageErrors() throws {
        let missing = try Executable.run(["round", "/nonexistent/round.yaml", "--rules", Self.rules])
        #expect(missing.status == 2)
        #expect(missing.stderr.contains("no such round file"))
        let format = try Executable.run(["report", Self.caseFile, "--rules", Self.rules, "--format", "pdf"])
        #expect(format.status == 2)
    }

    @Test func diffOfACaseAndItsRevision() throws {
        let run = try Executable.run(["diff", Self.caseFile, Self.fixture("cases/permits-revised.yaml"), "--rules", Self.rules,
                                      "--framework", "tiny"])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.contains("baseline — Baseline: level 1 → level 3  [up]"))
        #expect(run.stdout.contains("funding — Funding source: insufficient information → level 2  [changed]"))
        #expect(run.stdout.contains("2 moved up, 0 moved down, 1 changed status, 1 unchanged"))
        // An earlier assessment kept as JSON compares the same way.
        let scratch = Scratch()
        let assessed = try Executable.run(["assess", Self.caseFile, "--rules", Self.rules, "--framework", "tiny"])
        let earlier = scratch.write("earlier.json", assessed.stdout)
        let json = try Executable.run(["diff", earlier, Self.fixture("cases/permits-revised.yaml"), "--rules", Self.rules,
                                       "--framework", "tiny", "--format", "json"])
        #expect(json.status == 0, "\(json.stderr)")
        #expect(Executable.json(json.stdout)?["up"] as? Int == 2)
    }

    @Test func theExampleRoundRunsWithTheCoreFramework() throws {
        let root = Executable.packageRoot
        let round = root.appendingPathComponent("examples/rounds/br-participatory-budgeting.round.yaml").path
        let followUp = root.appendingPathComponent("examples/rounds/br-participatory-budgeting.follow-up.yaml").path
        guard FileManager.default.fileExists(atPath: round) else { return }
        let run = try Executable.run(["round", round, "--follow-up", followUp, "--rules", root.appendingPathComponent("rules").path,
                                      "--format", "html"])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.contains("<html lang=\"pt\">"))
    }
}
