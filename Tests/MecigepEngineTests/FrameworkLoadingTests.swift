import Foundation
import Testing
@testable import MecigepEngine

@Suite("Loading and validating frameworks")
struct FrameworkLoadingTests {
    @Test func discoversFrameworksInTheRulesFolder() {
        #expect(Fixtures.loader().frameworkIDs() == ["broken", "contracts", "custom", "faulty", "letters", "probe", "stateful", "stateful-counter",
                                                    "stateful-upvalue", "syntax", "tiny", "tiny-addon"])
    }

    @Test func loadsAFramework() throws {
        let fw = try Fixtures.loader().load("tiny")
        #expect(fw.id == "tiny")
        #expect(fw.version == "1.2.0")
        #expect(fw.title.text("es") == "Tiny framework (es)")
        #expect(fw.criteria.map(\.id) == ["evidence", "fiscal"])
        #expect(fw.indicators.map(\.id) == ["baseline", "targets", "costing", "funding"])
        #expect(fw.criteria[0].weight == 2)
        #expect(fw.criteria[1].aggregation == .weakestLink)
        #expect(fw.scale.levels.map(\.id) == ["0", "1", "2", "3", "4"])
        let baseline = try #require(fw.indicators.first)
        #expect(baseline.reads == ["problem.baseline.value", "problem.baseline.source", "problem.baseline.year"])
        #expect(baseline.requires == ["problem.baseline"])
        #expect(baseline.rubric["4"]?.text("en") == "Quantified, sourced, dated and published")
        #expect(baseline.location?.file.hasSuffix("frameworks/tiny/framework.lua") == true)
        #expect(baseline.location?.line == 25)
        #expect(baseline.ruleLocation?.line == 33)
        #expect(fw.sources.map(\.path) == ["frameworks/tiny/framework.lua", "lib/util.lua"])
        #expect(fw.sources.allSatisfy { $0.sha256.count == 64 })
        #expect(fw.contentHash.count == 64)
        #expect(fw.fields.count == 5)
    }

    @Test func reportsEveryStructuralProblemAtOnce() throws {
        var caught: FrameworkLoadError?
        do { _ = try Fixtures.loader().load("broken") } catch { caught = error }
        let error = try #require(caught)
        let text = error.problems.map(\.description)
        let expected = [
            "version must be a semantic version",
            "title is not translated into pt, fr",
            "broken/a: weight must be a positive number (got -1)",
            "unknown aggregation \"median\"",
            "is not a well-formed evidence path",
            "duplicate id \"x\"",
            "levels has 7, which is not a level of the scale",
            "broken/a/y: missing evaluate",
            "duplicate id \"a\"",
            "a criterion needs at least one indicator",
        ]
        for fragment in expected {
            #expect(text.contains { $0.contains(fragment) }, "missing problem: \(fragment)\n\(text.joined(separator: "\n"))")
        }
        // Problems name the file and line of the declaration.
        let weight = try #require(error.problems.first { $0.message.contains("weight") })
        #expect(weight.file?.hasSuffix("frameworks/broken/framework.lua") == true)
        #expect(weight.line == 10)
    }

    @Test func syntaxErrorsNameFileAndLine() throws {
        var caught: FrameworkLoadError?
        do { _ = try Fixtures.loader().load("syntax") } catch { caught = error }
        let problem = try #require(caught?.problems.first)
        #expect(problem.file?.hasSuffix("frameworks/syntax/framework.lua") == true)
        #expect(problem.line == 6)
        #expect(problem.message.contains("'}' expected"))
    }

    @Test func unknownFrameworksListWhatExists() throws {
        var caught: FrameworkLoadError?
        do { _ = try Fixtures.loader().load("nope") } catch { caught = error }
        #expect(caught?.problems.first?.message.contains("found: broken, contracts, custom") == true)
    }

    @Test func compositionReusesTheBase() throws {
        let fw = try Fixtures.loader().load("tiny-addon")
        #expect(fw.extends?.id == "tiny")
        #expect(fw.extends?.version == "1.2.0")
        #expect(fw.indicators.map(\.id) == ["baseline", "costing", "funding", "channels"])
        #expect(fw.criteria.first { $0.id == "fiscal" }?.weight == 3)
        #expect(fw.indicators.first { $0.id == "funding" }?.title.text("en") == "Funding source (strict)")
        #expect(fw.scale.id == "maturity")
        #expect(Set(fw.sources.map(\.path)) == ["frameworks/tiny-addon/framework.lua", "frameworks/tiny/framework.lua", "lib/util.lua"])
    }

    @Test(arguments: ["a.b", "a.b[2].c", "costing[].amount", "_x.y_1"])
    func wellFormedPaths(path: String) { #expect(FrameworkDecoder.isWellFormedPath(path)) }

    @Test(arguments: ["", "a..b", "a.", "1a", "a[x]", "a[0]", "a/b", "a b", "año", "a[01]", "a[1", "a]", "[1]", ".a",
                      "a[[1]]", "a[1]x", "a[\u{0663}]", "a[\u{00BD}]", "e\u{301}"])
    func malformedPaths(path: String) { #expect(!FrameworkDecoder.isWellFormedPath(path)) }

    /// Guards the byte scan that replaced a scan by Characters (for speed): over 20,000 generated
    /// paths made of the characters that matter (letters, digits, ".", "[", "]", "_", "0", a
    /// space, a non-ASCII letter), it answers as the Character version did, the one difference
    /// kept aside: non-ASCII digits inside brackets ("a[٣]"), which the old version let through.
    @Test func theByteScanAnswersAsTheCharacterScan() {
        func reference(_ path: String) -> Bool {
            guard !path.isEmpty else { return false }
            for part in path.split(separator: ".", omittingEmptySubsequences: false) {
                var name = Substring(part)
                while name.hasSuffix("]") {
                    guard let open = name.lastIndex(of: "[") else { return false }
                    let inside = name[name.index(after: open)..<name.index(before: name.endIndex)]
                    guard inside.allSatisfy(\.isNumber), inside.first != "0" else { return false }
                    name = name[..<open]
                }
                guard let first = name.first, first.isLetter || first == "_",
                      name.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" }),
                      name.unicodeScalars.allSatisfy(\.isASCII) else { return false }
            }
            return true
        }
        let alphabet: [String] = ["a", "b", "Z", "_", "0", "1", "9", ".", "[", "]", "[]", "[1]", "[0]", " ", "é", "x.y"]
        var generator = SplitMix64(seed: 20261205)
        var accepted = 0
        for _ in 0..<20_000 {
            let length = Int(generator.next() % 9)
            let path = (0..<length).map { _ in alphabet[Int(generator.next() % UInt64(alphabet.count))] }.joined()
            #expect(FrameworkDecoder.isWellFormedPath(path) == reference(path), "\(path)")
            if reference(path) { accepted += 1 }
        }
        #expect(accepted > 1_000) // the generator reaches well-formed paths, not only broken ones
    }
}
