import Foundation
import LuaRuntime
@testable import MecigepEngine
import Testing

/// `mecigep test` evaluates only the indicators a test checks (unless coverage is asked for).
/// That is sound only if an indicator's result never depends on the others being run: each runs
/// in a fresh environment and no state survives a call. This holds every shipped rule test of
/// both frameworks to it: the same verdict, the same failure messages and the same results for the
/// tested indicators as a whole assessment gives; and a deliberately wrong expectation fails
/// the same way on both paths.
@Suite("Rule tests of one indicator evaluate one indicator")
struct RuleTestShortcutTests {
    @Test func everyShippedTestGivesTheSameOutcomeEitherWay() throws {
        let rules = Fixtures.repository.appendingPathComponent("rules").path
        let loader = FrameworkLoader(rulesFolder: rules)
        var compared = 0, shortened = 0
        for id in loader.frameworkIDs() {
            let tests = RuleTest.discover(rulesFolder: rules, frameworks: [id])
            let outcome: Result<[(RuleTestOutcome, RuleTestOutcome, RuleTestOutcome, RuleTestOutcome)], FrameworkLoadError> = LuaThread.run {
                do throws(FrameworkLoadError) {
                    let framework = try loader.load(id)
                    let assessor = try Assessor(framework: framework, loader: loader, engineVersion: "test")
                    return .success(tests.enumerated().map { n, test in
                        let whole = RuleTestRunner.run(test, with: assessor)
                        let short = RuleTestRunner.run(test, with: assessor, onlyTested: true)
                        // every 4th test again with every expected level wrong: it must fail alike both ways
                        guard n % 4 == 0 else { return (whole, short, whole, whole) }
                        var wrong = test
                        wrong.indicators = test.indicators.map { (id: $0.id, expectation: RuleTest.Expectation(
                            level: .string("not-a-level"), status: nil, reason: nil, findings: [])) }
                        return (whole, short, RuleTestRunner.run(wrong, with: assessor),
                                RuleTestRunner.run(wrong, with: assessor, onlyTested: true))
                    })
                } catch { return .failure(error) }
            }
            for (whole, short, wholeWrong, shortWrong) in try outcome.get() {
                #expect(whole.verdict == short.verdict && whole.failures == short.failures, "\(whole.test.file)")
                #expect(wholeWrong.failures == shortWrong.failures, "\(whole.test.file)")
                for (tested, _) in whole.test.indicators {
                    let a = whole.results.first { $0.indicator.id == tested }, b = short.results.first { $0.indicator.id == tested }
                    #expect(a?.grade?.id == b?.grade?.id && a?.status == b?.status && a?.findings.count == b?.findings.count
                            && a?.reads.map(\.path) == b?.reads.map(\.path), "\(whole.test.file): \(tested)")
                }
                if short.assessment == nil { shortened += 1 }
                compared += 1
            }
        }
        #expect(compared >= 100)
        #expect(shortened >= 30, "the tests of single indicators take the short path")
    }
}
