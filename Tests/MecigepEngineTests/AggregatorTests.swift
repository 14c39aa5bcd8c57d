import Testing
@testable import MecigepEngine

@Suite("Aggregation methods")
struct AggregatorTests {
    static let pefa = Scale(id: "pefa", kind: .letter, levels: ["D", "C", "B", "A"].enumerated().map {
        Scale.Level(id: $0.element, score: Double($0.offset + 1), label: LocalizedText($0.element), integerID: nil)
    }, plus: true)
    static let maturity = Scale(id: "maturity", kind: .numeric, levels: (0...4).map {
        Scale.Level(id: String($0), score: Double($0), label: LocalizedText(String($0)), integerID: Int64($0))
    }, plus: false)

    static func grade(_ id: String, _ scale: Scale = pefa) -> Grade { scale.grade(id)! }
    static func inputs(_ ids: [String], _ scale: Scale = pefa) -> [Aggregator.Input] {
        ids.map { .init(grade: grade($0, scale), weight: 1) }
    }

    /// Every multiset of `size` letters.
    static func multisets(_ size: Int) -> [[String]] {
        FrameworkDecoder.multisets(of: ["A", "B", "C", "D"], size: size).map { $0.map(String.init) }
    }

    /// An M2 table built the way PEFA's is: the mean of A=4..D=1, rounded down to half steps,
    /// where a half step is the lower letter with "+".
    static func m2Table(_ size: Int) -> [String: String] {
        var table: [String: String] = [:]
        for set in multisets(size) {
            let mean = inputs(set).reduce(0) { $0 + $1.grade.score } / Double(size)
            table[set.joined()] = pefa.grade(score: (mean * 2).rounded(.down) / 2).id
        }
        return table
    }

    @Test(arguments: 2...4)
    func weakestLinkOnEveryMultiset(size: Int) throws {
        for set in Self.multisets(size) {
            let result = try Aggregator.aggregate(.weakestLink, Self.inputs(set), scale: Self.pefa)
            let lowest = set.min { Self.grade($0).score < Self.grade($1).score }!
            let anyHigher = set.contains { $0 != lowest }
            #expect(result.level.id == lowest, "\(set)")
            #expect(result.plus == anyHigher, "\(set)")
            #expect(result.id != "A+")
        }
    }

    @Test func weakestLinkExamples() throws {
        #expect(try Aggregator.aggregate(.weakestLink, Self.inputs(["A", "A", "D"]), scale: Self.pefa).id == "D+")
        #expect(try Aggregator.aggregate(.weakestLink, Self.inputs(["A", "A"]), scale: Self.pefa).id == "A")
        #expect(try Aggregator.aggregate(.weakestLink, Self.inputs(["B", "C", "C"]), scale: Self.pefa).id == "C+")
        #expect(try Aggregator.aggregate(.weakestLink, Self.inputs(["3", "1", "4"], Self.maturity), scale: Self.maturity).id == "1")
    }

    @Test(arguments: 2...4)
    func conversionTableProperties(size: Int) throws {
        let table = Self.m2Table(size)
        let method = AggregationMethod.conversionTable(table)
        for set in Self.multisets(size) {
            let result = try Aggregator.aggregate(method, Self.inputs(set), scale: Self.pefa)
            // Order does not matter.
            for permutation in [set.reversed(), set.shuffled()] {
                #expect(try Aggregator.aggregate(method, Self.inputs(Array(permutation)), scale: Self.pefa) == result)
            }
            // Between the minimum and the maximum.
            let scores = set.map { Self.grade($0).score }
            #expect(result.score >= scores.min()! && result.score <= scores.max()!, "\(set) → \(result.id)")
            // Equal inputs give that grade.
            if Set(set).count == 1 { #expect(result.id == set[0]) }
            // Raising one input never lowers the result.
            for i in set.indices {
                guard let better = ["D": "C", "C": "B", "B": "A"][set[i]] else { continue }
                var raised = set
                raised[i] = better
                let after = try Aggregator.aggregate(method, Self.inputs(raised), scale: Self.pefa)
                #expect(after.score >= result.score, "\(set) → \(raised)")
            }
        }
    }

    @Test func conversionTableKnownRows() throws {
        let method = AggregationMethod.conversionTable(Self.m2Table(2))
        for (set, expected) in [(["A", "B"], "B+"), (["A", "D"], "C+"), (["C", "D"], "D+"), (["B", "B"], "B")] {
            #expect(try Aggregator.aggregate(method, Self.inputs(set), scale: Self.pefa).id == expected)
        }
    }

    @Test func conversionTableMissingRowIsAClearFailure() {
        #expect(throws: Aggregator.Failure.self) {
            try Aggregator.aggregate(.conversionTable(["AA": "A"]), Self.inputs(["A", "B"]), scale: Self.pefa)
        }
    }

    @Test func weightedMean() throws {
        let inputs: [Aggregator.Input] = [.init(grade: Self.grade("4", Self.maturity), weight: 1),
                                          .init(grade: Self.grade("1", Self.maturity), weight: 2)]
        // (4 + 2) / 3 = 2
        #expect(try Aggregator.aggregate(.weightedMean(rounding: .floor), inputs, scale: Self.maturity).id == "2")
        let close: [Aggregator.Input] = Self.inputs(["3", "4"], Self.maturity)
        #expect(try Aggregator.aggregate(.weightedMean(rounding: .floor), close, scale: Self.maturity).id == "3")
        #expect(try Aggregator.aggregate(.weightedMean(rounding: .nearest), close, scale: Self.maturity).id == "4")
        // On a scale with "+", a mean at or past the midpoint gets "+".
        #expect(try Aggregator.aggregate(.weightedMean(rounding: .floor), Self.inputs(["A", "B"]), scale: Self.pefa).id == "B+")
    }

    @Test func thresholdsAndPiecewise() throws {
        let cutoffs: [AggregationMethod.Cutoff] = [.init(minimum: 0, level: "0"), .init(minimum: 5, level: "2"), .init(minimum: 9, level: "4")]
        #expect(try Aggregator.aggregate(.thresholds(of: .sum, cutoffs: cutoffs), Self.inputs(["2", "2"], Self.maturity), scale: Self.maturity).id == "0")
        #expect(try Aggregator.aggregate(.thresholds(of: .sum, cutoffs: cutoffs), Self.inputs(["2", "3"], Self.maturity), scale: Self.maturity).id == "2")
        // SIGMA: 0 points below 25 %, full points at 90 % or more, linear in between.
        let sigma: [AggregationMethod.Point] = [.init(x: 25, y: 0), .init(x: 90, y: 4)]
        #expect(Aggregator.interpolate(10, sigma) == 0)
        #expect(Aggregator.interpolate(57.5, sigma) == 2)
        #expect(Aggregator.interpolate(95, sigma) == 4)
    }

    @Test func scaleGradesAndPlus() {
        #expect(Self.pefa.grade(score: 2.5).id == "C+")
        #expect(Self.pefa.grade(score: 2.49).id == "C")
        #expect(Self.pefa.grade(score: 4).id == "A")
        #expect(Self.pefa.grade("A+") == nil)
        #expect(Self.pefa.grade("B+")?.score == 3.5)
        #expect(Self.maturity.grade(score: 2.99).id == "2")
        #expect(Self.maturity.grade(score: -1).id == "0")
    }
}
