import Foundation
@testable import MecigepEngine
import Testing

/// `BatchRunner.caseFiles` lists a batch's case files with `readdir`; FileManager's enumerator,
/// filtered by `NSString.pathExtension` and sorted, is what it replaced and what it must agree
/// with, since the list decides which cases run, their order, their output names and the
/// summaries' rows.
@Suite("Case files listed as before")
struct CaseFileListingTests {
    /// The listing it replaced, as it was.
    static func reference(_ paths: [String]) -> [String] {
        var files: [String] = []
        for path in paths {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else { continue }
            if !isDirectory.boolValue {
                files.append(path)
                continue
            }
            files += (FileManager.default.enumerator(atPath: path)?.allObjects as? [String] ?? [])
                .filter { ["yaml", "yml", "json"].contains(($0 as NSString).pathExtension.lowercased()) }
                .sorted()
                .map { (path as NSString).appendingPathComponent($0) }
        }
        return files.sorted()
    }

    /// Guards: over generated folder trees (nested folders, hidden files, every case of the
    /// extensions, names that only look like them, a folder named like a case file, a symbolic
    /// link to a folder and one to a file, accented names), the listing is the reference's, from
    /// the folder's path with and without a final slash and with a file named directly.
    @Test func theListingIsTheEnumeratorsOnGeneratedTrees() throws {
        var generator = SplitMix64(seed: 20261207)
        let stems = ["a", "case-1", "Zeta", "ñandú", "é", ".hidden", "b.c", "x y", "..dots", "0"]
        let endings = [".yaml", ".yml", ".json", ".JSON", ".Yaml", ".txt", "", ".json.bak", ".", ".yamll", "yaml"]
        for tree in 0..<40 {
            // (paths as strings: URLs drop a name's final dot)
            let root = FileManager.default.temporaryDirectory.path + "/mecigep-listing-\(UUID().uuidString)"
            try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(atPath: root) }
            var folders = [root]
            for _ in 0..<Int.random(in: 0...4, using: &generator) {
                let parent = folders.randomElement(using: &generator)!
                let folder = parent + "/" + stems.randomElement(using: &generator)! + (Bool.random(using: &generator) ? "" : ".json")
                if FileManager.default.fileExists(atPath: folder) { continue }
                try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
                folders.append(folder)
            }
            for _ in 0..<Int.random(in: 0...30, using: &generator) {
                let name = stems.randomElement(using: &generator)! + endings.randomElement(using: &generator)!
                let file = folders.randomElement(using: &generator)! + "/" + name
                if FileManager.default.fileExists(atPath: file) { continue }
                #expect(FileManager.default.createFile(atPath: file, contents: Data("id: x\n".utf8)), "\(file)")
            }
            if tree % 4 == 0, folders.count > 1 {
                // links: to a folder (not entered) and to a file (listed)
                try? FileManager.default.createSymbolicLink(atPath: root + "/linked.json", withDestinationPath: folders[1])
                try? FileManager.default.createSymbolicLink(atPath: folders[1] + "/link-dir", withDestinationPath: root)
            }
            for path in [root, root + "/", root + "//", root + "/."] {
                #expect(Array(BatchRunner.caseFiles([path]).files) == Self.reference([path]), "tree \(tree), \(path)")
            }
            let someFile = try FileManager.default.contentsOfDirectory(atPath: root).first.map { root + "/" + $0 }
            let mixed = [root] + (someFile.map { [$0] } ?? []) + [root + "/missing.yaml"]
            let listed = BatchRunner.caseFiles(mixed)
            #expect(Array(listed.files) == Self.reference(mixed), "tree \(tree), mixed")
            #expect(listed.missing == [root + "/missing.yaml"])
        }
    }

    /// Guards: a `CaseFileList` holds what it was given, in `[String].sorted()`'s order, over
    /// generated lists of paths: ASCII and accented, the same letter composed and decomposed
    /// (equal as strings, different as bytes), prefixes of one another, duplicates, whole paths
    /// beside folders' prefixes and names.
    @Test func theCompactListSortsAsStringsSort() {
        var generator = SplitMix64(seed: 20261208)
        let parts = ["a", "b", "B", "a-", "a.json", "é", "e\u{301}", "ñ", "z", "0", "/", "./", "case-1", "case-10", "Ä", " ", "日本"]
        func word() -> String { (0..<Int.random(in: 0...4, using: &generator)).map { _ in parts.randomElement(using: &generator)! }.joined() }
        for round in 0..<300 {
            var list = CaseFileList()
            var plain: [String] = []
            // folders added once each (names in one folder compare by name alone), and sometimes
            // one prefix added twice (two folders whose paths are equal)
            var prefixes = (0..<Int.random(in: 0...4, using: &generator)).map { _ in word() + "/" }
            if let first = prefixes.first, Bool.random(using: &generator) { prefixes.append(first) }
            let folders = prefixes.map { list.addFolder(prefix: $0) }
            for _ in 0..<Int.random(in: 0...40, using: &generator) {
                let name = word()
                if prefixes.isEmpty || Bool.random(using: &generator) {
                    list.append(name)
                    plain.append(name)
                } else {
                    let folder = Int.random(in: 0..<prefixes.count, using: &generator)
                    list.append(name: name, folder: folders[folder])
                    plain.append(prefixes[folder] + name)
                }
            }
            list.sort()
            let expected = plain.sorted()
            // (canonically equivalent spellings are equal as strings: compared as bytes, each
            // path's spelling must be the one the stable sort put there)
            #expect(Array(list).map { Array($0.utf8) } == expected.map { Array($0.utf8) }, "round \(round)")
            #expect(Array(CaseFileList(plain)).map { Array($0.utf8) } == expected.map { Array($0.utf8) }, "round \(round)")
        }
    }

    /// Guards: the extension test answers as `NSString.pathExtension` lower-cased.
    @Test func theExtensionIsReadAsNSStringReadsIt() {
        for name in [".json", "a.JSON", "a.json.bak", "a.", ".hidden.yaml", "x.tar.yml", "a b.json", "..json", "a..json", "json",
                     "ñ.YML", "a.yamL", "a.ymll", "a.jso", "."] {
            let expected = ["yaml", "yml", "json"].contains((name as NSString).pathExtension.lowercased())
            #expect(BatchRunner.hasCaseExtension(name) == expected, "\(name)")
        }
    }

    /// Guards: the shipped examples are listed as the reference lists them.
    @Test func theShippedFoldersAreListedAsBefore() {
        let folders = ["examples", "rules", "examples/cases"].map { Fixtures.repository.appendingPathComponent($0).path }
        #expect(Array(BatchRunner.caseFiles(folders).files) == Self.reference(folders))
        #expect(BatchRunner.caseFiles(folders).files.count > 20)
    }
}
