// Figures for `mecigep assess` over a generated corpus: cases per second with one job and with
// every core, peak memory, how the time splits between Lua and the host, and (with --large)
// the same for ten times as many cases.
import Foundation
import LuaRuntime
import MecigepEngine

struct AssessBenchmark {
    var cases = 10_000
    var rules = "rules"
    var framework = "mecigep-core"
    var seeds = "examples/cases"
    var large = false

    init(arguments: [String]) {
        var i = 0
        while i < arguments.count {
            let value = i + 1 < arguments.count ? arguments[i + 1] : ""
            switch arguments[i] {
            case "--cases": cases = Int(value) ?? cases; i += 1
            case "--rules": rules = value; i += 1
            case "--framework": framework = value; i += 1
            case "--seeds": seeds = value; i += 1
            case "--large": large = true
            default: break
            }
            i += 1
        }
    }

    /// Deterministic variations of the seed cases: blocks dropped, numbers moved, new ids.
    static func generate(count: Int, seeds: [LuaValue], into folder: String) throws {
        let marker = (folder as NSString).appendingPathComponent(".complete-v2-\(count)")
        if FileManager.default.fileExists(atPath: marker) { return }
        try? FileManager.default.removeItem(atPath: folder)
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        for n in 0..<count {
            var rng = SplitMix64(seed: UInt64(n) &+ 1)
            var value = vary(seeds[n % seeds.count], rng: &rng, depth: 0)
            if case .object(var o) = value { o["id"] = .string(String(format: "synthetic-%06d", n)); value = .object(o) }
            let path = (folder as NSString).appendingPathComponent(String(format: "case-%06d.yaml", n))
            _ = FileManager.default.createFile(atPath: path, contents: Data(value.yamlText().utf8))
        }
        _ = FileManager.default.createFile(atPath: marker, contents: Data())
    }

    static func vary(_ v: LuaValue, rng: inout SplitMix64, depth: Int) -> LuaValue {
        switch v {
        case .object(let o):
            var out: [String: LuaValue] = [:]
            for (k, x) in o {
                // Identification stays: it is required. Other top-level blocks go one time in ten
                // (inside a block, a field may be required by the schema: it stays, so that the
                // corpus measures assessments, not the refusal of invalid cases).
                if depth == 0, k != "id", k != "identification", rng.next() % 10 == 0 { continue }
                out[k] = vary(x, rng: &rng, depth: depth + 1)
            }
            return .object(out)
        case .array(let a): return .array(a.map { vary($0, rng: &rng, depth: depth + 1) })
        case .double(let d): return .double((d * (0.8 + Double(rng.next() % 400) / 1000) * 100).rounded() / 100)
        case .integer(let i) where i > 3000:
            // amounts move; years, codes and small counts (an SDG number, a level) stay valid
            return .integer(max(0, i + Int64(rng.next() % 21) - 10))
        default: return v
        }
    }

    struct Run { var seconds: Double; var peakKB: Int; var status: Int32 }

    /// Runs the real executable and reads its peak memory from wait4.
    static func spawn(_ executable: String, _ arguments: [String]) -> Run {
        var pid: pid_t = 0
        let argv: [UnsafeMutablePointer<CChar>?] = ([executable] + arguments).map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
        defer { posix_spawn_file_actions_destroy(&actions) }
        let started = Date()
        guard posix_spawn(&pid, executable, &actions, nil, argv, environ) == 0 else { return Run(seconds: 0, peakKB: 0, status: -1) }
        var status: Int32 = 0
        var usage = rusage()
        wait4(pid, &status, 0, &usage)
        return Run(seconds: Date().timeIntervalSince(started), peakKB: usage.ru_maxrss, status: (status >> 8) & 0xff)
    }

    func run() throws {
        let seedFiles = Array(BatchRunner.caseFiles([seeds]).files)
        let seedValues = seedFiles.compactMap { try? DocumentLoader.load(path: $0) }
        guard !seedValues.isEmpty else {
            print("no seed cases in \(seeds) (pass --seeds DIR)")
            return
        }
        let executable = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("mecigep").path
        guard FileManager.default.isExecutableFile(atPath: executable) else {
            print("build mecigep next to the benchmark first: swift build -c release")
            return
        }
        let cores = ProcessInfo.processInfo.activeProcessorCount
        print("mecigep-bench assess: framework \(framework) from \(rules), \(seedValues.count) seed cases, \(cores) cores")
        let sizes = large ? [cases, cases * 10] : [cases]
        var perCase: [Int: Double] = [:]
        for size in sizes {
            let corpus = corpusFolder(size, seeds: seedFiles)
            let generated = Date()
            try Self.generate(count: size, seeds: seedValues, into: corpus)
            print(String(format: "corpus: %d YAML cases in %@ (ready in %.1f s)", size, corpus, Date().timeIntervalSince(generated)))
            for jobs in (size == cases ? [1, cores] : [cores]) {
                let out = NSTemporaryDirectory() + "mecigep-bench-out-\(size)-\(jobs)"
                try? FileManager.default.removeItem(atPath: out)
                let r = Self.spawn(executable, ["assess", corpus, "--rules", rules, "--framework", framework,
                                               "--out", out, "--jobs", String(jobs)])
                try? FileManager.default.removeItem(atPath: out)
                let rate = Double(size) / r.seconds
                if jobs == cores { perCase[size] = r.seconds / Double(size) }
                print(String(format: "  %6d cases, %d job%@: %7.1f s  %8.1f cases/s  peak memory %6.1f MiB  (exit %d)",
                             size, jobs, jobs == 1 ? " " : "s", r.seconds, rate, Double(r.peakKB) / 1024, r.status))
                if jobs == 1 { perCase[-1] = rate }
                if jobs == cores, jobs > 1, let single = perCase[-1] {
                    print(String(format: "  speed-up from 1 to %d jobs: %.2fx (target >= 1.8x on 2 cores)", jobs, rate / single))
                }
            }
        }
        if large, let small = perCase[cases], let big = perCase[cases * 10] {
            print(String(format: "time per case: %.3f ms at %d cases, %.3f ms at %d cases (ratio %.2f; 1.0 is linear)",
                         small * 1000, cases, big * 1000, cases * 10, big / small))
        }
        try split(corpus: corpusFolder(cases, seeds: seedFiles))
    }

    /// A corpus folder per size and seed set, so that a corpus made from other seeds is not reused.
    func corpusFolder(_ size: Int, seeds: [String]) -> String {
        let key = SHA256.hex(of: Array(seeds.joined(separator: "\n").utf8)).prefix(12)
        return NSTemporaryDirectory() + "mecigep-bench-corpus-\(key)-\(size)"
    }

    /// Where the time goes, in process, one thread: reading cases, Lua, and the rest.
    func split(corpus: String) throws {
        let files = Array(BatchRunner.caseFiles([corpus]).files.prefix(2000))
        let loader = FrameworkLoader(rulesFolder: rules)
        let fw = try loader.load(framework)
        let figures: (Double, Double, Double, Int, Int) = LuaThread.run {
            let assessor = try! Assessor(framework: fw, loader: loader, engineVersion: "bench")
            var reading = 0.0, total = 0.0
            let start = Date()
            for file in files {
                let t0 = Date()
                guard let document = try? CaseDocument.load(path: file) else { continue }
                reading += Date().timeIntervalSince(t0)
                if let a = try? assessor.assess(document) { _ = a.jsonText() }
            }
            total = Date().timeIntervalSince(start)
            return (total, reading, assessor.luaSeconds, assessor.luaCalls, assessor.reruns)
        }
        let (total, reading, lua, calls, reruns) = figures
        let host = total - reading - lua
        print(String(format: "time split over %d cases (1 thread): Lua calls %.0f %% (%d calls, %d indicators run "
                     + "again exactly), reading YAML %.0f %%, host (validation, aggregation, JSON) %.0f %%", files.count,
                     lua / total * 100, calls, reruns, reading / total * 100, host / total * 100))
    }
}

