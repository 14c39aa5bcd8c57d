import Testing
@testable import MecigepEngine

/// `CaseValidator.steps` reads a path byte by byte (it runs for every declared field of every
/// case); the Character-based reading it replaced is kept here as its specification.
@Suite("Path steps")
struct PathStepsTests {
    static func reference(_ path: String) -> [CaseValidator.Step] {
        var out: [CaseValidator.Step] = []
        for part in path.split(separator: ".") {
            var name = Substring(part)
            var selectors: [CaseValidator.Step] = []
            while name.hasSuffix("]"), let open = name.lastIndex(of: "[") {
                let inside = name[name.index(after: open)..<name.index(before: name.endIndex)]
                selectors.insert(inside.isEmpty ? .each : .index(Int(inside) ?? 1), at: 0)
                name = name[..<open]
            }
            out.append(.key(String(name)))
            out += selectors
        }
        return out
    }

    @Test func examples() {
        #expect(CaseValidator.steps("a.b[2].c") == [.key("a"), .key("b"), .index(2), .key("c")])
        #expect(CaseValidator.steps("fiscal.costing[].amount") == [.key("fiscal"), .key("costing"), .each, .key("amount")])
        #expect(CaseValidator.steps("a[1][]") == [.key("a"), .index(1), .each])
        #expect(CaseValidator.steps("..a..") == [.key("a")])
        #expect(CaseValidator.steps("") == [])
    }

    /// Over 20,000 generated paths (keys with UTF-8 letters, selectors, stray brackets and dots,
    /// empty parts, numbers that do not parse): the same steps as the reference.
    @Test func sameStepsAsTheCharacterReading() {
        let pieces = ["a", "bc", "é", "ção", ".", "..", "[", "]", "[]", "[1]", "[12]", "[x]", "[-3]", "[[1]]", "1", "_"]
        var seed: UInt64 = 77
        func next(_ n: Int) -> Int {
            seed = seed &* 6364136223846793005 &+ 1442695040888963407
            return Int((seed >> 33) % UInt64(n))
        }
        var differences = 0
        for _ in 0..<20_000 {
            let path = (0..<next(7)).map { _ in pieces[next(pieces.count)] }.joined()
            if CaseValidator.steps(path) != Self.reference(path) {
                differences += 1
                if differences <= 5 { Issue.record("\(path): \(CaseValidator.steps(path)) vs \(Self.reference(path))") }
            }
        }
        #expect(differences == 0)
    }
}
