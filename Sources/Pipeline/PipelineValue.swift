/// A value of a `.gitlab-ci.yml` document after YAML parsing: scalars stay text (GitLab reads
/// variables and scripts as strings), mappings keep their order, and `!reference [job, key, …]`
/// tags stay references until ``PipelineDocument`` resolves them.
public indirect enum PipelineValue: Sendable, Equatable {
    case string(String)
    case bool(Bool)
    case null
    case list([PipelineValue])
    case map(PipelineMap)
    case reference([String])

    /// The text of a scalar (`true`/`false` for booleans), `nil` for anything else.
    public var text: String? {
        switch self {
        case .string(let text): text
        case .bool(let value): value ? "true" : "false"
        default: nil
        }
    }

    /// The mapping, when this is one.
    public var map: PipelineMap? {
        if case .map(let map) = self { return map }
        return nil
    }

    /// The list, when this is one.
    public var list: [PipelineValue]? {
        if case .list(let list) = self { return list }
        return nil
    }

    /// A short name of the kind of value, for error messages.
    var kind: String {
        switch self {
        case .string: "a string"
        case .bool: "a boolean"
        case .null: "null"
        case .list: "a list"
        case .map: "a mapping"
        case .reference: "a !reference"
        }
    }
}
