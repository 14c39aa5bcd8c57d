import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing

/// A rules folder with one small framework, built per test.
final class RulesFolder {
    let scratch = Scratch()
    var path: String { scratch.url.appendingPathComponent("rules").path }

    init(level: Int = 3, tests: [String: String] = [:]) {
        scratch.write("rules/frameworks/demo/framework.lua", Self.framework(id: "demo", level: level))
        for (name, text) in tests { scratch.write("rules/frameworks/demo/tests/\(name)", text) }
    }

    func addFramework(_ id: String, level: Int) {
        scratch.write("rules/frameworks/\(id)/framework.lua", Self.framework(id: id, level: level))
    }

    func writeCase(_ name: String, _ text: String) -> String { scratch.write("cases/\(name)", text) }

    static func framework(id: String, level: Int) -> String {
        """
        local m = require "mecigep"
        return m.framework {
          id = "\(id)", version = "1.0.0", title = "Demo", languages = { "en" }, scale = m.scales.maturity,
          fields = { ["problem.value"] = "number" },
          criteria = { m.criterion { id = "c", title = "C", indicators = {
            m.indicator { id = "value", title = "Value", requires = { "problem.value" },
              evaluate = function(case, ctx)
                if ctx.check("large", case.problem.value > 10) then return \(level) end
                ctx.recommend { text = "Raise it", priority = "low" }
                return 1
              end },
            m.indicator { id = "fixed", title = "Fixed", evaluate = function() return 2 end },
          } } },
        }
        """
    }
}

@Suite("mecigep commands, run as an executable")
struct CommandTests {
    @Test func assessOneCasePrintsTheAssessment() throws {
        let rules = RulesFolder()
        let file = rules.writeCase("a.yaml", "id: a\nproblem: { value: 12 }\n")
        let out = try Executable.run(["assess", file, "--rules", rules.path, "--framework", "demo"])
        #expect(out.status == 0, "\(out.stderr)")
        let json = try #require(Executable.json(out.stdout))
        #expect(json["schema_version"] as? String == "1.0")
        #expect(out.stderr.contains("1 case: 1 assessed, 0 insufficient information, 0 errors; 0 rule errors"))
        let yaml = try Executable.run(["assess", file, "--rules", rules.path, "--framework", "demo", "--format", "yaml"])
        #expect(yaml.stdout.contains("schema_version: \"1.0\""))
        let csv = try Executable.run(["assess", file, "--rules", rules.path, "--framework", "demo", "--format", "csv"])
        // header, two indicators, the criterion, the overall level: a spreadsheet needs nothing else
        #expect(csv.stdout.split(separator: "\n").count == 5)
        #expect(csv.stdout.contains("indicator,a,demo,c,C,value,Value,assessed,3,3.0,Documented and resourced,0,0,0,"))
        #expect(csv.stdout.contains("criterion,a,demo,c,C,,,assessed,2,2.0,Partly documented,,,0,"))
        #expect(csv.stdout.contains("overall,a,demo,,Demo,,,assessed,2,2.0,Partly documented,,,0,"))
    }

    @Test func rulesFolderFromTheEnvironment() throws {
        let rules = RulesFolder()
        let file = rules.writeCase("a.yaml", "id: a\nproblem: { value: 12 }\n")
        let out = try Executable.run(["assess", file, "--framework", "demo"], environment: ["MECIGEP_RULES": rules.path])
        #expect(out.status == 0, "\(out.stderr)")
    }

    @Test func aBadCaseAmongGoodOnesDoesNotStopTheBatch() throws {
        let rules = RulesFolder()
        _ = rules.writeCase("good1.yaml", "id: g1\nproblem: { value: 12 }\n")
        _ = rules.writeCase("bad.json", "{\"id\": \"b\", \"problem\": {\"value\": 1,}}")
        _ = rules.writeCase("good2.json", "{\"id\": \"g2\", \"problem\": {\"value\": 2}}")
        let folder = rules.scratch.url.appendingPathComponent("cases").path
        let out = rules.scratch.url.appendingPathComponent("out").path
        let run = try Executable.run(["assess", folder, "--rules", rules.path, "--framework", "demo", "--out", out, "--jobs", "2"])
        #expect(run.status == 1)
        #expect(run.stderr.contains("bad.json:1:35"))
        #expect(run.stderr.contains("3 cases: 2 assessed, 0 insufficient information, 1 error"))
        let written = try FileManager.default.contentsOfDirectory(atPath: out).sorted()
        #expect(written == ["good1.json", "good2.json", "summary.csv", "summary.json"])
        let summary = try #require(Executable.json(String(decoding: FileManager.default.contents(atPath: out + "/summary.json")!, as: UTF8.self)))
        #expect(summary["errors"] as? Int == 1)
        #expect(summary["assessed"] as? Int == 2)
    }

    @Test func configurationErrorsExitWithTwo() throws {
        let rules = RulesFolder()
        let file = rules.writeCase("a.yaml", "id: a\n")
        let unknown = try Executable.run(["assess", file, "--rules", rules.path, "--framework", "nope"])
        #expect(unknown.status == 2)
        #expect(unknown.stderr.contains("no framework \"nope\""))
        let noRules = try Executable.run(["assess", file, "--rules", "/nonexistent/rules", "--framework", "demo"])
        #expect(noRules.status == 2)
        #expect(noRules.stderr.contains("rules folder /nonexistent/rules not found"))
        let second = rules.writeCase("b.yaml", "id: b\n")
        let many = try Executable.run(["assess", file, second, "--rules", rules.path, "--framework", "demo"])
        #expect(many.status == 2)
        #expect(many.stderr.contains("2 cases: pass --out DIR"))
        let missing = try Executable.run(["assess", file, file + ".missing", "--rules", rules.path, "--framework", "demo"])
        #expect(missing.status == 1)
        #expect(missing.stderr.contains("a.yaml.missing: no such file or folder"))
    }

    @Test func ruleErrorsAreShownWithTheirPlaceNeverAsMissingInformation() throws {
        let file = Executable.fixtureCases + "/complete.yaml"
        let text = try Executable.run(["assess", file, "--rules", Executable.fixtureRules, "--framework", "faulty", "--format", "text"])
        #expect(text.status == 1)
        #expect(text.stdout.contains("! 6 rule error"))
        #expect(text.stdout.contains("rule errors (counted as the lowest level; fix the rule, not the case):"))
        #expect(text.stdout.contains("  raises: runtime: attempt to index a nil value (field 'nothing') ("))
        #expect(text.stdout.contains("frameworks/faulty/framework.lua:16)"))
        #expect(!text.stdout.contains("to add to the case"))
        let csv = try Executable.run(["assess", file, "--rules", Executable.fixtureRules, "--framework", "faulty", "--format", "csv"])
        #expect(csv.stdout.contains("sandbox_violation: the os library is not available in rules ("))
        #expect(csv.stdout.contains("frameworks/faulty/framework.lua:19)"))
        let compare = try Executable.run(["compare", file, "--rules", Executable.fixtureRules, "--framework", "faulty",
                                          "--framework", "contracts"])
        #expect(compare.stdout.contains("raises: rule error (runtime: attempt to index a nil value (field 'nothing') ("))
    }

    @Test func textAndYAMLReadWellInEveryLanguage() throws {
        let uy = Executable.packageRoot.appendingPathComponent("examples/cases/uy-digital-government.yaml").path
        let fr = try Executable.run(["assess", uy, "--format", "text", "--lang", "fr"])
        #expect(fr.stdout.contains("niveau  "), "the French header is not cut: \(fr.stdout.prefix(300))")
        let es = try Executable.run(["assess", uy, "--format", "text", "--lang", "es"])
        #expect(es.stdout.contains("38 indicadores"))
        #expect(!es.stdout.contains("\n1 recomendaciones"), "a single recommendation is singular")
        #expect(es.stderr.contains("1 caso: 1 evaluado, 0 con información insuficiente, 0 errores; 0 errores de regla"))
        #expect(fr.stderr.contains("1 dossier : 1 évalué") || fr.stderr.contains("1 dossier: 1 évalué"))
        let validate = try Executable.run(["validate", uy, "--lang", "es"])
        #expect(validate.stdout.contains("(UY-2026-01): válido, 100% de los indicadores tienen información suficiente"))
        // A framework without texts in the language asked for is refused, never mixed silently.
        let refused = try Executable.run(["assess", Executable.fixtureCases + "/complete.yaml", "--rules", Executable.fixtureRules,
                                          "--framework", "faulty", "--lang", "fr"])
        #expect(refused.status == 2)
        #expect(refused.stderr.contains("framework faulty has no texts in fr (it has en)"))
        // explain and diff speak the language asked for; ids, paths and methods stay as written.
        let explain = try Executable.run(["explain", uy, "--indicator", "eb.baseline", "--lang", "es"])
        #expect(explain.stdout.contains("(criterio evidence_based, marco mecigep-core"))
        #expect(explain.stdout.contains("resultado: nivel 4 — "))
        #expect(explain.stdout.contains("campos leídos ("))
        #expect(!explain.stdout.contains("fields read"))
        let criterion = try Executable.run(["explain", uy, "--criterion", "evidence_based", "--lang", "fr"])
        #expect(criterion.stdout.contains("méthode : weighted_mean"), "\(criterion.stdout)")
        #expect(criterion.stdout.contains("poids 1.5"))
        let revised = Executable.packageRoot.appendingPathComponent("examples/rounds/br-participatory-budgeting-revised.yaml").path
        let br = Executable.packageRoot.appendingPathComponent("examples/cases/br-participatory-budgeting.yaml").path
        let diff = try Executable.run(["diff", br, revised, "--lang", "pt"])
        #expect(diff.stdout.contains("anterior:  "))
        #expect(diff.stdout.contains("em alta: "), "\(diff.stdout)")
        #expect(!diff.stdout.contains("moved up"))
        let yaml = try Executable.run(["assess", uy, "--format", "yaml"])
        #expect(yaml.stdout.contains("revisión"))
        #expect(!yaml.stdout.contains("\\xF3"))
    }

    @Test func checkFlagsLiteralLevelsOffTheScale() throws {
        let scratch = Scratch()
        scratch.write("rules/frameworks/lv/framework.lua", """
            local m = require "mecigep"
            return m.framework { id = "lv", version = "1.0.0", title = "L", languages = { "en" }, scale = m.scales.maturity,
              criteria = { m.criterion { id = "c", title = "C", indicators = { m.indicator { id = "i", title = "I",
                evaluate = function(case, ctx)
                  if case.x then return ctx.level(5) end
                  local r = { level = 3 } local y = r.level local z = 7
                  return ctx.level(2, "ok")
                end } } } } }
            """)
        let out = try Executable.run(["check", scratch.url.path + "/rules"])
        #expect(out.status == 1)
        #expect(out.stdout.contains("lv/framework.lua:5: level off the scale: level 5 is not on the scale 'maturity' (0, 1, 2, 3, 4)"))
        #expect(out.stderr.contains("1 problem found"), "only the literal passed to level is flagged: \(out.stdout)")
    }

    /// A misspelt case path reads nothing and quietly lowers a level: `check` names it, from a
    /// field chain on `case` (also through a local) or a path string, with the nearest declared path.
    @Test func checkFlagsCasePathsNoDeclarationNames() throws {
        let scratch = Scratch()
        scratch.write("rules/frameworks/up/framework.lua", """
            local m = require "mecigep"
            return m.framework { id = "up", version = "1.0.0", title = "U", languages = { "en" }, scale = m.scales.maturity,
              fields = { ["evidence.evaluation.budget"] = "number", ["problem.baseline[].value"] = "number" },
              criteria = { m.criterion { id = "c", title = "C", indicators = { m.indicator { id = "i", title = "I",
                reads = { "design.channels" },
                evaluate = function(case, ctx)
                  local ok = case.evidence.evaluation.budget and case.design.channels
                  local e = case.evidence
                  local typo = e.evalution
                  local b = ctx.get("problem.basline")
                  return ctx.level(ok and 2 or 1)
                end } } } } }
            """)
        let out = try Executable.run(["check", scratch.url.path + "/rules"])
        #expect(out.status == 1)
        let lines = out.stdout.split(separator: "\n").filter { $0.contains("undeclared case path") }
        #expect(lines.count == 2, "\(out.stdout)")
        #expect(out.stdout.contains("up/framework.lua:9: undeclared case path: reads case.evidence.evalution, "
            + "which neither the framework's fields nor any indicator's reads declare (did you mean evidence.evaluation?)"))
        #expect(out.stdout.contains("up/framework.lua:10: undeclared case path: names the case path \"problem.basline\""))
        #expect(out.stdout.contains("(did you mean problem.baseline?)"))
    }

    /// Leaving indicators without information out of the averages rewards omission: allowed
    /// when declared, but check says so — as a warning that does not fail the check.
    @Test func checkWarnsAboutExcludingInsufficientInformation() throws {
        let scratch = Scratch()
        scratch.write("rules/frameworks/ex/framework.lua", """
            local m = require "mecigep"
            return m.framework { id = "ex", version = "1.0.0", title = "E", languages = { "en" }, scale = m.scales.maturity,
              insufficient = "exclude",
              criteria = { m.criterion { id = "c", title = "C", indicators = { m.indicator { id = "i", title = "I",
                evaluate = function(case, ctx) return 2 end } } } } }
            """)
        let out = try Executable.run(["check", scratch.url.path + "/rules"])
        #expect(out.status == 0, "\(out.stdout)\(out.stderr)")
        #expect(out.stdout.contains("ex/framework.lua: warning: ex: insufficient = \"exclude\" leaves indicators without information out"))
        #expect(out.stderr.contains("(1 warning)"))
    }

    /// `mecigep robustness` is the methodologists' gate: it exits 1 and names the move when a
    /// rule can be gamed, gives the same moves whatever --jobs, and exits 0 on an honest subset.
    @Test func robustnessNamesForbiddenMovesAndExitsOne() throws {
        let scratch = Scratch()
        let one = scratch.write("p1.yaml", """
            id: p1
            plan: { text: "An evaluation of the pilot will follow the launch with a published report", budget: 200 }
            risks: [{ name: delay, owner: ministry }, { name: uptake }]
            documents: [{ id: d1, title: "Decree 12/2026" }, { id: d2, title: "Budget line 4.1" }]
            """)
        let two = scratch.write("p2.yaml", "id: p2\ndocuments: [{ id: d1, title: Decree }]\n")
        let common = ["--rules", Executable.fixtureRules, "--framework", "probe"]
        let out = try Executable.run(["robustness", one, two] + common)
        #expect(out.status == 1)
        #expect(out.stdout.contains("keywords:"))
        #expect(out.stdout.contains("FORBIDDEN  removal          p1 plan.budget: level 1 → level 3"), "\(out.stdout)")
        #expect(out.stderr.contains("probe 1.0.0: 2 cases, 4 indicators"))
        let json1 = try Executable.run(["robustness", one, two, "--format", "json", "--all", "--jobs", "1"] + common)
        let json2 = try Executable.run(["robustness", one, two, "--format", "json", "--all", "--jobs", "2"] + common)
        #expect(json1.stdout == json2.stdout, "the moves do not depend on --jobs")
        let honest = try Executable.run(["robustness", two, "--only", "neutral_text,list_order"] + common)
        #expect(honest.status == 0, "\(honest.stdout)")
    }

    @Test func checkReportsEveryProblemAndTypos() throws {
        let out = try Executable.run(["check", Executable.fixtureRules])
        #expect(out.status == 1)
        #expect(out.stdout.contains("frameworks/broken/framework.lua:10: broken/a: weight must be a positive number"))
        #expect(out.stdout.contains("frameworks/syntax/framework.lua:6:"))
        #expect(out.stdout.contains("frameworks/faulty/framework.lua:19: undefined global: reads 'os'"))
        let rules = RulesFolder()
        rules.scratch.write("rules/lib/typo.lua", "local M = {}\nfunction M.f(s) return strng.find(s, 'x') .. string.fnd(s) end\nleak = 1\n"
            + "function M.g() _G.count = (_G.count or 0) + 1 end\nfunction M.h(v) rawset(_G, 'seen', v) end\n"
            + "function M.i() local g = _G g.alias = 1 end\nreturn M\n")
        let typo = try Executable.run(["check", rules.path])
        #expect(typo.status == 1)
        #expect(typo.stdout.contains("lib/typo.lua:2: undefined global: reads 'strng', which rule code does not have (did you mean string?)"))
        #expect(typo.stdout.contains("lib/typo.lua:2: unknown library function: string.fnd is not in the string library (did you mean string.find?)"))
        #expect(typo.stdout.contains("lib/typo.lua:3: global assignment: sets global 'leak'"))
        // Globals set through _G, rawset(_G, ...) or an alias of _G are caught the same way.
        #expect(typo.stdout.contains("lib/typo.lua:4: global assignment: sets global 'count' through _G"))
        #expect(typo.stdout.contains("lib/typo.lua:5: global assignment: sets a global with rawset(_G, ...)"))
        #expect(typo.stdout.contains("lib/typo.lua:6: global assignment: sets global 'alias' through _G"))
        let clean = RulesFolder()
        let ok = try Executable.run(["check", clean.path])
        #expect(ok.status == 0, "\(ok.stdout)")
        #expect(ok.stderr.contains("no problems in 1 framework and 1 rule files"))
    }

    @Test func testRunsRuleTestsAndEndsWithTheCount() throws {
        let rules = RulesFolder(tests: [
            "pass.yaml": "case: { id: p, problem: { value: 12 } }\nexpect:\n  value: { level: 3, reason: large }\n",
            "insufficient.yaml": "case: { id: i }\nexpect:\n  value: { status: insufficient_information }\n",
            "skip.yaml": "skip: not yet\ncase: { id: s }\nexpect:\n  value: { level: 4 }\n",
        ])
        let out = try Executable.run(["test", rules.path])
        #expect(out.status == 0, "\(out.stdout)")
        #expect(out.stdout.hasSuffix("2 passed, 0 failed, 1 skipped\n"))
        let failing = RulesFolder(tests: [
            "fail.yaml": "case: { id: f, problem: { value: 12 } }\nexpect:\n  value: { level: 4, reason: \"should be top\" }\n",
        ])
        let bad = try Executable.run(["test", failing.path])
        #expect(bad.status == 1)
        #expect(bad.stdout.contains("indicator value: expected level 4, got level 3 (expected because: should be top)"))
        #expect(bad.stdout.contains("    rule: "), "a failure names the rule's file and line: \(bad.stdout)")
        #expect(bad.stdout.hasSuffix("0 passed, 1 failed\n"))
        // A filter that selects nothing fails: a typo must not pass CI.
        let typo = try Executable.run(["test", rules.path, "--run", "no-such-test"])
        #expect(typo.status == 1)
        #expect(typo.stderr.contains("--run \"no-such-test\" matches none of the 3 tests"))
        let selected = try Executable.run(["test", rules.path, "--run", "pass"])
        #expect(selected.status == 0)
        #expect(selected.stdout.hasSuffix("1 passed, 0 failed\n"))
    }

    @Test func testCoverageAndThreshold() throws {
        let rules = RulesFolder(tests: [
            "pass.yaml": "case: { id: p, problem: { value: 12 } }\nexpect:\n  value: { level: 3 }\n",
        ])
        let out = try Executable.run(["test", rules.path, "--coverage"])
        #expect(out.status == 0)
        #expect(out.stdout.contains("demo  value  1/6  missing 0, 1, 2, 4, insufficient"))
        let strict = try Executable.run(["test", rules.path, "--coverage", "--threshold", "50"])
        #expect(strict.status == 1)
        #expect(strict.stderr.contains("below the threshold of 50.0%"))
    }

    @Test func junitOutputParsesBack() throws {
        let rules = RulesFolder(tests: [
            "pass.yaml": "case: { id: p, problem: { value: 12 } }\nexpect:\n  value: { level: 3 }\n",
            "fail.yaml": "case: { id: f, problem: { value: 12 } }\nexpect:\n  value: { level: 0 }\n",
        ])
        let out = try Executable.run(["test", rules.path, "--format", "junit"])
        #expect(out.status == 1)
        let document = try XMLDocument(data: Data(out.stdout.utf8))
        let suites = try document.nodes(forXPath: "//testsuite")
        #expect(suites.count == 1)
        #expect(try document.nodes(forXPath: "//testcase").count == 2)
        #expect(try document.nodes(forXPath: "//testcase/failure").count == 1)
        #expect(out.stderr.contains("1 passed, 1 failed"))
    }

    @Test func validateSeparatesMalformedFromIncomplete() throws {
        let rules = RulesFolder()
        let incomplete = rules.writeCase("incomplete.yaml", "id: i\n")
        let out = try Executable.run(["validate", incomplete, "--rules", rules.path, "--framework", "demo"])
        #expect(out.status == 0)
        #expect(out.stdout.contains("missing    value (Value): add problem.value"))
        let malformed = rules.writeCase("malformed.yaml", "id: m\nproblem: { value: ten }\n")
        let bad = try Executable.run(["validate", malformed, "--rules", rules.path, "--framework", "demo"])
        #expect(bad.status == 1)
        #expect(bad.stdout.contains("malformed  problem.value: expected a number, got \"ten\""))
    }

    @Test func explainShowsTheTrace() throws {
        let rules = RulesFolder()
        let file = rules.writeCase("a.yaml", "id: a\nproblem: { value: 12 }\n")
        let out = try Executable.run(["explain", file, "--indicator", "value", "--rules", rules.path, "--framework", "demo"])
        #expect(out.status == 0)
        #expect(out.stdout.contains("result:   level 3 — Documented and resourced"))
        #expect(out.stdout.contains("problem.value  12"))
        #expect(out.stdout.contains("[x] large"))
        #expect(out.stdout.contains("rule:     \(rules.path)/frameworks/demo/framework.lua:7"))
        let unknown = try Executable.run(["explain", file, "--indicator", "nope", "--rules", rules.path, "--framework", "demo"])
        #expect(unknown.status == 2)
    }

    @Test func explainKeepsTheTraceOnErrorAndExplainsAggregations() throws {
        let file = Executable.fixtureCases + "/complete.yaml"
        let common = ["--rules", Executable.fixtureRules, "--framework", "faulty"]
        // The rule failed: what it read before failing is still shown.
        let failed = try Executable.run(["explain", file, "--indicator", "raises"] + common)
        #expect(failed.status == 1)
        #expect(failed.stdout.contains("result:   RULE ERROR runtime at "))
        #expect(failed.stdout.contains("fields read (1):"))
        #expect(failed.stdout.contains("nothing  (absent)"))
        let criterion = try Executable.run(["explain", file, "--criterion", "c"] + common)
        #expect(criterion.status == 0, "\(criterion.stderr)")
        #expect(criterion.stdout.contains("method:   weighted_mean"))
        #expect(criterion.stdout.contains("good                      weight 1  level 3"))
        #expect(criterion.stdout.contains("raises                    weight 1  rule error, counts as 0 (the lowest level)"))
        #expect(criterion.stdout.contains("result:   level 0"))
        let overall = try Executable.run(["explain", file, "--overall"] + common)
        #expect(overall.stdout.contains("c                         weight 1  level 0"))
        #expect(overall.stdout.contains("coverage: 1 of 7 indicators assessed, 0 insufficient, 6 failed"))
        let neither = try Executable.run(["explain", file] + common)
        #expect(neither.status == 2)
    }

    @Test func compareFindsTheRuleThatChanged() throws {
        let rules = RulesFolder(level: 3)
        rules.addFramework("demo2", level: 4)
        let a = rules.writeCase("a.yaml", "id: a\nproblem: { value: 12 }\n")
        let b = rules.writeCase("b.yaml", "id: b\nproblem: { value: 2 }\n")
        let out = try Executable.run(["compare", a, b, "--rules", rules.path, "--framework", "demo", "--framework", "demo2"])
        #expect(out.status == 0)
        #expect(out.stdout.contains("value: level 3 → level 4  [up]"))
        #expect(out.stdout.contains("1 moved up, 0 moved down, 0 changed status, 3 unchanged"))
        // Two versions of one framework in two folders.
        let newer = RulesFolder(level: 2)
        let versions = try Executable.run(["compare", a, "--rules", rules.path, "--against", newer.path, "--framework", "demo"])
        #expect(versions.stdout.contains("value: level 3 → level 2  [down]"))
    }

    @Test func frameworksListsVersionsAndHashes() throws {
        let rules = RulesFolder()
        let out = try Executable.run(["frameworks", "--rules", rules.path, "--format", "json"])
        #expect(out.status == 0)
        let list = try #require((try? JSONSerialization.jsonObject(with: Data(out.stdout.utf8))) as? [[String: Any]])
        #expect(list.first?["id"] as? String == "demo")
        #expect((list.first?["content_sha256"] as? String)?.count == 64)
    }

    @Test func newFrameworkRunsAndPassesItsTest() throws {
        let scratch = Scratch()
        let rules = scratch.url.appendingPathComponent("rules").path
        let created = try Executable.run(["new", "framework", "pilot", "--rules", rules])
        #expect(created.status == 0, "\(created.stderr)")
        let test = try Executable.run(["test", rules])
        #expect(test.status == 0, "\(test.stdout)")
        #expect(test.stdout.hasSuffix("1 passed, 0 failed\n"))
        let check = try Executable.run(["check", rules])
        #expect(check.status == 0, "\(check.stdout)")
        let again = try Executable.run(["new", "framework", "pilot", "--rules", rules])
        #expect(again.status == 2)
    }
}
