import Foundation
@testable import MecigepCLI
import MecigepEngine
import Testing

/// `OutputNames` keeps only renamed outputs and remembers taken names by their hash; the names
/// must be exactly those of the set of strings it replaced, since they are the files a batch
/// writes and the summaries list.
@Suite("Output names as before")
struct OutputNamesTests {
    /// The naming it replaced, as it was.
    static func reference(_ files: [String], _ ext: String) -> [String] {
        var used: Set<String> = ["summary.json", "summary.csv"]
        var names: [String] = []
        for file in files {
            let stem = ((file as NSString).lastPathComponent as NSString).deletingPathExtension
            var name = "\(stem).\(ext)"
            var n = 2
            while used.contains(name) {
                name = "\(stem)-\(n).\(ext)"
                n += 1
            }
            used.insert(name)
            names.append(name)
        }
        return names
    }

    /// Guards: over generated batches full of clashes (one stem in many folders and with many
    /// extensions, stems that are another's renamed form such as `a-2`, stems named like the
    /// summaries, hidden and dotted names), every output name is the reference's, for each format.
    @Test func namesAreTheReferencesOnGeneratedBatches() {
        var generator = SplitMix64(seed: 20261207)
        let stems = ["a", "a-2", "a-3", "summary", "b.c", ".hidden", "é", "case-1", "case-1-2", "x"]
        let folders = ["/c", "/c/sub", "/d", "rel", "/c/a.json"]
        let exts = [".yaml", ".yml", ".json", ".JSON", ".tar.yml"]
        for batch in 0..<200 {
            let files = (0..<Int.random(in: 0...60, using: &generator)).map { _ in
                folders.randomElement(using: &generator)! + "/" + stems.randomElement(using: &generator)!
                    + exts.randomElement(using: &generator)!
            }.sorted()
            for ext in ["json", "csv", "yaml", "md"] {
                let names = OutputNames(files: CaseFileList(files), extension: ext)
                let expected = Self.reference(files, ext)
                #expect(files.indices.map { names[$0] } == expected, "batch \(batch), \(ext)")
            }
        }
    }

    /// Guards: the names stay right on a batch of 30,000 distinct files with clashing stems.
    @Test func aLargeBatchIsNamedAsBefore() {
        let files = (0..<30_000).map { "/cases/\($0 % 7)/case-\($0 / 7).json" }.sorted()
        let names = OutputNames(files: CaseFileList(files), extension: "json")
        let expected = Self.reference(files, "json")
        #expect(files.indices.allSatisfy { names[$0] == expected[$0] })
        #expect(Set(expected).count == files.count)
    }

    /// Guards: one stem in 1,500 folders (each case renamed past all before it), and stems that
    /// are those renamed forms, are named as before.
    @Test func manyCasesWithOneStemAreNamedAsBefore() {
        let files = ((0..<1_500).map { "/cases/\($0)/case.json" } + (2..<40).map { "/other/case-\($0).yaml" }).sorted()
        let names = OutputNames(files: CaseFileList(files), extension: "json")
        #expect(files.indices.map { names[$0] } == Self.reference(files, "json"))
    }
}
