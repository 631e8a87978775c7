import GitLabRunnerAPI

/// One job of a ``PipelineDocument``, with `default:` and global settings applied: what GitLab would
/// put into the job's payload.
public struct PipelineJob: Sendable, Equatable {
    /// Job keywords this type reads.
    static let readKeywords: Set<String> = [
        "script", "before_script", "after_script", "image", "services", "variables", "stage", "timeout", "inherit",
    ]
    /// Keywords that shape the pipeline, not how a job runs: accepted silently.
    static let pipelineKeywords: Set<String> = ["rules", "only", "except", "needs", "when", "allow_failure", "tags", "interruptible", "resource_group", "environment", "coverage", "retry", "parallel", "dependencies"]

    public var name: String
    public var stage: String
    public var beforeScript: [String]
    public var script: [String]
    public var afterScript: [String]
    public var image: JobImage?
    public var services: [JobImage]
    /// Global then job variables (a job's value replaces the global one), in GitLab's order.
    public var variables: [JobVariable]
    public var timeoutSeconds: Int
    /// Job keywords `flywheel exec` does not carry out (artifacts, cache, …): named in a warning.
    public var ignoredKeywords: [String]
    /// Keywords about the pipeline rather than this run (rules, needs, tags, …).
    public var pipelineOnlyKeywords: [String]

    /// The job `name` of `document`.
    public init(named name: String, in document: PipelineDocument) throws(PipelineError) {
        let file = document.file
        guard let job = document.root[name]?.map, !PipelineDocument.globalKeywords.contains(name) else {
            let known = document.jobNames.joined(separator: ", ")
            throw PipelineError("\(file): no job `\(name)`" + (known.isEmpty ? "" : " (jobs: \(known))"))
        }
        let defaults = document.root["default"]?.map ?? PipelineMap()
        let inheritDefaults = job["inherit"]?.map?["default"].map { $0 != .bool(false) } ?? true
        let inheritVariables = job["inherit"]?.map?["variables"].map { $0 != .bool(false) } ?? true
        /// A job key, else `default:`'s, else the deprecated global one.
        func setting(_ key: String) -> PipelineValue? {
            if let own = job[key] { return own }
            guard inheritDefaults else { return nil }
            return defaults[key] ?? document.root[key]
        }
        func where_(_ key: String) -> String { "\(file): job `\(name)`, `\(key)`" }

        self.name = name
        stage = job["stage"]?.text ?? "test"
        script = try Self.commands(job["script"], at: where_("script"))
        guard !script.isEmpty else { throw PipelineError("\(where_("script")): a job needs a non-empty `script`") }
        beforeScript = try Self.commands(setting("before_script"), at: where_("before_script"))
        afterScript = try Self.commands(setting("after_script"), at: where_("after_script"))
        image = try setting("image").map { value throws(PipelineError) in try Self.image(value, at: where_("image")) }
        services = []
        for service in setting("services")?.list ?? [] { services.append(try Self.image(service, at: where_("services"))) }
        var merged: [(String, PipelineValue)] = inheritVariables ? (document.root["variables"]?.map?.entries ?? []) : []
        for (key, value) in job["variables"]?.map?.entries ?? [] {
            if let index = merged.firstIndex(where: { $0.0 == key }) { merged.remove(at: index) }
            merged.append((key, value))
        }
        variables = try merged.map { entry throws(PipelineError) in try Self.variable(entry.0, entry.1, at: where_("variables")) }
        if let timeout = setting("timeout") {
            guard let text = timeout.text, let seconds = PipelineDuration.seconds(text) else {
                throw PipelineError("\(where_("timeout")): `\(timeout.text ?? timeout.kind)` is not a duration (e.g. `1h 30m`, `45 minutes`)")
            }
            timeoutSeconds = seconds
        } else {
            timeoutSeconds = 3600
        }
        let others = job.keys.filter { !Self.readKeywords.contains($0) }
        ignoredKeywords = others.filter { !Self.pipelineKeywords.contains($0) }
        pipelineOnlyKeywords = others.filter { Self.pipelineKeywords.contains($0) }
    }

    /// Script lines; nested lists (from `!reference`) are flattened as GitLab does.
    static func commands(_ value: PipelineValue?, at place: String) throws(PipelineError) -> [String] {
        guard let value else { return [] }
        switch value {
        case .null: return []
        case .string, .bool: return [value.text ?? ""]
        case .list(let items):
            var lines: [String] = []
            for item in items { lines += try commands(item, at: place) }
            return lines
        default:
            throw PipelineError("\(place): expected a command or a list of commands, got \(value.kind)")
        }
    }

    static func image(_ value: PipelineValue, at place: String) throws(PipelineError) -> JobImage {
        if let name = value.text { return JobImage(name: name) }
        guard let map = value.map, let name = map["name"]?.text else {
            throw PipelineError("\(place): expected an image name or {name: …}, got \(value.kind)")
        }
        let entrypoint = try commands(map["entrypoint"], at: place + ".entrypoint")
        let command = try commands(map["command"], at: place + ".command")
        var variables: [JobVariable] = []
        for (key, item) in map["variables"]?.map?.entries ?? [] { variables.append(try variable(key, item, at: place + ".variables")) }
        return JobImage(name: name, alias: map["alias"]?.text ?? "", entrypoint: entrypoint, command: command, variables: variables)
    }

    /// A YAML variable: a scalar, or `{value:, description:, expand:}` (`expand: false` → raw).
    static func variable(_ key: String, _ value: PipelineValue, at place: String) throws(PipelineError) -> JobVariable {
        if case .null = value { return JobVariable(key: key, value: "") }
        if let text = value.text { return JobVariable(key: key, value: text) }
        guard let map = value.map else { throw PipelineError("\(place): variable \(key) is \(value.kind); expected a string or {value: …}") }
        return JobVariable(key: key, value: map["value"]?.text ?? "", raw: map["expand"] == .bool(false))
    }
}
