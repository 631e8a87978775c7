/// An ordered YAML mapping with string keys (GitLab keeps job order as written).
public struct PipelineMap: Sendable, Equatable {
    /// Keys and values in document order; keys are unique.
    public private(set) var entries: [(key: String, value: PipelineValue)]

    public init(_ entries: [(key: String, value: PipelineValue)] = []) {
        self.entries = []
        for entry in entries { self[entry.key] = entry.value }
    }

    public var keys: [String] { entries.map(\.key) }

    public subscript(key: String) -> PipelineValue? {
        get { entries.first { $0.key == key }?.value }
        set {
            if let index = entries.firstIndex(where: { $0.key == key }) {
                if let newValue { entries[index].value = newValue } else { entries.remove(at: index) }
            } else if let newValue {
                entries.append((key, newValue))
            }
        }
    }

    /// GitLab's deep merge (used by `extends` and `include`): mappings merge key by key, anything
    /// else in `overrides` replaces the value here.
    public func deepMerged(with overrides: PipelineMap) -> PipelineMap {
        var result = self
        for (key, value) in overrides.entries {
            if case .map(let mine) = result[key] ?? .null, case .map(let theirs) = value {
                result[key] = .map(mine.deepMerged(with: theirs))
            } else {
                result[key] = value
            }
        }
        return result
    }

    public static func == (lhs: PipelineMap, rhs: PipelineMap) -> Bool {
        lhs.entries.count == rhs.entries.count && zip(lhs.entries, rhs.entries).allSatisfy { $0.key == $1.key && $0.value == $1.value }
    }
}
