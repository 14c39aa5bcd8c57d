import Foundation
import Testing

/// Versioned, signed framework packages end to end, as the Secretariat and methodologists use
/// them: release, pack, verify, install, use by ID@VERSION or by file, and the checks that
/// keep one id and version naming one framework.
@Suite("Framework packages: release, pack, verify, install")
struct PackageCommandTests {
    /// A versioned demo framework: a changelog, a rule test naming an example case beside the
    /// rules folder, released as 1.0.0.
    static func released(level: Int = 3) throws -> RulesFolder {
        let rules = RulesFolder(level: level, tests: ["example.yaml": """
            case: ../../../../cases/a.yaml
            expect:
              value: { level: \(level) }
            """])
        _ = rules.writeCase("a.yaml", "id: a\nproblem: { value: 12 }\n")
        rules.scratch.write("rules/frameworks/demo/CHANGELOG.md", """
            # Changelog: demo

            ## 1.0.0 - 2026-11-20

            - adopted by: the participating States of MECIGEP
            - adopted on: 2026-10-15
            - adopted for: rounds opened from 2026-11-01

            - First version.
            """)
        let out = try Executable.run(["release", "demo", "--rules", rules.path])
        #expect(out.status == 0, "\(out.stderr)")
        return rules
    }

    static func run(_ arguments: [String], in rules: RulesFolder) throws -> Executable.Output {
        try Executable.run(arguments, in: rules.scratch.url)
    }

    @Test func packVerifyInstallRoundTripRecordsVersionHashAndSigner() throws {
        let rules = try Self.released()
        let keys = try Self.run(["keys", "new", "secretariat"], in: rules)
        #expect(keys.status == 0, "\(keys.stderr)")
        let pack = try Self.run(["pack", "demo", "--sign", "secretariat.key"], in: rules)
        #expect(pack.status == 0, "\(pack.stderr)")
        let file = rules.scratch.url.appendingPathComponent("demo-1.0.0.mecigep.tar.gz").path
        #expect(FileManager.default.fileExists(atPath: file))

        let verify = try Self.run(["verify", file, "--key", "secretariat.pub"], in: rules)
        #expect(verify.status == 0, "\(verify.stderr)")
        #expect(verify.stdout.contains("demo 1.0.0"))
        #expect(verify.stdout.contains("adoption: adopted by the participating States of MECIGEP on 2026-10-15, for rounds opened from 2026-11-01"))
        #expect(verify.stdout.contains("signature: valid, key "))

        // Installed into another rules folder (another country's methodologist), then used.
        let other = Scratch()
        other.write("rules/.keep", "")
        let otherRules = other.url.appendingPathComponent("rules").path
        let install = try Executable.run(["install", file, "--rules", otherRules, "--key",
                                          rules.scratch.url.appendingPathComponent("secretariat.pub").path])
        #expect(install.status == 0, "\(install.stderr)")
        #expect(FileManager.default.fileExists(atPath: otherRules + "/packages/demo@1.0.0/rules/frameworks/demo/framework.lua"))
        // the example case the tests name travels with the package, at the same relative place
        #expect(FileManager.default.fileExists(atPath: otherRules + "/packages/demo@1.0.0/cases/a.yaml"))
        let caseFile = rules.scratch.url.appendingPathComponent("cases/a.yaml").path
        for spec in ["demo@1.0.0", "demo", file] {
            let assess = try Executable.run(["assess", caseFile, "--rules", otherRules, "--framework", spec])
            #expect(assess.status == 0, "\(spec): \(assess.stderr)")
            let json = try #require(Executable.json(assess.stdout))
            let framework = try #require(json["framework"] as? [String: Any])
            #expect(framework["version"] as? String == "1.0.0")
            let package = try #require(framework["package"] as? [String: Any], "\(spec) must record its package")
            #expect((package["signer"] as? String)?.count == 64)
        }
        // a package file needs no rules folder: its own tests and check run from it
        let empty = Scratch()
        let tests = try Executable.run(["test", "--framework", file], in: empty.url)
        #expect(tests.status == 0 && tests.stdout.contains("1 passed, 0 failed"), "\(tests.stdout)\(tests.stderr)")
        let check = try Executable.run(["check", "--framework", "demo@1.0.0", "--rules", otherRules], in: empty.url)
        #expect(check.status == 0, "\(check.stdout)\(check.stderr)")
        // installing again is a no-op
        let again = try Executable.run(["install", file, "--rules", otherRules])
        #expect(again.status == 0 && again.stdout.contains("already installed"))
        let missing = try Executable.run(["assess", caseFile, "--rules", otherRules, "--framework", "demo@2.0.0"])
        #expect(missing.status == 2)
        #expect(missing.stderr.contains("demo 2.0.0 is not installed (found: 1.0.0 (installed package))"))
        #expect(missing.stderr.contains("mecigep install demo-2.0.0.mecigep.tar.gz"))
    }

    @Test func packingTwiceGivesTheSameBytesWhereverTheRulesLie() throws {
        let rules = try Self.released()
        _ = try Self.run(["keys", "new", "k"], in: rules)
        let first = try Self.run(["pack", "demo", "--sign", "k.key", "--out", "one.tar.gz"], in: rules)
        #expect(first.status == 0, "\(first.stderr)")
        // a copy of the whole project elsewhere, files written in another order and at another time
        let copy = Scratch()
        let source = rules.scratch.url.path
        let enumerator = FileManager.default.enumerator(atPath: source)!
        var paths = (enumerator.allObjects as? [String] ?? []).filter { !$0.hasSuffix(".tar.gz") }
        paths.reverse()
        for path in paths {
            var isDirectory: ObjCBool = false
            FileManager.default.fileExists(atPath: source + "/" + path, isDirectory: &isDirectory)
            if isDirectory.boolValue { continue }
            copy.write(path, String(decoding: FileManager.default.contents(atPath: source + "/" + path)!, as: UTF8.self))
        }
        let second = try Executable.run(["pack", "demo", "--sign", "k.key", "--out", "two.tar.gz"], in: copy.url)
        #expect(second.status == 0, "\(second.stderr)")
        let a = FileManager.default.contents(atPath: rules.scratch.url.appendingPathComponent("one.tar.gz").path)
        let b = FileManager.default.contents(atPath: copy.url.appendingPathComponent("two.tar.gz").path)
        #expect(a != nil && a == b)
    }

    @Test func alteredTruncatedUnsafeOrWronglySignedPackagesAreRefused() throws {
        let rules = try Self.released()
        _ = try Self.run(["keys", "new", "right"], in: rules)
        _ = try Self.run(["keys", "new", "wrong"], in: rules)
        _ = try Self.run(["pack", "demo", "--sign", "right.key"], in: rules)
        let dir = rules.scratch.url.path
        let good = try #require(FileManager.default.contents(atPath: dir + "/demo-1.0.0.mecigep.tar.gz"))
        let python = """
            import gzip, io, sys, tarfile
            d = sys.argv[1]
            raw = gzip.decompress(open(d + '/demo-1.0.0.mecigep.tar.gz', 'rb').read())
            t = bytearray(raw); i = raw.find(b'Raise it'); t[i] = ord('L')
            open(d + '/tampered.tar.gz', 'wb').write(gzip.compress(bytes(t)))
            def one(name, data, kind=tarfile.REGTYPE):
                buf = io.BytesIO()
                with tarfile.open(fileobj=buf, mode='w:gz', format=tarfile.USTAR_FORMAT) as tf:
                    ti = tarfile.TarInfo(name); ti.type = kind; ti.size = len(data) if kind == tarfile.REGTYPE else 0
                    if kind == tarfile.SYMTYPE: ti.linkname = '/etc/passwd'
                    tf.addfile(ti, io.BytesIO(data) if kind == tarfile.REGTYPE else None)
                return buf.getvalue()
            open(d + '/traversal.tar.gz', 'wb').write(one('../x', b'evil'))
            open(d + '/link.tar.gz', 'wb').write(one('rules/x', b'', tarfile.SYMTYPE))
            """
        let helper = rules.scratch.write("make.py", python)
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = ["python3", helper, dir]
        try p.run(); p.waitUntilExit()
        #expect(p.terminationStatus == 0)
        FileManager.default.createFile(atPath: dir + "/truncated.tar.gz", contents: good.prefix(good.count / 2))

        let expected: [(String, [String], String)] = [
            ("tampered.tar.gz", [], "differs from the manifest's digest: the file was changed after packing"),
            ("truncated.tar.gz", [], "the package is truncated"),
            ("traversal.tar.gz", [], "entry \"../x\" is not a plain relative path inside the package"),
            ("link.tar.gz", [], "entry rules/x is a symbolic link"),
            ("demo-1.0.0.mecigep.tar.gz", ["--key", "wrong.pub"], "not by the key you trust"),
        ]
        for (file, extra, message) in expected {
            let verify = try Self.run(["verify", file] + extra, in: rules)
            #expect(verify.status == 1, "\(file)")
            #expect(verify.stderr.contains(message), "\(file): \(verify.stderr)")
            let install = try Self.run(["install", file] + extra, in: rules)
            #expect(install.status == 1 && install.stderr.contains(message), "\(file): \(install.stderr)")
        }
        #expect(!FileManager.default.fileExists(atPath: dir + "/rules/packages/demo@1.0.0"), "nothing refused is installed")
        let unsigned = try Self.run(["pack", "demo", "--out", "unsigned.tar.gz"], in: rules)
        #expect(unsigned.status == 0)
        let needsKey = try Self.run(["verify", "unsigned.tar.gz", "--key", "right.pub"], in: rules)
        #expect(needsKey.status == 1 && needsKey.stderr.contains("the package is not signed"))
    }

    @Test func checkCatchesAChangeWithoutVersionAndAVersionWithoutChangelog() throws {
        let rules = try Self.released()
        let clean = try Self.run(["check", "rules"], in: rules)
        #expect(clean.status == 0, "\(clean.stdout)\(clean.stderr)")
        // the rules change, the version does not
        let file = rules.scratch.url.appendingPathComponent("rules/frameworks/demo/framework.lua").path
        let original = String(decoding: FileManager.default.contents(atPath: file)!, as: UTF8.self)
        rules.scratch.write("rules/frameworks/demo/framework.lua", original.replacingOccurrences(of: "Raise it", with: "Raise the value"))
        let changed = try Self.run(["check", "rules"], in: rules)
        #expect(changed.status == 1)
        #expect(changed.stdout.contains("the rules changed since 1.0.0 was released"))
        #expect(changed.stdout.contains("frameworks/demo/framework.lua changed"))
        // pack refuses the edited copy; ID@1.0.0 refuses it too
        #expect(try Self.run(["pack", "demo"], in: rules).status == 1)
        let pinned = try Self.run(["assess", "cases/a.yaml", "--rules", "rules", "--framework", "demo@1.0.0"], in: rules)
        #expect(pinned.status == 2 && pinned.stderr.contains("its rules changed since 1.0.0 was released"))
        // the version moves, the changelog does not
        rules.scratch.write("rules/frameworks/demo/framework.lua", original.replacingOccurrences(of: "Raise it", with: "Raise the value")
            .replacingOccurrences(of: "version = \"1.0.0\"", with: "version = \"1.0.1\""))
        let noEntry = try Self.run(["check", "rules"], in: rules)
        #expect(noEntry.status == 1)
        #expect(noEntry.stdout.contains("version 1.0.1 (framework.lua) has no entry"))
    }

    @Test func aPatchThatMovesLevelsIsAWarningAndAMinorIsNot() throws {
        let rules = try Self.released(level: 3)
        let file = rules.scratch.url.appendingPathComponent("rules/frameworks/demo/framework.lua").path
        let original = String(decoding: FileManager.default.contents(atPath: file)!, as: UTF8.self)
        let log = rules.scratch.url.appendingPathComponent("rules/frameworks/demo/CHANGELOG.md").path
        let changelog = String(decoding: FileManager.default.contents(atPath: log)!, as: UTF8.self)
        for (version, warned) in [("1.0.1", true), ("1.1.0", false)] {
            rules.scratch.write("rules/frameworks/demo/framework.lua", original
                .replacingOccurrences(of: "return 3 end", with: "return 4 end")
                .replacingOccurrences(of: "version = \"1.0.0\"", with: "version = \"\(version)\""))
            rules.scratch.write("rules/frameworks/demo/CHANGELOG.md", changelog.replacingOccurrences(
                of: "## 1.0.0", with: "## \(version) - 2026-12-05\n\n- Level 4 for large values.\n\n## 1.0.0"))
            let out = try Self.run(["check", "rules"], in: rules)
            #expect(out.status == 0, "\(out.stdout)")
            #expect(out.stdout.contains("is a patch of 1.0.0 but moves 2 levels on the example cases") == warned, "\(version): \(out.stdout)")
            if warned { #expect(out.stdout.contains("cases/a.yaml: value 3 → 4")) }
            #expect(out.stdout.contains("\(version) is not released yet"))
        }
    }

    @Test func aRoundIsAssessedOnlyWithTheFrameworkItPins() throws {
        let root = Executable.packageRoot.path
        let scratch = Scratch()
        let round = try String(contentsOfFile: root + "/examples/rounds/br-participatory-budgeting.round.yaml", encoding: .utf8)
        func write(_ framework: String, _ sha: String?) -> String {
            var text = round.replacingOccurrences(of: "case: ../cases/", with: "case: \(root)/examples/cases/")
            text = text.replacingOccurrences(of: "\nframework_sha256: ", with: "\nold_sha256: ")
            text = text.components(separatedBy: "\n").filter { !$0.hasPrefix("old_sha256: ") && !$0.hasPrefix("framework:") }
                .joined(separator: "\n")
            text += "\nframework: \(framework)\n" + (sha.map { "framework_sha256: \($0)\n" } ?? "")
            return scratch.write("round.yaml", text)
        }
        let frameworks = try Executable.run(["frameworks", "--format", "json"])
        let list = try #require((try? JSONSerialization.jsonObject(with: Data(frameworks.stdout.utf8))) as? [[String: Any]])
        let core = try #require(list.first { $0["id"] as? String == "mecigep-core" })
        let hash = try #require(core["content_sha256"] as? String), version = try #require(core["version"] as? String)

        let pinned = try Executable.run(["round", write("mecigep-core@\(version)", hash), "--format", "json", "--out", "/dev/null"])
        #expect(pinned.status == 0, "\(pinned.stderr)")
        #expect(!pinned.stderr.contains("does not pin"))
        let wrongHash = try Executable.run(["round", write("mecigep-core@\(version)", String(repeating: "0", count: 64)),
                                            "--format", "json", "--out", "/dev/null"])
        #expect(wrongHash.status == 1)
        #expect(wrongHash.stderr.contains("framework_sha256: the round pins mecigep-core \(version) with content 0000000000000000"))
        #expect(wrongHash.stderr.contains("mecigep install mecigep-core-\(version).mecigep.tar.gz"))
        let otherVersion = try Executable.run(["round", write("mecigep-core@0.9.0", nil), "--format", "json", "--out", "/dev/null"])
        #expect(otherVersion.status == 2 && otherVersion.stderr.contains("mecigep-core 0.9.0 is not installed"))
        let unpinned = try Executable.run(["round", write("mecigep-core", nil), "--format", "json", "--out", "/dev/null"])
        #expect(unpinned.status == 0)
        #expect(unpinned.stderr.contains("the round does not pin its framework; add\n  framework: mecigep-core@\(version)"))
    }

    @Test func anExtensionRefusesABaseOutsideItsRange() throws {
        let rules = RulesFolder()
        rules.scratch.write("rules/frameworks/addon/framework.lua", """
            local m = require "mecigep"
            return m.extend("demo", { id = "addon", version = "1.0.0", base_versions = "^2.0.0" })
            """)
        let out = try Executable.run(["check", rules.path, "--framework", "addon"])
        #expect(out.status == 1)
        #expect(out.stdout.contains("extends demo ^2.0.0, but the rules folder has demo 1.0.0"))
        rules.scratch.write("rules/frameworks/addon/framework.lua", """
            local m = require "mecigep"
            return m.extend("demo", { id = "addon", version = "1.0.0", base_versions = "^1.0.0" })
            """)
        #expect(try Executable.run(["check", rules.path, "--framework", "addon"]).status == 0)
    }
}

/// Files written into --out are read by programs: compact JSON unless --pretty, the same value
/// either way, and summaries streamed row by row that read exactly as the whole document would.
@Suite("Batch output size")
struct BatchOutputTests {
    @Test func batchFilesAreCompactUnlessPrettyAndCarryTheSameValue() throws {
        let rules = RulesFolder()
        for n in 0..<5 { _ = rules.writeCase("c\(n).yaml", "id: c\(n)\nproblem: { value: \(n * 5) }\n") }
        _ = rules.writeCase("bad.yaml", "id: [unclosed\n")
        let cases = rules.scratch.url.appendingPathComponent("cases").path
        let compact = rules.scratch.url.appendingPathComponent("compact").path
        let pretty = rules.scratch.url.appendingPathComponent("pretty").path
        let a = try Executable.run(["assess", cases, "--rules", rules.path, "--framework", "demo", "--out", compact])
        let b = try Executable.run(["assess", cases, "--rules", rules.path, "--framework", "demo", "--out", pretty, "--pretty"])
        #expect(a.status == 1 && b.status == 1, "the broken case fails both runs")
        for n in 0..<5 {
            let x = try #require(FileManager.default.contents(atPath: "\(compact)/c\(n).json"))
            let y = try #require(FileManager.default.contents(atPath: "\(pretty)/c\(n).json"))
            #expect(!x.contains(UInt8(ascii: "\n")) || x.firstIndex(of: UInt8(ascii: "\n")) == x.count - 1, "one line")
            #expect(y.count > x.count)
            let vx = try JSONSerialization.jsonObject(with: x) as? NSDictionary
            let vy = try JSONSerialization.jsonObject(with: y) as? NSDictionary
            #expect(vx != nil && vx == vy)
        }
        for name in ["summary.json", "summary.csv"] {
            #expect(FileManager.default.contents(atPath: "\(compact)/\(name)") == FileManager.default.contents(atPath: "\(pretty)/\(name)"))
        }
        // the streamed summary is the document a pretty printer writes, byte for byte
        let summary = try #require(FileManager.default.contents(atPath: "\(compact)/summary.json"))
        let parsed = try #require(try JSONSerialization.jsonObject(with: summary) as? [String: Any])
        #expect((parsed["results"] as? [Any])?.count == 6)
        #expect(String(decoding: summary, as: UTF8.self).hasPrefix("{\n  \"assessed\": 5,\n  \"cases\": 6,\n"))
        #expect(String(decoding: summary, as: UTF8.self).hasSuffix("\n  ],\n  \"rule_errors\": 0\n}\n"))
    }
}
