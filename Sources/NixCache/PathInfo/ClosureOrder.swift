/// Orders a closure so that every path comes after the paths it references: the order in
/// which narinfos may be published without breaking a binary cache's closure invariant.
enum ClosureOrder {
    /// Depth-first post-order over `references` (self-references ignored); ties are
    /// broken by path so the result is deterministic. References outside the map are
    /// skipped.
    static func referencesFirst(_ references: [StorePath: [StorePath]]) -> [StorePath] {
        var ordered: [StorePath] = []
        ordered.reserveCapacity(references.count)
        var state: [StorePath: Bool] = [:]  // false = in progress, true = done
        for root in references.keys.sorted() where state[root] == nil {
            var stack: [(path: StorePath, next: Int)] = [(root, 0)]
            state[root] = false
            while !stack.isEmpty {
                let (path, next) = stack[stack.count - 1]
                let children = references[path] ?? []
                if next < children.count {
                    stack[stack.count - 1].next += 1
                    let child = children[next]
                    if child != path, references[child] != nil, state[child] == nil {
                        state[child] = false
                        stack.append((child, 0))
                    }
                } else {
                    stack.removeLast()
                    state[path] = true
                    ordered.append(path)
                }
            }
        }
        return ordered
    }
}
