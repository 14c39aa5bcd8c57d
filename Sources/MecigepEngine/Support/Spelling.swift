/// Suggestions for misspelt names: a global in rule code, a library function, a case path.
public enum Spelling {
    /// The Levenshtein distance between two texts (insertions, deletions, substitutions).
    public static func distance(_ a: String, _ b: String) -> Int {
        let a = Array(a), b = Array(b)
        guard !a.isEmpty else { return b.count }
        guard !b.isEmpty else { return a.count }
        var row = Array(0...b.count)
        for i in 1...a.count {
            var previous = row[0]
            row[0] = i
            for j in 1...b.count {
                let saved = row[j]
                row[j] = min(row[j] + 1, row[j - 1] + 1, previous + (a[i - 1] == b[j - 1] ? 0 : 1))
                previous = saved
            }
        }
        return row[b.count]
    }

    /// The candidate nearest to `name`, when at most `maxDistance` edits away (and not a
    /// complete rewrite); ties go to the candidate that sorts first.
    public static func nearest(_ name: String, in candidates: some Sequence<String>, maxDistance: Int) -> String? {
        let best = candidates.map { ($0, distance(name, $0)) }.min { ($0.1, $0.0) < ($1.1, $1.0) }
        guard let best, best.1 <= maxDistance, best.1 < name.count else { return nil }
        return best.0
    }
}
