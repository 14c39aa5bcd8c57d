import ArgumentParser
import Foundation
import LuaRuntime
import MecigepEngine

/// `mecigep new framework ID`: scaffolds a framework that runs and passes its test.
struct NewCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "new",
        abstract: "Start something new from a working skeleton.",
        subcommands: [NewFrameworkCommand.self]
    )
}

struct NewFrameworkCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "framework",
        abstract: "Create rules/frameworks/ID with one criterion, one indicator, a case and a passing test."
    )

    @Argument(help: "The framework id: letters, digits, '-' and '_'.")
    var id: String

    @OptionGroup var rulesOptions: RulesOptions

    func validate() throws {
        guard !id.isEmpty, id.utf8.count <= 100,
              id.unicodeScalars.allSatisfy({ $0.isASCII && (CharacterSet.alphanumerics.contains($0) || $0 == "-" || $0 == "_") }) else {
            throw ValidationError("the id may hold only letters, digits, '-' and '_' (it is also the folder name)")
        }
    }

    func run() throws {
        let rules = rulesOptions.folder
        let folder = (rules as NSString).appendingPathComponent("frameworks/\(id)")
        if FileManager.default.fileExists(atPath: folder) {
            throw CommandFailure(code: MecigepExit.usage, message: "mecigep new framework: \(folder) already exists; pick another id")
        }
        let files = [
            "framework.lua": NewFrameworkTemplate.framework(id),
            "cases/example.yaml": NewFrameworkTemplate.exampleCase,
            "tests/example.yaml": NewFrameworkTemplate.test,
        ]
        for (relative, text) in files.sorted(by: { $0.key < $1.key }) {
            let path = (folder as NSString).appendingPathComponent(relative)
            try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            try writeAtomically(text, to: path)
            Console.output("created \(path)")
        }
        Console.output("""

            next:
              mecigep test \(rules) --framework \(id)
              mecigep assess \(folder)/cases/example.yaml --rules \(rules) --framework \(id)
            to share it as a version others can verify: add CHANGELOG.md, then mecigep release \(id)
            and mecigep pack \(id) (docs/frameworks.md)
            """)
    }
}

enum NewFrameworkTemplate {
    static func framework(_ id: String) -> String {
        #"""
        -- The \#(id) framework. See docs/rules.md for the rule API.
        local m = require "mecigep"

        return m.framework {
          id = "\#(id)",
          version = "0.1.0",
          title = { en = "\#(id)", es = "\#(id)", pt = "\#(id)", fr = "\#(id)" },
          scale = m.scales.maturity,
          fields = {
            ["problem.baseline[].value"] = "number",
            ["problem.baseline[].year"] = "integer",
          },
          criteria = {
            m.criterion {
              id = "evidence",
              title = { en = "Evidence-based", es = "Basado en evidencia", pt = "Baseado em evidências",
                        fr = "Fondé sur des données probantes" },
              indicators = {
                m.indicator {
                  id = "evidence.baseline",
                  title = { en = "Baseline", es = "Línea de base", pt = "Linha de base", fr = "Situation de référence" },
                  question = { en = "Is the baseline quantified and sourced?",
                               es = "¿La línea de base está cuantificada y tiene fuente?",
                               pt = "A linha de base é quantificada e tem fonte?",
                               fr = "La situation de référence est-elle chiffrée et sourcée ?" },
                  reads = { "problem.baseline[].value", "problem.baseline[].source" },
                  requires = { "problem.baseline" },
                  references = { "OECD (2022), Recommendation on Public Policy Evaluation" },
                  evaluate = function(case, ctx)
                    local first = case.problem.baseline[1]
                    if first == nil then return ctx.insufficient("problem.baseline[1]") end
                    if ctx.check("sourced", first.source ~= nil) and ctx.check("quantified", first.value ~= nil) then
                      return ctx.level(3)
                    end
                    ctx.recommend {
                      text = { en = "State the value and the source of the baseline.",
                               es = "Indique el valor y la fuente de la línea de base.",
                               pt = "Indique o valor e a fonte da linha de base.",
                               fr = "Indiquez la valeur et la source de la situation de référence." },
                      priority = "high", horizon = "short",
                    }
                    return ctx.level(1)
                  end,
                },
              },
            },
          },
        }

        """#
    }

    static let exampleCase = """
        # An example case: replace it with a real submission.
        id: example-1
        identification:
          country: UY
          agency: Example agency
          title: Example initiative
          thematic_area: other
          instrument: program
          planned_launch: 2027-01-01
        problem:
          statement: What the initiative is about.
          baseline:
            - { indicator: waiting days, value: 43, unit: days, source: Registry, year: 2024 }

        """

    static let test = """
        name: example case
        case: ../cases/example.yaml
        expect:
          evidence.baseline: { level: 3, reason: "the baseline has a value and a source" }

        """
}
