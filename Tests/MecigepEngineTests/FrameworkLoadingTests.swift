import Foundation
import LuaRuntime
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

    /// The file named `case.schema.json` is read and checked on another thread while the
    /// framework's Lua runs (`SchemaReadAhead`); what the load gives must be what reading the
    /// schema the framework names gives: that file's schema or its error when the framework names
    /// it, another file's when it names another, and nothing from it when it names none.
    @Test(arguments: [
        ("case.schema.json", true, "required a"),
        ("case.schema.json", false, "broken"),
        ("other.schema.json", false, "required b"),
        (nil, false, "no schema"),
    ] as [(String?, Bool, String)])
    func theSchemaReadAheadIsUsedOnlyForTheFileNamed(named: String?, usualValid: Bool, expected: String) throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("mecigep-schema-\(UUID().uuidString)")
        let fw = folder.appendingPathComponent("frameworks/s")
        try FileManager.default.createDirectory(at: fw, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let schemaLine = named.map { "schema = \"\($0)\"," } ?? ""
        try Data("""
            local m = require "mecigep"
            return m.framework { id = "s", version = "1.0.0", title = "S", languages = { "en" }, \(schemaLine)
              scale = m.scales.maturity, criteria = { m.criterion { id = "c", title = "C", indicators = {
                m.indicator { id = "i", title = "i", reads = { "a" }, evaluate = function() return 1 end } } } } }
            """.utf8).write(to: fw.appendingPathComponent("framework.lua"))
        let usual = usualValid ? #"{"type": "object", "required": ["a"]}"# : #"{"type": "object", "required": ["a"],"#
        try Data(usual.utf8).write(to: fw.appendingPathComponent("case.schema.json"))
        try Data(#"{"type": "object", "required": ["b"]}"#.utf8).write(to: fw.appendingPathComponent("other.schema.json"))
        let loader = FrameworkLoader(rulesFolder: folder.path)
        switch expected {
        case "broken":
            var caught: FrameworkLoadError?
            do { _ = try loader.load("s") } catch { caught = error }
            let problem = try #require(caught?.problems.first)
            #expect(problem.message.hasPrefix("case schema:"), "\(problem)")
            #expect(problem.file?.hasSuffix("frameworks/s/case.schema.json") == true)
        case "no schema":
            #expect(try loader.load("s").caseSchema == nil)
        default:
            let schema = try #require(try loader.load("s").caseSchema)
            // (the schema the framework names requires its own field, and only that one)
            let missing = schema.violations(of: .object(["c": 1])).map(\.path)
            #expect(missing == [expected == "required a" ? "a" : "b"], "\(missing)")
        }
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

    /// A framework whose module files came from the other thread's bytecode (ModulePrecompiler)
    /// is the framework its text gives: the same content hash and indicators, and the same
    /// assessment, byte for byte (titles, rubrics, findings, traces), of every example case — for
    /// both shipped frameworks.
    @Test(arguments: ["mecigep-core", "pefa-budget"])
    func precompiledModulesAssessAsTheirText(framework id: String) throws {
        let loader = FrameworkLoader(rulesFolder: Fixtures.repository.appendingPathComponent("rules").path)
        let files = BatchRunner.caseFiles([Fixtures.repository.appendingPathComponent("examples").path]).files
        let outcome: Result<(used: Int, same: Bool, cases: Int, differing: [String]), any Error> = LuaThread.run {
            Result {
                // one runtime with every module from bytecode (the compiling finished first) ...
                let runtime = try LuaRuntime(configuration: loader.runtimeConfiguration)
                let precompiler = ModulePrecompiler(entry: FrameworkLoader.entryModule(id), configuration: loader.runtimeConfiguration)
                precompiler.waitUntilFinished()
                let fromBytecode = try loader.load(id, into: runtime, precompiler: precompiler)
                WarmRuntime.shared.keep(runtime, for: fromBytecode, loader: loader)
                let first = try Assessor(framework: fromBytecode, loader: loader, engineVersion: "t")
                // ... and one that compiled the same files from text (no runtime is kept for it)
                let fromText = try loader.load(id, into: try LuaRuntime(configuration: loader.runtimeConfiguration))
                let second = try Assessor(framework: fromText, loader: loader, engineVersion: "t")
                var cases = 0
                var differing: [String] = []
                for file in files {
                    guard let document = try? CaseDocument.load(path: file),
                          let a = try? first.assess(document), let b = try? second.assess(document) else { continue }
                    cases += 1
                    if a.jsonBytes() != b.jsonBytes() { differing.append(file) }
                }
                let same = fromBytecode.contentHash == fromText.contentHash
                    && String(describing: fromBytecode.indicators.map(\.id)) == String(describing: fromText.indicators.map(\.id))
                return (precompiler.counts.used, same, cases, differing)
            }
        }
        let result = try outcome.get()
        #expect(result.used >= 8)            // the framework's own files and the lib modules it requires
        #expect(result.same)
        #expect(result.cases >= 10)
        #expect(result.differing.isEmpty)
    }
    /// What a framework is made of is the bytes that ran: its sources' digests are those of the
    /// module files as `require` read them (not the files read again afterwards), and a batch
    /// worker whose runtime ran other bytes (a file edited between the two loads) is refused
    /// instead of running rules the framework's hashes do not name.
    @Test func sourcesAreTheBytesThatRan() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("mecigep-sources-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("frameworks"), withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: Fixtures.rules + "/frameworks/tiny", toPath: folder.path + "/frameworks/tiny")
        try FileManager.default.copyItem(atPath: Fixtures.rules + "/lib", toPath: folder.path + "/lib")
        let util = folder.path + "/lib/util.lua"
        let original = try #require(FileManager.default.contents(atPath: util))
        let loader = FrameworkLoader(rulesFolder: folder.path, limits: Fixtures.loader().limits)
        let outcome: Result<(Framework, String?), any Error> = LuaThread.run {
            Result {
                let framework = try loader.load("tiny")
                // edited after the load: a worker's runtime now runs other bytes
                try (String(decoding: original, as: UTF8.self) + "\n-- edited\n").write(toFile: util, atomically: true, encoding: .utf8)
                let worker = try LuaRuntime(configuration: loader.runtimeConfiguration)
                do throws(FrameworkLoadError) {
                    try loader.instantiate(framework, into: worker)
                    return (framework, nil)
                } catch { return (framework, error.description) }
            }
        }
        let (framework, refusal) = try outcome.get()
        #expect(framework.sources.first { $0.path == "lib/util.lua" }?.sha256 == SHA256.hex(of: original))
        #expect(refusal?.contains("the framework's files changed while it was being loaded") == true)
    }
}
