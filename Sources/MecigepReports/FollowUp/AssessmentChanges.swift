import MecigepEngine

/// What changed, indicator by indicator, between an earlier assessment and a later one (a
/// revised case, or the same case under a newer framework version).
public struct AssessmentChanges: Sendable {
    public enum Direction: String, Sendable, Hashable {
        /// Assessed both times, at a higher level now.
        case up
        case down
        case same
        /// The status changed (insufficient information became assessed, for example).
        case changed
        /// Only in the later assessment.
        case added
        /// Only in the earlier assessment.
        case removed
    }

    public struct Change: Sendable, Hashable {
        public var criterion: String
        public var indicator: String
        public var title: LocalizedText
        public var before: AssessmentSnapshot.Item?
        public var after: AssessmentSnapshot.Item?
        public var direction: Direction
    }

    public var earlier: AssessmentSnapshot
    public var later: AssessmentSnapshot
    /// Every indicator of either assessment, in the later one's order, then removed ones.
    public var all: [Change]

    /// Only the indicators whose result changed.
    public var changed: [Change] { all.filter { $0.direction != .same } }

    public func count(_ d: Direction) -> Int { all.filter { $0.direction == d }.count }

    public init(earlier: AssessmentSnapshot, later: AssessmentSnapshot) {
        self.earlier = earlier
        self.later = later
        var out: [Change] = []
        let before = Dictionary(earlier.items.map { ($0.indicator, $0) }, uniquingKeysWith: { a, _ in a })
        let afterIDs = Set(later.items.map(\.indicator))
        for item in later.items {
            let old = before[item.indicator]
            out.append(Change(criterion: item.criterion, indicator: item.indicator, title: item.title, before: old, after: item,
                              direction: Self.direction(old, item)))
        }
        for item in earlier.items where !afterIDs.contains(item.indicator) {
            out.append(Change(criterion: item.criterion, indicator: item.indicator, title: item.title, before: item, after: nil,
                              direction: .removed))
        }
        all = out
    }

    static func direction(_ a: AssessmentSnapshot.Item?, _ b: AssessmentSnapshot.Item) -> Direction {
        guard let a else { return .added }
        if a.status == .assessed, b.status == .assessed, let x = a.score, let y = b.score {
            return y > x ? .up : y < x ? .down : .same
        }
        if a.status != b.status { return .changed }
        return a.level == b.level ? .same : .changed
    }
}
