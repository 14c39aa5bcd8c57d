import ArgumentParser
import Foundation
import Synchronization
import LuaRuntime
import MecigepEngine

/// `mecigep test [DIR]`: runs the rule tests of every framework (or one).
struct TestCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "test",
        abstract: "Run rule tests: cases with the results each indicator must give.",
        discussion: """
            Tests live in rules/frameworks/<id>/tests/ as YAML or JSON (docs/rules.md). Each \
            failure is printed as expected vs. actual; the run ends with "N passed, N failed" \
            (and ", N skipped"). Exit code 1 on any failure.
            """
    )

    @Argument(help: "The rules folder (default: --rules, $MECIGEP_RULES, else ./rules).")
    var directory: String?

    @OptionGroup var rulesOptions: RulesOptions
    @OptionGroup var limitOptions: LimitOptions

    @Option(help: "Only this framework's tests (ID; ID@VERSION or a package file: the package's own tests).")
    var framework: String?

    @Option(help: "Output: text, json or junit.")
    var format: TestFormat = .text

    @Flag(help: "Report which levels of each indicator the tests reached.")
    var coverage = false

    @Option(help: "With --coverage: fail when less than this share (percent) of levels is reached.")
    var threshold: Double?

    @Option(name: .customLong("run"), help: "Only tests whose name or file contains this text.")
    var pattern: String?

    @Flag(help: "Run again whenever a file under the rules folder changes.")
    var watch = false

    enum TestFormat: String, ExpressibleByArgument { case text, json, junit }

    func run() throws {
        var options = rulesOptions
        if let directory { options.rules = directory }
        // ID@VERSION or a package file: that package's own rules folder and tests
        let (loader, only) = try packagedRules(framework, options.loader(limits: limitOptions.limits, for: framework))
        var command = self
        command.framework = only
        if !watch {
            let report = try command.runOnce(loader)
            if report.failed > 0 || report.belowThreshold { throw CommandFailure(code: MecigepExit.failure, message: nil) }
            return
        }
        var last = Self.snapshot(loader.rulesFolder)
        _ = try? command.runOnce(loader)
        Console.error("watching \(loader.rulesFolder) for changes (Ctrl-C to stop)")
        while true {
            Thread.sleep(forTimeInterval: 0.5)
            let now = Self.snapshot(loader.rulesFolder)
            if now != last {
                last = now
                Console.error("\n— change detected, running again —")
                _ = try? command.runOnce(loader)
            }
        }
    }

    /// Modification times of every file under the folder.
    static func snapshot(_ folder: String) -> [String: Date] {
        var out: [String: Date] = [:]
        for path in FileManager.default.enumerator(atPath: folder)?.allObjects as? [String] ?? [] {
            let full = (folder as NSString).appendingPathComponent(path)
            out[path] = (try? FileManager.default.attributesOfItem(atPath: full))?[.modificationDate] as? Date
        }
        return out
    }

    struct Report {
        var passed = 0, failed = 0, skipped = 0
        var belowThreshold = false
    }

    /// Runs a framework's tests on every core, one assessor per thread (tests share nothing: each
    /// indicator runs in a fresh environment), and returns the outcomes in the tests' order.
    static func runInParallel(_ tests: [RuleTest], framework: Framework, loader: FrameworkLoader,
                              onlyTested: Bool) throws(FrameworkLoadError) -> [RuleTestOutcome] {
        // A second assessor costs a framework instantiation: worth it from a dozen tests on.
        let workers = max(1, min(ProcessInfo.processInfo.activeProcessorCount, tests.count / 12))
        if workers == 1 {
            let assessor = try Assessor(framework: framework, loader: loader, engineVersion: MecigepVersion.current)
            return tests.map { RuleTestRunner.run($0, with: assessor, onlyTested: onlyTested) }
        }
        let results = Mutex<[RuleTestOutcome?]>(Array(repeating: nil, count: tests.count))
        let setupFailure = Mutex<FrameworkLoadError?>(nil)
        // Tests differ in cost (a whole example case against one indicator's fixture): each worker
        // takes the next test not yet taken, so none waits while another has a long tail.
        let nextTest = Mutex(0)
        LuaThread.runEach(workers) { _ in
            let assessor: Assessor
            do throws(FrameworkLoadError) {
                assessor = try Assessor(framework: framework, loader: loader, engineVersion: MecigepVersion.current)
            } catch { setupFailure.withLock { $0 = error }; return }
            while true {
                let index = nextTest.withLock { next in
                    defer { next += 1 }
                    return next
                }
                guard index < tests.count else { break }
                let outcome = RuleTestRunner.run(tests[index], with: assessor, onlyTested: onlyTested)
                results.withLock { $0[index] = outcome }
            }
        }
        if let failure = setupFailure.withLock({ $0 }) { throw failure }
        return results.withLock { $0.compactMap { $0 } }
    }

    func runOnce(_ loader: FrameworkLoader) throws -> Report {
        let ids = framework.map { [$0] } ?? loader.frameworkIDs()
        if let framework, !loader.frameworkIDs().contains(framework) {
            throw CommandFailure(code: MecigepExit.usage, message: "mecigep test: no framework \"\(framework)\" in \(loader.rulesFolder)/frameworks")
        }
        var tests = RuleTest.discover(rulesFolder: loader.rulesFolder, frameworks: ids)
        if let pattern {
            let all = tests.count
            tests = tests.filter { $0.name.contains(pattern) || $0.file.contains(pattern) }
            // A filter that selects nothing is a mistake (a typo would otherwise pass CI).
            if tests.isEmpty {
                throw CommandFailure(code: MecigepExit.failure, message: "mecigep test: --run \"\(pattern)\" matches none of the "
                    + "\(all) tests (names and files are matched); check the name\n0 passed, 0 failed")
            }
        }
        var outcomes: [RuleTestOutcome] = []
        var loadFailures: [(String, String)] = []
        var frameworks: [String: Framework] = [:]
        let groups = Dictionary(grouping: tests, by: \.framework)
        let order = groups.keys.sorted()
        // The frameworks load and run their tests at the same time (a small framework's tests then
        // fill the cores a large one leaves idle); outcomes are reported in the frameworks' order.
        let coverage = coverage
        let results = Mutex<[Result<(Framework, [RuleTestOutcome]), FrameworkLoadError>?]>(Array(repeating: nil, count: order.count))
        LuaThread.runEach(order.count) { k in
            let id = order[k]
            let result: Result<(Framework, [RuleTestOutcome]), FrameworkLoadError>
            do throws(FrameworkLoadError) {
                let fw = try loader.load(id)
                // Coverage needs every indicator's result; otherwise a test of one indicator runs one.
                result = .success((fw, try Self.runInParallel(groups[id]!, framework: fw, loader: loader, onlyTested: !coverage)))
            } catch { result = .failure(error) }
            results.withLock { $0[k] = result }
        }
        for (k, id) in order.enumerated() {
            guard let result = results.withLock({ $0[k] }) else { continue }
            switch result {
            case .success(let (fw, list)):
                frameworks[id] = fw
                outcomes += list
            case .failure(let error):
                loadFailures.append((id, error.description))
                outcomes += groups[id]!.map { RuleTestOutcome(test: $0, verdict: .failed,
                                                              failures: ["framework \(id) did not load (its problems are listed above)"],
                                                              assessment: nil, seconds: 0) }
            }
        }
        // A framework that fails to load is reported once, not in every one of its tests.
        for (_, message) in loadFailures { Console.error("mecigep test: \(message)") }
        // Reads of case paths nothing declares: a misspelt path reads nothing and lowers a level
        // silently, so each is reported once, with the nearest declared path.
        var noted = Set<String>()
        for o in outcomes {
            for r in o.results {
                for read in r.undeclaredReads {
                    let path = Assessor.pattern(read.path)
                    guard noted.insert("\(o.test.framework)/\(r.indicator.id)/\(path)").inserted else { continue }
                    let location = r.indicator.ruleLocation.map { "\($0.description): " } ?? ""
                    Console.error("\(location)note: indicator \(r.indicator.id) read \(path), which neither the framework's "
                        + "fields nor the indicator's reads declare" + (read.nearest.map { " (did you mean \($0)?)" } ?? "")
                        + " (in test \(o.test.name))")
                }
            }
        }
        var report = Report()
        for o in outcomes {
            switch o.verdict {
            case .passed: report.passed += 1
            case .failed: report.failed += 1
            case .skipped: report.skipped += 1
            }
        }
        let coverageReport = coverage ? TestCoverage(frameworks: frameworks, outcomes: outcomes) : nil
        if let threshold, let coverageReport, coverageReport.percent < threshold { report.belowThreshold = true }
        switch format {
        case .text: printText(outcomes, report, coverageReport)
        case .json: Console.output(jsonReport(outcomes, report, coverageReport).jsonText(pretty: true))
        case .junit: Console.output(junit(outcomes))
        }
        if report.belowThreshold, let threshold, let coverageReport {
            Console.error(String(format: "coverage %.1f%% is below the threshold of %.1f%%", coverageReport.percent, threshold))
        }
        if format != .text { Console.error(closingLine(report)) }
        return report
    }

    func closingLine(_ r: Report) -> String {
        "\(r.passed) passed, \(r.failed) failed" + (r.skipped > 0 ? ", \(r.skipped) skipped" : "")
    }

    func printText(_ outcomes: [RuleTestOutcome], _ report: Report, _ coverage: TestCoverage?) {
        for o in outcomes {
            switch o.verdict {
            case .passed: Console.output("PASS  \(o.test.framework)  \(o.test.name)")
            case .skipped: Console.output("SKIP  \(o.test.framework)  \(o.test.name): \(o.failures.first ?? "")")
            case .failed:
                Console.output("FAIL  \(o.test.framework)  \(o.test.name)  (\(o.test.file))")
                for f in o.failures { Console.output("      \(f)") }
            }
        }
        if let coverage { Console.output(coverage.text) }
        Console.output(closingLine(report))
    }

    func jsonReport(_ outcomes: [RuleTestOutcome], _ report: Report, _ coverage: TestCoverage?) -> LuaValue {
        var o: [String: LuaValue] = [
            "passed": .integer(Int64(report.passed)), "failed": .integer(Int64(report.failed)),
            "skipped": .integer(Int64(report.skipped)),
            "tests": .array(outcomes.map { t in
                ["framework": .string(t.test.framework), "name": .string(t.test.name), "file": .string(t.test.file),
                 "verdict": .string(t.verdict.rawValue), "failures": .array(t.failures.map { .string($0) })]
            }),
        ]
        if let coverage { o["coverage"] = coverage.value }
        return .object(o)
    }

    func junit(_ outcomes: [RuleTestOutcome]) -> String {
        func escape(_ s: String) -> String {
            s.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
                .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
        }
        var lines = ["<?xml version=\"1.0\" encoding=\"UTF-8\"?>"]
        let groups = Dictionary(grouping: outcomes, by: \.test.framework)
        let failures = outcomes.filter { $0.verdict == .failed }.count
        let skipped = outcomes.filter { $0.verdict == .skipped }.count
        lines.append("<testsuites name=\"mecigep\" tests=\"\(outcomes.count)\" failures=\"\(failures)\" skipped=\"\(skipped)\">")
        for id in groups.keys.sorted() {
            let list = groups[id]!
            lines.append("  <testsuite name=\"\(escape(id))\" tests=\"\(list.count)\" failures=\"\(list.filter { $0.verdict == .failed }.count)\" skipped=\"\(list.filter { $0.verdict == .skipped }.count)\">")
            for o in list {
                let time = String(format: "%.3f", o.seconds)
                lines.append("    <testcase classname=\"\(escape(id))\" name=\"\(escape(o.test.name))\" file=\"\(escape(o.test.file))\" time=\"\(time)\">")
                switch o.verdict {
                case .failed:
                    lines.append("      <failure message=\"\(escape(o.failures.first ?? "failed"))\">\(escape(o.failures.joined(separator: "\n")))</failure>")
                case .skipped:
                    lines.append("      <skipped message=\"\(escape(o.failures.first ?? ""))\"/>")
                case .passed: break
                }
                lines.append("    </testcase>")
            }
            lines.append("  </testsuite>")
        }
        lines.append("</testsuites>")
        return lines.joined(separator: "\n")
    }
}

/// Which levels (and the insufficient-information path) of each indicator the tests reached.
struct TestCoverage {
    var rows: [(framework: String, indicator: String, reached: [String], missing: [String])] = []
    var reachedCount = 0
    var total = 0

    init(frameworks: [String: Framework], outcomes: [RuleTestOutcome]) {
        for id in frameworks.keys.sorted() {
            let fw = frameworks[id]!
            let assessments = outcomes.filter { $0.test.framework == id }.compactMap(\.assessment)
            for indicator in fw.indicators {
                let targets = fw.scale.levels.map(\.id) + ["insufficient"]
                var reached = Set<String>()
                for a in assessments {
                    guard let r = a.indicatorResults.first(where: { $0.indicator.id == indicator.id }) else { continue }
                    if r.status == .assessed, let g = r.grade { reached.insert(g.level.id) }
                    if r.status == .insufficientInformation { reached.insert("insufficient") }
                }
                let got = targets.filter(reached.contains)
                rows.append((id, indicator.id, got, targets.filter { !reached.contains($0) }))
                reachedCount += got.count
                total += targets.count
            }
        }
    }

    var percent: Double { total == 0 ? 100 : Double(reachedCount) * 100 / Double(total) }

    var text: String {
        var lines = ["", "coverage (levels reached per indicator, and the insufficient-information path):"]
        for r in rows {
            let missing = r.missing.isEmpty ? "all reached" : "missing " + r.missing.joined(separator: ", ")
            lines.append("  \(r.framework)  \(r.indicator)  \(r.reached.count)/\(r.reached.count + r.missing.count)  \(missing)")
        }
        lines.append(String(format: "coverage: %.1f%% (%d of %d)", percent, reachedCount, total))
        return lines.joined(separator: "\n")
    }

    var value: LuaValue {
        ["percent": .double((percent * 10).rounded() / 10), "reached": .integer(Int64(reachedCount)), "total": .integer(Int64(total)),
         "indicators": .array(rows.map { r in
            ["framework": .string(r.framework), "indicator": .string(r.indicator),
             "reached": .array(r.reached.map { .string($0) }), "missing": .array(r.missing.map { .string($0) })]
         })]
    }
}
