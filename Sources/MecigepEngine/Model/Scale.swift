import LuaRuntime

/// The levels a framework scores on: a numeric maturity scale (0-4) or an ordinal letter scale
/// (PEFA's D, C, B, A), optionally with "+" results between two levels.
public struct Scale: Sendable, Hashable {
    public enum Kind: String, Sendable { case numeric, letter }

    public struct Level: Sendable, Hashable {
        /// How the level is written: "3", "B".
        public var id: String
        /// The numeric score aggregation works on.
        public var score: Double
        public var label: LocalizedText
        /// For numeric scales, the id as an integer (emitted as a JSON number).
        public var integerID: Int64?

        /// The id as JSON: an integer for numeric scales, else a string.
        public var idValue: LuaValue { integerID.map { .integer($0) } ?? .string(id) }
    }

    public var id: String
    public var kind: Kind
    /// Ascending by score.
    public var levels: [Level]
    /// Whether aggregation can give "+" results (PEFA: "D+" lies between D and C).
    public var plus: Bool

    public var lowest: Level { levels[0] }
    public var highest: Level { levels[levels.count - 1] }

    /// The level a rule returned, taken exactly as returned: a number on a numeric scale, a
    /// letter on a letter scale. Nothing is coerced ("3" is not level 3), nothing is clamped.
    public func exactLevel(_ value: LuaValue) -> Level? {
        switch (kind, value) {
        case (.numeric, .integer(let i)): return levels.first { $0.integerID == i }
        case (.numeric, .double(let d)) where d == d.rounded() && abs(d) < 1e15:
            return levels.first { $0.integerID == Int64(d) }
        case (.letter, .string(let s)): return levels.first { $0.id == s }
        default: return nil
        }
    }

    /// The scale's levels, for messages: "0, 1, 2, 3, 4" or "D, C, B, A".
    public var levelList: String { levels.map(\.id).joined(separator: ", ") }

    /// The level written as `value` (3, "3" or "B"), if it is on the scale.
    public func level(_ value: LuaValue) -> Level? {
        switch value {
        case .integer(let i): return levels.first { $0.integerID == i || $0.id == String(i) }
        case .double(let d) where d == d.rounded() && abs(d) < 1e15:
            return levels.first { $0.integerID == Int64(d) }
        case .string(let s): return levels.first { $0.id == s }
        default: return nil
        }
    }

    /// The grade written as `id` ("B+", "3"), if the scale has it.
    public func grade(_ id: String) -> Grade? {
        if plus, id.hasSuffix("+"), let level = levels.first(where: { $0.id == String(id.dropLast()) }),
           level != highest {
            return Grade(level: level, plus: true, scale: self)
        }
        return levels.first { $0.id == id }.map { Grade(level: $0, plus: false, scale: self) }
    }

    /// The grade a score falls in: the highest level at or below it, with "+" when the scale
    /// allows it and the score reaches halfway to the next level. `nearest` rounds instead.
    public func grade(score: Double, rounding: Rounding = .floor) -> Grade {
        let epsilon = 1e-9
        var index = 0
        for (i, level) in levels.enumerated() where level.score <= score + epsilon { index = i }
        let level = levels[index]
        guard index + 1 < levels.count else { return Grade(level: level, plus: false, scale: self) }
        let next = levels[index + 1]
        let midpoint = (level.score + next.score) / 2
        switch rounding {
        case .nearest:
            if score + epsilon >= midpoint { return Grade(level: next, plus: false, scale: self) }
            return Grade(level: level, plus: false, scale: self)
        case .floor:
            return Grade(level: level, plus: plus && score + epsilon >= midpoint, scale: self)
        }
    }

    public enum Rounding: String, Sendable { case floor, nearest }
}

/// A result on a scale: a level, possibly with "+".
public struct Grade: Sendable, Hashable {
    public var level: Scale.Level
    public var plus: Bool
    /// The level's score, or halfway to the next level for a "+" grade.
    public var score: Double

    public init(level: Scale.Level, plus: Bool, scale: Scale) {
        self.level = level
        self.plus = plus
        if plus, let i = scale.levels.firstIndex(of: level), i + 1 < scale.levels.count {
            score = (level.score + scale.levels[i + 1].score) / 2
        } else {
            score = level.score
        }
    }

    /// "B+", "3".
    public var id: String { level.id + (plus ? "+" : "") }

    /// As JSON: the level's id (an integer on numeric scales), or "B+" for a plus grade.
    public var idValue: LuaValue { plus ? .string(id) : level.idValue }
}
