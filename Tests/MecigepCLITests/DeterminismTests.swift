import Foundation
import MecigepEngine
import Testing

// Guards the engine's first promise from the outside, as a Secretariat runs it: an assessment
// depends on the case and the framework alone. The same corpus (every shipped example case, plus
// a hostile framework's corpus) assessed in three different orders and with 1, 2 and 4 jobs must
// give byte-identical files: the per-case assessments and both summaries.
@Suite("Results do not depend on case order or job count")
struct DeterminismTests {
    /// Every file an `assess --out` run wrote, by name, as bytes.
    static func outputs(_ folder: URL) throws -> [String: Data] {
        var files: [String: Data] = [:]
        for name in try FileManager.default.contentsOfDirectory(atPath: folder.path) where !name.hasPrefix(".") {
            files[name] = try Data(contentsOf: folder.appendingPathComponent(name))
        }
        return files
    }

    static func runs(cases: [String], rules: String, framework: String, format: String) throws -> [(String, [String: Data])] {
        var shuffled = cases
        var generator = SplitMix64(seed: 20261204)
        shuffled.shuffle(using: &generator)
        let plans: [(String, [String], Int)] = [
            ("sorted, 1 job", cases, 1), ("reversed, 1 job", cases.reversed(), 1), ("shuffled, 1 job", shuffled, 1),
            ("shuffled, 2 jobs", shuffled, 2), ("reversed, 4 jobs", cases.reversed(), 4),
        ]
        let scratch = Scratch()
        var results: [(String, [String: Data])] = []
        for (n, plan) in plans.enumerated() {
            let out = scratch.url.appendingPathComponent("out-\(n)")
            let run = try Executable.run(["assess"] + plan.1 + ["--out", out.path, "--jobs", String(plan.2), "--rules", rules,
                                                                 "--framework", framework, "--format", format])
            #expect(run.status == 0 || run.status == 1, "\(plan.0): \(run.stderr)")
            results.append((plan.0, try outputs(out)))
        }
        return results
    }

    @Test func shippedExamplesGiveTheSameBytesInEveryOrderAndJobCount() throws {
        let folder = Executable.packageRoot.appendingPathComponent("examples/cases")
        let cases = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".yaml") }.sorted()
            .map { folder.appendingPathComponent($0).path }
        #expect(cases.count >= 10)
        let results = try Self.runs(cases: cases, rules: Executable.packageRoot.appendingPathComponent("rules").path,
                                    framework: "mecigep-core", format: "json")
        let (_, reference) = results[0]
        #expect(reference.count == cases.count + 2) // one file per case, summary.json, summary.csv
        for (name, files) in results.dropFirst() {
            #expect(files.keys.sorted() == reference.keys.sorted(), "\(name)")
            for (file, bytes) in reference where files[file] != bytes {
                Issue.record("\(name): \(file) differs from the sorted, one-job run")
            }
        }
    }

    @Test func aHostileFrameworkCannotMakeResultsDependOnOrder() throws {
        // The stateful framework tries every way to carry state between calls; whatever it does,
        // the files must not change with order or jobs.
        let scratch = Scratch()
        var cases: [String] = []
        for n in 0..<8 {
            cases.append(scratch.write("case-\(n).yaml", "id: c\(n)\nidentification:\n  country: UY\nnote: \(String(repeating: "x", count: n))\n"))
        }
        let results = try Self.runs(cases: cases, rules: Executable.fixtureRules, framework: "stateful", format: "json")
        let (_, reference) = results[0]
        for (name, files) in results.dropFirst() {
            for (file, bytes) in reference where files[file] != bytes {
                Issue.record("\(name): \(file) differs from the sorted, one-job run")
            }
        }
    }
}

