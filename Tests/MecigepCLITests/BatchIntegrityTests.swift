import Foundation
import MecigepEngine
import Testing

// A batch run loses nothing silently: every output that cannot be written is reported and
// counted; two runs never mix their files; assess refuses exactly what validate calls invalid.
@Suite("Batch runs lose nothing silently")
struct BatchIntegrityTests {
    static var examples: [String] {
        let folder = Executable.packageRoot.appendingPathComponent("examples/cases")
        return ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []).filter { $0.hasSuffix(".yaml") }
            .sorted().map { folder.appendingPathComponent($0).path }
    }

    @Test func outputsThatCannotBeWrittenAreReportedCountedAndFail() throws {
        // A file size limit makes every write past 300 kB fail, as a full disk would.
        let scratch = Scratch()
        let out = scratch.url.appendingPathComponent("out").path
        let command = ([Executable.url.path, "assess"] + Self.examples + ["--out", out, "--jobs", "2"])
            .map { "'\($0)'" }.joined(separator: " ")
        let run = try Executable.run(["-c", "ulimit -f 300; exec \(command)"], executable: URL(fileURLWithPath: "/bin/bash"))
        #expect(run.status == 1)
        let summary = try #require(Executable.json(try String(contentsOfFile: out + "/summary.json", encoding: .utf8)))
        let rows = try #require(summary["results"] as? [[String: Any]])
        let unwritten = rows.filter { $0["status"] as? String == "not_written" }
        let written = try FileManager.default.contentsOfDirectory(atPath: out).filter { $0.hasSuffix(".json") && !$0.hasPrefix("summary") }
        #expect(!unwritten.isEmpty)
        #expect(summary["not_written"] as? Int == unwritten.count)
        #expect(summary["assessed"] as? Int == written.count, "assessed counts only what was written")
        #expect(written.count + unwritten.count == Self.examples.count)
        for row in unwritten {
            let message = try #require(row["message"] as? String)
            #expect(message.contains("cannot write \(out)/") && message.contains("File too large"))
            #expect(run.stderr.contains(message), "each failure is reported on stderr")
            #expect(row["output"] is NSNull)
        }
        #expect(run.stderr.contains("\(unwritten.count) not written"))
    }

    @Test func aSecondRunIntoTheSameFolderIsRefused() throws {
        let scratch = Scratch()
        let out = scratch.url.appendingPathComponent("out")
        try FileManager.default.createDirectory(at: out, withIntermediateDirectories: true)
        // Hold the folder's lock as a first run would.
        let fd = open(out.path, O_RDONLY | O_DIRECTORY)
        #expect(flock(fd, LOCK_EX | LOCK_NB) == 0)
        let refused = try Executable.run(["assess", Self.examples[0], Self.examples[1], "--out", out.path])
        #expect(refused.status == 2)
        #expect(refused.stderr.contains("another run is writing into \(out.path)"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: out.path).isEmpty)
        flock(fd, LOCK_UN)
        close(fd)
        let allowed = try Executable.run(["assess", Self.examples[0], Self.examples[1], "--out", out.path])
        #expect(allowed.status == 0, "\(allowed.stderr)")
    }

    @Test func jobsAboveTwiceTheCoresAreCappedUnlessForced() throws {
        let cores = ProcessInfo.processInfo.activeProcessorCount
        let scratch = Scratch()
        let capped = try Executable.run(["assess", Self.examples[0], "--jobs", "1000", "--out", scratch.url.path + "/a"])
        #expect(capped.status == 0)
        #expect(capped.stderr.contains("--jobs 1000 capped to \(2 * cores)"))
        let forced = try Executable.run(["assess", Self.examples[0], "--jobs", "64", "--force", "--out", scratch.url.path + "/b"])
        #expect(forced.status == 0)
        #expect(!forced.stderr.contains("capped"))
    }

    /// Mutations of a valid case: each either keeps it valid or breaks it in one way.
    static func corpus(in scratch: Scratch) throws -> [String] {
        var files: [String] = []
        let base = try String(contentsOfFile: examples[0], encoding: .utf8)
        let lines = base.components(separatedBy: "\n")
        func add(_ name: String, _ text: String) { files.append(scratch.write("corpus/\(name)", text)) }
        // Documents that are not a case at all.
        for (name, text) in [("list.yaml", "[]\n"), ("dashes.yaml", "---\n"), ("scalar.yaml", "just text\n"),
                             ("number.json", "42"), ("empty.json", "{}"), ("array.json", "[1, 2]"), ("null.yaml", "~\n")] {
            add(name, text)
        }
        // Every example as it is (valid).
        for (n, file) in examples.enumerated() { add("valid-\(n).yaml", try String(contentsOfFile: file, encoding: .utf8)) }
        // Line by line mutations of the first example: drop a line, or give a value a wrong type.
        var generator = SplitMix64(seed: 9)
        let candidates = lines.indices.filter { lines[$0].contains(": ") && !lines[$0].trimmingCharacters(in: .whitespaces).hasPrefix("#") }
        for k in 0..<60 {
            var mutated = lines
            let at = candidates[Int(generator.next() % UInt64(candidates.count))]
            let indent = String(mutated[at].prefix(while: { $0 == " " || $0 == "-" }))
            let key = mutated[at].dropFirst(indent.count).split(separator: ":", maxSplits: 1).first.map(String.init) ?? "x"
            switch k % 5 {
            case 0: mutated.remove(at: at)
            case 1: mutated[at] = "\(indent)\(key): [1, 2]"
            case 2: mutated[at] = "\(indent)\(key): not-a-value-of-this-kind"
            case 3: mutated[at] = "\(indent)\(key): 12.5"
            default: mutated[at] = "\(indent)\(key): { nested: true }"
            }
            add("mutant-\(k).yaml", mutated.joined(separator: "\n"))
        }
        add("country-lowercase.yaml", base.replacingOccurrences(of: "country: UY", with: "country: uy"))
        add("no-country.yaml", lines.filter { !$0.contains("country: UY") }.joined(separator: "\n"))
        return files
    }

    @Test func assessRefusesExactlyWhatValidateCallsInvalid() throws {
        let scratch = Scratch()
        let files = try Self.corpus(in: scratch)
        let validate = try Executable.run(["validate", "--format", "json"] + files)
        let verdicts = try #require((try? JSONSerialization.jsonObject(with: Data(validate.stdout.utf8))) as? [[String: Any]])
        var valid: [String: Bool] = [:]
        for v in verdicts { valid[v["file"] as! String] = v["valid"] as? Bool }
        let out = scratch.url.appendingPathComponent("out").path
        let assess = try Executable.run(["assess"] + files + ["--out", out])
        let summary = try #require(Executable.json(try String(contentsOfFile: out + "/summary.json", encoding: .utf8)))
        let rows = try #require(summary["results"] as? [[String: Any]])
        #expect(rows.count == files.count)
        var invalidCount = 0
        for row in rows {
            let file = row["file"] as! String
            let assessed = row["output"] is String
            guard let isValid = valid[file] else {
                Issue.record("\(file) has no verdict from validate")
                continue
            }
            #expect(assessed == isValid, "\(file): validate says \(isValid ? "valid" : "invalid"), assess \(assessed ? "assessed it" : "did not")")
            if !isValid { invalidCount += 1 }
        }
        #expect(invalidCount >= 25, "the corpus must exercise invalid cases (\(invalidCount))")
        #expect(invalidCount < files.count - 5, "and valid ones")
        #expect(assess.status == 1)
        #expect(validate.status == 1)
    }
}
