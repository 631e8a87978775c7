import Foundation

/// A `.gitlab-ci.yml` as GitLab expands it before creating jobs: `include: local` files merged in,
/// `extends` applied, `!reference` tags replaced.
public struct PipelineDocument: Sendable {
    /// Top-level keywords that are not jobs.
    static let globalKeywords: Set<String> = [
        "default", "include", "stages", "variables", "workflow", "image", "services", "cache",
        "before_script", "after_script", "types", "spec",
    ]

    /// The main file, as given.
    public let file: String
    /// The expanded document.
    public let root: PipelineMap

    /// Reads `file` and expands it; `include: local` paths are relative to `projectDirectory`.
    public static func load(file: String, projectDirectory: String) throws(PipelineError) -> PipelineDocument {
        var seen: Set<String> = []
        let merged = try loadMerged(file: file, projectDirectory: projectDirectory, seen: &seen)
        return try PipelineDocument(file: file, expanding: merged)
    }

    /// Expands an already merged document (`extends`, then `!reference`).
    init(file: String, expanding merged: PipelineMap) throws(PipelineError) {
        self.file = file
        var extended = merged
        for key in merged.keys where !Self.globalKeywords.contains(key) {
            guard case .map = merged[key] else { continue }
            var chain: [String] = []
            extended[key] = .map(try Self.extending(key, in: merged, file: file, chain: &chain))
        }
        var resolved = PipelineMap()
        for (key, value) in extended.entries {
            resolved[key] = try Self.resolvingReferences(value, in: extended, file: file, depth: 0)
        }
        root = resolved
    }

    /// Visible jobs (not hidden with a leading `.`), in document order.
    public var jobNames: [String] {
        root.entries.filter { !Self.globalKeywords.contains($0.key) && !$0.key.hasPrefix(".") && $0.value.map != nil }.map(\.key)
    }

    // MARK: include

    private static func loadMerged(file: String, projectDirectory: String, seen: inout Set<String>) throws(PipelineError) -> PipelineMap {
        let path = URL(fileURLWithPath: file).standardizedFileURL.path
        guard seen.insert(path).inserted else { throw PipelineError("\(file): included more than once (include cycle?)") }
        guard let data = FileManager.default.contents(atPath: path) else { throw PipelineError("\(file): cannot be read") }
        let value = try PipelineValue.parse(yaml: String(decoding: data, as: UTF8.self), file: file)
        guard case .map(var map) = value else { throw PipelineError("\(file): the top level must be a mapping of jobs and keywords") }
        guard let include = map["include"] else { return map }
        map["include"] = nil
        var base = PipelineMap()
        for local in try localIncludes(include, file: file) {
            let relative = local.hasPrefix("/") ? String(local.dropFirst()) : local
            let included = URL(fileURLWithPath: projectDirectory).appendingPathComponent(relative).path
            base = base.deepMerged(with: try loadMerged(file: included, projectDirectory: projectDirectory, seen: &seen))
        }
        // The including file wins over what it includes.
        return base.deepMerged(with: map)
    }

    private static func localIncludes(_ include: PipelineValue, file: String) throws(PipelineError) -> [String] {
        let items = include.list ?? [include]
        var paths: [String] = []
        for item in items {
            if let text = item.text {
                guard !text.hasPrefix("http://"), !text.hasPrefix("https://") else {
                    throw PipelineError("\(file): include `\(text)` is remote; flywheel exec supports `include: local` only")
                }
                paths.append(text)
            } else if let map = item.map, let local = map["local"]?.text {
                paths.append(local)
            } else {
                let kind = item.map?.keys.first ?? item.kind
                throw PipelineError("\(file): include of type `\(kind)` is not supported by flywheel exec (only `local`)")
            }
        }
        return paths
    }

    // MARK: extends

    private static func extending(_ name: String, in document: PipelineMap, file: String, chain: inout [String]) throws(PipelineError) -> PipelineMap {
        guard !chain.contains(name) else {
            throw PipelineError("\(file): `extends` cycle: \((chain + [name]).joined(separator: " → "))")
        }
        guard chain.count < 11 else { throw PipelineError("\(file): `extends` nests deeper than 11 levels at \(name)") }
        guard var job = document[name]?.map else {
            throw PipelineError("\(file): `\(chain.last ?? name)` extends `\(name)`, which is not a job or hidden job")
        }
        guard let extends = job["extends"] else { return job }
        job["extends"] = nil
        let parents = (extends.list ?? [extends]).compactMap(\.text)
        chain.append(name)
        var base = PipelineMap()
        for parent in parents {
            base = base.deepMerged(with: try extending(parent, in: document, file: file, chain: &chain))
        }
        chain.removeLast()
        return base.deepMerged(with: job)
    }

    // MARK: !reference

    private static func resolvingReferences(_ value: PipelineValue, in document: PipelineMap, file: String, depth: Int) throws(PipelineError) -> PipelineValue {
        switch value {
        case .reference(let path):
            guard depth < 10 else { throw PipelineError("\(file): !reference \(path) nests deeper than 10 levels") }
            guard let first = path.first, var current = document[first] else {
                throw PipelineError("\(file): !reference \(path): no `\(path.first ?? "")` in the document")
            }
            for key in path.dropFirst() {
                guard let next = current.map?[key] else { throw PipelineError("\(file): !reference \(path): no `\(key)` there") }
                current = next
            }
            return try resolvingReferences(current, in: document, file: file, depth: depth + 1)
        case .list(let items):
            var resolved: [PipelineValue] = []
            for item in items { resolved.append(try resolvingReferences(item, in: document, file: file, depth: depth)) }
            return .list(resolved)
        case .map(let map):
            var resolved = PipelineMap()
            for (key, item) in map.entries { resolved[key] = try resolvingReferences(item, in: document, file: file, depth: depth) }
            return .map(resolved)
        default:
            return value
        }
    }
}
