import Yams

extension PipelineValue {
    /// Parses YAML text (anchors and aliases resolved, `<<` merge keys applied, `!reference` kept).
    static func parse(yaml text: String, file: String) throws(PipelineError) -> PipelineValue {
        let node: Node?
        do {
            node = try Yams.compose(yaml: text)
        } catch {
            throw PipelineError("\(file): not valid YAML: \(error)")
        }
        guard let node else { return .map(PipelineMap()) }
        return try PipelineValue(node: node, file: file)
    }

    private init(node: Node, file: String) throws(PipelineError) {
        if node.tag.rawValue == "!reference" {
            guard case .sequence(let sequence) = node else {
                throw PipelineError("\(file): !reference needs a list such as [.job, script]")
            }
            var path: [String] = []
            for item in sequence {
                guard let text = item.string else { throw PipelineError("\(file): !reference entries must be names") }
                path.append(text)
            }
            self = .reference(path)
            return
        }
        switch node {
        case .scalar(let scalar):
            if scalar.style == .plain {
                if scalar.string.isEmpty || node.null != nil { self = .null; return }
                if let value = node.bool { self = .bool(value); return }
            }
            self = .string(scalar.string)
        case .sequence(let sequence):
            var items: [PipelineValue] = []
            for item in sequence { items.append(try PipelineValue(node: item, file: file)) }
            self = .list(items)
        case .mapping(let mapping):
            var map = PipelineMap()
            var merged: [PipelineMap] = []
            for (key, value) in mapping {
                guard let name = key.string else { throw PipelineError("\(file): mapping keys must be strings") }
                let converted = try PipelineValue(node: value, file: file)
                if name == "<<" {
                    switch converted {
                    case .map(let base): merged.append(base)
                    case .list(let bases): merged += bases.compactMap(\.map)
                    default: throw PipelineError("\(file): `<<` merges a mapping, got \(converted.kind)")
                    }
                } else {
                    map[name] = converted
                }
            }
            // Keys written in the mapping win over merged ones; earlier merge sources win over later.
            var base = PipelineMap()
            for source in merged.reversed() { base = base.overlaid(with: source) }
            self = .map(base.overlaid(with: map))
        case .alias:
            throw PipelineError("\(file): unresolved YAML alias")
        }
    }
}

extension PipelineMap {
    /// Key-level override (YAML `<<` semantics: no deep merge).
    func overlaid(with overrides: PipelineMap) -> PipelineMap {
        var result = self
        for (key, value) in overrides.entries { result[key] = value }
        return result
    }
}
