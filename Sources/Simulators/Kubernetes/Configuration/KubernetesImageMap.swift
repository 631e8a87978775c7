import Foundation

/// Maps image references to ``KubernetesSimulatedImage``s. Patterns are matched in order;
/// `*` matches any run of characters (`docker:*`, `*/alpine:3*`, `bad/*`).
///
/// File format (`flywheel-sim kube --images FILE`), JSON:
/// ```json
/// {"images": [
///   {"pattern": "docker:*dind*", "entrypoint": ["/usr/local/bin/fake-dockerd"], "env": {"DOCKER_TLS_CERTDIR": ""}},
///   {"pattern": "alpine:*", "cmd": ["/bin/sh"], "workingDir": "/"},
///   {"pattern": "registry.invalid/*", "pullError": "ErrImagePull"},
///   {"pattern": "bench/*", "standIn": true}
/// ]}
/// ```
/// An object keyed by pattern (`{"images": {"alpine:*": {…}}}`) is accepted too (then the
/// order is by pattern length, longest first).
public struct KubernetesImageMap: Sendable, Hashable {
    /// Pattern and image, in matching order.
    public var entries: [(pattern: String, image: KubernetesSimulatedImage)]

    /// Creates a map (empty by default).
    public init(entries: [(pattern: String, image: KubernetesSimulatedImage)] = []) {
        self.entries = entries
    }

    /// Parses the JSON format described on the type.
    public init(json bytes: some Collection<UInt8>) throws(KubernetesSimulatorError) {
        let document: SimulatedJSON
        do {
            document = try SimulatedJSON(parsing: bytes)
        } catch {
            throw .invalid("image map: \(error)")
        }
        let images = document["images"] ?? document
        var entries: [(String, KubernetesSimulatedImage)] = []
        if let list = images.arrayValue {
            for item in list {
                guard let pattern = item["pattern"]?.stringValue else { throw .invalid("image map: every entry needs a \"pattern\"") }
                entries.append((pattern, try Self.image(from: item)))
            }
        } else if let object = images.objectValue {
            for (pattern, item) in object.sorted(by: { ($0.key.count, $0.key) > ($1.key.count, $1.key) }) {
                entries.append((pattern, try Self.image(from: item)))
            }
        } else {
            throw .invalid("image map: expected {\"images\": [...]}")
        }
        self.entries = entries
    }

    /// Reads the JSON format from a file.
    public init(contentsOfFile path: String) throws(KubernetesSimulatorError) {
        guard let data = FileManager.default.contents(atPath: path) else { throw .invalid("cannot read image map \(path)") }
        try self.init(json: Array(data))
    }

    private static func image(from item: SimulatedJSON) throws(KubernetesSimulatorError) -> KubernetesSimulatedImage {
        func strings(_ key: String) throws(KubernetesSimulatorError) -> [String]? {
            guard let value = item[key], !value.isNull else { return nil }
            guard let array = value.arrayValue?.compactMap(\.stringValue), array.count == value.arrayValue?.count else {
                throw .invalid("image map: \"\(key)\" must be an array of strings")
            }
            return array
        }
        let entrypoint = try strings("entrypoint")
        let command = try strings("command")
        let cmd = try strings("cmd")
        let args = try strings("args")
        return KubernetesSimulatedImage(
            entrypoint: entrypoint ?? command,
            cmd: cmd ?? args,
            environment: (item["env"]?.objectValue ?? [:]).compactMapValues(\.stringValue),
            workingDir: item["workingDir"]?.stringValue,
            pullError: item["pullError"]?.stringValue,
            standIn: item["standIn"]?.boolValue ?? false)
    }

    /// The first entry whose pattern matches `image`.
    public func image(for reference: String) -> KubernetesSimulatedImage? {
        entries.first { Self.matches(pattern: $0.pattern, reference) }?.image
    }

    /// Glob match with `*` only.
    static func matches(pattern: String, _ text: String) -> Bool {
        let pattern = Array(pattern)
        let text = Array(text)
        var p = 0, t = 0, star = -1, mark = 0
        while t < text.count {
            if p < pattern.count, pattern[p] == text[t] {
                p += 1
                t += 1
            } else if p < pattern.count, pattern[p] == "*" {
                star = p
                mark = t
                p += 1
            } else if star >= 0 {
                p = star + 1
                mark += 1
                t = mark
            } else {
                return false
            }
        }
        while p < pattern.count, pattern[p] == "*" { p += 1 }
        return p == pattern.count
    }

    public static func == (lhs: KubernetesImageMap, rhs: KubernetesImageMap) -> Bool {
        lhs.entries.count == rhs.entries.count && zip(lhs.entries, rhs.entries).allSatisfy { $0.pattern == $1.pattern && $0.image == $1.image }
    }

    public func hash(into hasher: inout Hasher) {
        for entry in entries {
            hasher.combine(entry.pattern)
            hasher.combine(entry.image)
        }
    }
}
