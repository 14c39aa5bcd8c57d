import Foundation
import MecigepEngine
import Testing

/// `mecigep assess --jsonl`: cases in as JSON lines, assessments out as JSON lines. Guarded: one
/// output line per non-blank input line, in input order, the same bytes with any number of jobs
/// and from a file or standard input; each assessment the one `assess --out` writes for the
/// same case (but for where the case came from); a bad line is a line of its own naming its
/// line number, and the rest goes on.
@Suite("assess --jsonl")
struct StreamTests {
    static let rules = Executable.packageRoot.appendingPathComponent("rules").path

    /// The shipped example cases as JSON lines, with a blank line, a malformed line and an
    /// invalid case among them; returns the lines and the example files in order.
    static func corpus(_ scratch: Scratch) throws -> (path: String, lines: [String], files: [String]) {
        let folder = Executable.packageRoot.appendingPathComponent("examples/cases")
        let files = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".yaml") }.sorted()
            .map { folder.appendingPathComponent($0).path }
        var lines = try files.map { try DocumentLoader.load(path: $0).jsonText() }
        lines.insert("", at: 3)
        lines.insert("{\"id\": \"broken\", ", at: 5)
        lines.insert("{\"id\": \"invalid\", \"identification\": {\"country\": 7}}", at: 8)
        return (scratch.write("cases.jsonl", lines.joined(separator: "\n") + "\n"), lines, files)
    }

    @Test func linesComeOutInOrderWithTheSameBytesForAnyJobCount() throws {
        let scratch = Scratch()
        let (path, lines, files) = try Self.corpus(scratch)
        var outputs: [String] = []
        for jobs in [1, 2, 4] {
            let run = try Executable.run(["assess", "--jsonl", path, "--rules", Self.rules, "--jobs", String(jobs)])
            #expect(run.status == 1, "a malformed and an invalid line fail the run: \(run.stderr)")
            #expect(run.stderr.contains("cases.jsonl:6:"), "the malformed line is named by its number: \(run.stderr)")
            outputs.append(run.stdout)
        }
        #expect(outputs[1] == outputs[0] && outputs[2] == outputs[0])
        let out = outputs[0].split(separator: "\n", omittingEmptySubsequences: false).dropLast().map(String.init)
        #expect(out.count == lines.count - 1, "one line out per non-blank line in")

        // the error lines name their line numbers and kinds
        let broken = try #require(Executable.json(out[4]))
        #expect(broken["line"] as? Int == 6)
        #expect((broken["error"] as? [String: Any])?["kind"] as? String == "failed")
        let invalid = try #require(Executable.json(out[7]))
        #expect(invalid["line"] as? Int == 9 && invalid["case"] as? String == "invalid")
        #expect((invalid["error"] as? [String: Any])?["kind"] as? String == "invalid")

        // every other line is the assessment `assess --out` writes for that case
        let folder = scratch.url.appendingPathComponent("out")
        _ = try Executable.run(["assess"] + files + ["--out", folder.path, "--rules", Self.rules])
        let assessed = out.enumerated().filter { ![4, 7].contains($0.offset) }.map(\.element)
        #expect(assessed.count == files.count)
        for (line, file) in zip(assessed, files) {
            let name = ((file as NSString).lastPathComponent as NSString).deletingPathExtension + ".json"
            let written = try String(contentsOf: folder.appendingPathComponent(name), encoding: .utf8)
            var a = try #require(Executable.json(line)), b = try #require(Executable.json(written))
            #expect((a["case"] as? [String: Any])?["file"] as? String != nil)
            var ca = a["case"] as? [String: Any] ?? [:], cb = b["case"] as? [String: Any] ?? [:]
            for key in ["file", "sha256"] { ca[key] = nil; cb[key] = nil }
            a["case"] = ca
            b["case"] = cb
            #expect(NSDictionary(dictionary: a).isEqual(to: b), "\(name) differs between --jsonl and --out")
        }
    }

    @Test func standardInAndAnOutputFile() throws {
        let scratch = Scratch()
        let (path, _, files) = try Self.corpus(scratch)
        let fromFile = try Executable.run(["assess", "--jsonl", path, "--rules", Self.rules])
        let fromStdin = try Executable.run(["assess", "--jsonl", "-", "--rules", Self.rules],
                                           input: try Data(contentsOf: URL(fileURLWithPath: path)))
        // the lines name their source ("<stdin>:N" rather than the path): compare the rest
        #expect(fromStdin.stdout.replacingOccurrences(of: "<stdin>:", with: path + ":") == fromFile.stdout)
        let out = scratch.url.appendingPathComponent("all.jsonl").path
        let toFile = try Executable.run(["assess", "--jsonl", path, "--rules", Self.rules, "--out", out])
        #expect(toFile.stdout.isEmpty)
        #expect(try String(contentsOfFile: out, encoding: .utf8) == fromFile.stdout)
        #expect(toFile.stderr.contains("\(files.count + 2) cases: \(files.count) assessed"), "\(toFile.stderr)")
        #expect(toFile.stderr.contains("cases.jsonl:9: case invalid: invalid case, not assessed"), "\(toFile.stderr)")
    }

    @Test func usageMistakesAreRefused() throws {
        let scratch = Scratch()
        let a = scratch.write("a.jsonl", "{}\n"), b = scratch.write("b.jsonl", "{}\n")
        let two = try Executable.run(["assess", "--jsonl", a, b, "--rules", Self.rules])
        #expect(two.status == 2 && two.stderr.contains("give one input"))
        let folder = try Executable.run(["assess", "--jsonl", scratch.url.path, "--rules", Self.rules])
        #expect(folder.status == 2 && folder.stderr.contains("is a folder"))
        let format = try Executable.run(["assess", "--jsonl", a, "--format", "md", "--rules", Self.rules])
        #expect(format.status == 2 && format.stderr.contains("leave out --format"))
    }
}
