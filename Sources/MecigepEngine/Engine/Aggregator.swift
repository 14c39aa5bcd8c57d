/// The built-in aggregation methods: pure functions of the inputs' grades and weights.
public enum Aggregator {
    public struct Input: Sendable, Hashable {
        public var grade: Grade
        public var weight: Double
        public init(grade: Grade, weight: Double) {
            self.grade = grade
            self.weight = weight
        }
    }

    public struct Failure: Error, Sendable, Equatable { public var message: String }

    /// Combines `inputs` (at least one) with `method` on `scale`. `.lua` is not handled here.
    public static func aggregate(_ method: AggregationMethod, _ inputs: [Input], scale: Scale) throws(Failure) -> Grade {
        guard !inputs.isEmpty else { throw Failure(message: "nothing to aggregate") }
        switch method {
        case .weightedMean(let rounding):
            let total = inputs.reduce(0) { $0 + $1.weight }
            let mean = inputs.reduce(0) { $0 + $1.grade.score * $1.weight } / total
            return scale.grade(score: mean, rounding: rounding)
        case .weakestLink:
            let lowest = inputs.min { $0.grade.score < $1.grade.score }!.grade
            let anyHigher = inputs.contains { $0.grade.score > lowest.score }
            // "+" only on top of a plain level: D and D+ inputs give D+.
            let plus = scale.plus && anyHigher && lowest.level != scale.highest
            return Grade(level: lowest.level, plus: plus || lowest.plus, scale: scale)
        case .conversionTable(let table):
            let key = tableKey(inputs.map(\.grade), scale: scale)
            guard let id = table[key], let grade = scale.grade(id) else {
                throw Failure(message: "the aggregation table has no entry for \"\(key)\"; add [\"\(key)\"] = ...")
            }
            return grade
        case .thresholds(let of, let cutoffs):
            let value = statistic(of, inputs)
            var chosen: String?
            for cutoff in cutoffs where value >= cutoff.minimum { chosen = cutoff.level }
            guard let chosen, let grade = scale.grade(chosen) else {
                throw Failure(message: "\(value) is below the lowest cut-off")
            }
            return grade
        case .piecewise(let of, let points):
            let x = statistic(of, inputs)
            return scale.grade(score: interpolate(x, points))
        case .lua:
            throw Failure(message: "a Lua aggregation runs in the rule runtime")
        }
    }

    /// The key of a multiset of grades: their ids, best first, joined ("ABD").
    public static func tableKey(_ grades: [Grade], scale: Scale) -> String {
        grades.sorted { $0.score > $1.score }.map(\.id).joined()
    }

    static func statistic(_ of: AggregationMethod.Statistic, _ inputs: [Input]) -> Double {
        let sum = inputs.reduce(0) { $0 + $1.grade.score * $1.weight }
        switch of {
        case .sum: return sum
        case .mean: return sum / inputs.reduce(0) { $0 + $1.weight }
        }
    }

    /// Linear interpolation through `points` (sorted by x), flat outside them.
    public static func interpolate(_ x: Double, _ points: [AggregationMethod.Point]) -> Double {
        guard let first = points.first, let last = points.last else { return x }
        if x <= first.x { return first.y }
        if x >= last.x { return last.y }
        for (a, b) in zip(points, points.dropFirst()) where x <= b.x {
            return b.x == a.x ? b.y : a.y + (b.y - a.y) * (x - a.x) / (b.x - a.x)
        }
        return last.y
    }
}
