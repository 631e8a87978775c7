/// Finds known names close to a misspelt one, for "did you mean" hints.
enum KeySuggestion {
    /// The largest edit distance that still counts as a likely typo.
    static let maximumDistance = 2

    /// The candidates within ``maximumDistance`` edits of `name` (or that
    /// `name` starts with, like `warning` for `warn`), closest first; ties
    /// keep the candidates' order.
    static func closest(to name: String, among candidates: [String]) -> [String] {
        let lowered = name.lowercased()
        let scored = candidates.compactMap { candidate -> (String, Int)? in
            let distance = editDistance(lowered, candidate.lowercased())
            if distance <= maximumDistance { return (candidate, distance) }
            if candidate.count >= 3, lowered.hasPrefix(candidate.lowercased()) { return (candidate, maximumDistance + 1) }
            return nil
        }
        guard let best = scored.map(\.1).min() else { return [] }
        return scored.filter { $0.1 == best }.map(\.0)
    }

    /// "did you mean `a`?" / "did you mean `a` or `b`?", or `nil` when
    /// nothing is close.
    static func hint(for name: String, among candidates: [String]) -> String? {
        let matches = closest(to: name, among: candidates)
        guard !matches.isEmpty else { return nil }
        return "did you mean " + matches.map { "`\($0)`" }.joined(separator: " or ") + "?"
    }

    /// The optimal string alignment distance: insertions, deletions,
    /// substitutions and transpositions of adjacent characters each cost 1.
    static func editDistance(_ lhs: String, _ rhs: String) -> Int {
        let a = Array(lhs), b = Array(rhs)
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var previousPrevious = [Int](repeating: 0, count: b.count + 1)
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
                    current[j] = min(current[j], previousPrevious[j - 2] + 1)
                }
            }
            (previousPrevious, previous, current) = (previous, current, previousPrevious)
        }
        return previous[b.count]
    }
}
