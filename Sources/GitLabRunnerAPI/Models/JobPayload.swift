/// The job GitLab hands out on `POST /api/v4/jobs/request` (201 body).
///
/// GitLab omits or nulls many fields, so every field except `id` and `token`
/// decodes to an empty/false default when missing.
public struct JobPayload: Codable, Sendable, Equatable {
    public var id: Int64
    public var token: String
    public var allowGitFetch: Bool
    public var jobInfo: JobInfo
    public var gitInfo: GitInfo
    public var runnerInfo: RunnerInfoPayload
    public var variables: [JobVariable]
    public var steps: [JobStep]
    public var image: JobImage?
    public var services: [JobImage]
    public var artifacts: [JobArtifact]
    public var cache: [JobCache]
    public var dependencies: [JobDependency]
    public var features: JobFeatures
    public var hooks: [JobHook]

    enum CodingKeys: String, CodingKey {
        case id, token, variables, steps, image, services, artifacts, cache, dependencies, features, hooks
        case allowGitFetch = "allow_git_fetch"
        case jobInfo = "job_info"
        case gitInfo = "git_info"
        case runnerInfo = "runner_info"
    }

    public init(
        id: Int64, token: String, allowGitFetch: Bool = false, jobInfo: JobInfo = JobInfo(),
        gitInfo: GitInfo = GitInfo(), runnerInfo: RunnerInfoPayload = RunnerInfoPayload(),
        variables: [JobVariable] = [], steps: [JobStep] = [], image: JobImage? = nil,
        services: [JobImage] = [], artifacts: [JobArtifact] = [], cache: [JobCache] = [],
        dependencies: [JobDependency] = [], features: JobFeatures = JobFeatures(), hooks: [JobHook] = []
    ) {
        self.id = id
        self.token = token
        self.allowGitFetch = allowGitFetch
        self.jobInfo = jobInfo
        self.gitInfo = gitInfo
        self.runnerInfo = runnerInfo
        self.variables = variables
        self.steps = steps
        self.image = image
        self.services = services
        self.artifacts = artifacts
        self.cache = cache
        self.dependencies = dependencies
        self.features = features
        self.hooks = hooks
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        id = try c.decode(Int64.self, forKey: .id)
        token = try c.decode(String.self, forKey: .token)
        allowGitFetch = try c.decodeIfPresent(Bool.self, forKey: .allowGitFetch) ?? false
        jobInfo = try c.decodeIfPresent(JobInfo.self, forKey: .jobInfo) ?? JobInfo()
        gitInfo = try c.decodeIfPresent(GitInfo.self, forKey: .gitInfo) ?? GitInfo()
        runnerInfo = try c.decodeIfPresent(RunnerInfoPayload.self, forKey: .runnerInfo) ?? RunnerInfoPayload()
        variables = try c.decodeIfPresent([JobVariable].self, forKey: .variables) ?? []
        steps = try c.decodeIfPresent([JobStep].self, forKey: .steps) ?? []
        image = try c.decodeIfPresent(JobImage.self, forKey: .image)
        services = try c.decodeIfPresent([JobImage].self, forKey: .services) ?? []
        artifacts = try c.decodeIfPresent([JobArtifact].self, forKey: .artifacts) ?? []
        cache = try c.decodeIfPresent([JobCache].self, forKey: .cache) ?? []
        dependencies = try c.decodeIfPresent([JobDependency].self, forKey: .dependencies) ?? []
        features = try c.decodeIfPresent(JobFeatures.self, forKey: .features) ?? JobFeatures()
        hooks = try c.decodeIfPresent([JobHook].self, forKey: .hooks) ?? []
    }

    /// Effective job timeout in seconds: `runner_info.timeout`, or 7200 when GitLab sends 0.
    public var timeoutSeconds: Int {
        runnerInfo.timeout > 0 ? runnerInfo.timeout : 7200
    }
}

/// `job_info`: the job's place in its project and pipeline.
public struct JobInfo: Codable, Sendable, Equatable {
    public var id: Int64
    public var name: String
    public var stage: String
    public var pipelineID: Int64
    public var projectID: Int64
    public var projectName: String
    public var projectFullPath: String

    enum CodingKeys: String, CodingKey {
        case id, name, stage
        case pipelineID = "pipeline_id"
        case projectID = "project_id"
        case projectName = "project_name"
        case projectFullPath = "project_full_path"
    }

    public init(
        id: Int64 = 0, name: String = "", stage: String = "", pipelineID: Int64 = 0, projectID: Int64 = 0,
        projectName: String = "", projectFullPath: String = ""
    ) {
        self.id = id
        self.name = name
        self.stage = stage
        self.pipelineID = pipelineID
        self.projectID = projectID
        self.projectName = projectName
        self.projectFullPath = projectFullPath
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        id = try c.decodeIfPresent(Int64.self, forKey: .id) ?? 0
        name = try c.decodeIfPresent(String.self, forKey: .name) ?? ""
        stage = try c.decodeIfPresent(String.self, forKey: .stage) ?? ""
        pipelineID = try c.decodeIfPresent(Int64.self, forKey: .pipelineID) ?? 0
        projectID = try c.decodeIfPresent(Int64.self, forKey: .projectID) ?? 0
        projectName = try c.decodeIfPresent(String.self, forKey: .projectName) ?? ""
        projectFullPath = try c.decodeIfPresent(String.self, forKey: .projectFullPath) ?? ""
    }
}

/// `git_info`: where and what to check out.
public struct GitInfo: Codable, Sendable, Equatable {
    public var repoURL: String
    public var ref: String
    public var sha: String
    public var beforeSHA: String
    public var refType: String
    public var refspecs: [String]
    public var depth: Int

    enum CodingKeys: String, CodingKey {
        case ref, sha, refspecs, depth
        case repoURL = "repo_url"
        case beforeSHA = "before_sha"
        case refType = "ref_type"
    }

    public init(
        repoURL: String = "", ref: String = "", sha: String = "", beforeSHA: String = "", refType: String = "",
        refspecs: [String] = [], depth: Int = 0
    ) {
        self.repoURL = repoURL
        self.ref = ref
        self.sha = sha
        self.beforeSHA = beforeSHA
        self.refType = refType
        self.refspecs = refspecs
        self.depth = depth
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        repoURL = try c.decodeIfPresent(String.self, forKey: .repoURL) ?? ""
        ref = try c.decodeIfPresent(String.self, forKey: .ref) ?? ""
        sha = try c.decodeIfPresent(String.self, forKey: .sha) ?? ""
        beforeSHA = try c.decodeIfPresent(String.self, forKey: .beforeSHA) ?? ""
        refType = try c.decodeIfPresent(String.self, forKey: .refType) ?? ""
        refspecs = try c.decodeIfPresent([String].self, forKey: .refspecs) ?? []
        depth = try c.decodeIfPresent(Int.self, forKey: .depth) ?? 0
    }
}

/// `runner_info`: the effective timeout GitLab computed for this job.
public struct RunnerInfoPayload: Codable, Sendable, Equatable {
    public var timeout: Int

    public init(timeout: Int = 0) { self.timeout = timeout }

    enum CodingKeys: String, CodingKey { case timeout }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        timeout = try c.decodeIfPresent(Int.self, forKey: .timeout) ?? 0
    }
}

/// One entry of `variables[]`. GitLab omits `file`, `raw` and often `masked` when false.
public struct JobVariable: Codable, Sendable, Equatable {
    public var key: String
    public var value: String
    public var isPublic: Bool
    public var masked: Bool
    public var file: Bool
    public var raw: Bool

    enum CodingKeys: String, CodingKey {
        case key, value, masked, file, raw
        case isPublic = "public"
    }

    public init(key: String, value: String, isPublic: Bool = true, masked: Bool = false, file: Bool = false, raw: Bool = false) {
        self.key = key
        self.value = value
        self.isPublic = isPublic
        self.masked = masked
        self.file = file
        self.raw = raw
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        key = try c.decode(String.self, forKey: .key)
        value = try c.decodeIfPresent(String.self, forKey: .value) ?? ""
        isPublic = try c.decodeIfPresent(Bool.self, forKey: .isPublic) ?? false
        masked = try c.decodeIfPresent(Bool.self, forKey: .masked) ?? false
        file = try c.decodeIfPresent(Bool.self, forKey: .file) ?? false
        raw = try c.decodeIfPresent(Bool.self, forKey: .raw) ?? false
    }
}

/// One entry of `steps[]`: `script` (before_script + script, merged by GitLab), `release`, `after_script`.
public struct JobStep: Codable, Sendable, Equatable {
    public var name: String
    public var script: [String]
    public var timeout: Int
    public var when: String
    public var allowFailure: Bool

    enum CodingKeys: String, CodingKey {
        case name, script, timeout, when
        case allowFailure = "allow_failure"
    }

    public init(name: String, script: [String], timeout: Int = 0, when: String = "on_success", allowFailure: Bool = false) {
        self.name = name
        self.script = script
        self.timeout = timeout
        self.when = when
        self.allowFailure = allowFailure
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        name = try c.decode(String.self, forKey: .name)
        script = try c.decodeIfPresent([String].self, forKey: .script) ?? []
        timeout = try c.decodeIfPresent(Int.self, forKey: .timeout) ?? 0
        when = try c.decodeIfPresent(String.self, forKey: .when) ?? "on_success"
        allowFailure = try c.decodeIfPresent(Bool.self, forKey: .allowFailure) ?? false
    }
}

/// `image` and each entry of `services[]`.
public struct JobImage: Codable, Sendable, Equatable {
    public var name: String
    public var alias: String
    public var entrypoint: [String]
    public var command: [String]
    public var variables: [JobVariable]

    enum CodingKeys: String, CodingKey { case name, alias, entrypoint, command, variables }

    public init(name: String, alias: String = "", entrypoint: [String] = [], command: [String] = [], variables: [JobVariable] = []) {
        self.name = name
        self.alias = alias
        self.entrypoint = entrypoint
        self.command = command
        self.variables = variables
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        name = try c.decodeIfPresent(String.self, forKey: .name) ?? ""
        alias = try c.decodeIfPresent(String.self, forKey: .alias) ?? ""
        entrypoint = try c.decodeIfPresent([String].self, forKey: .entrypoint) ?? []
        command = try c.decodeIfPresent([String].self, forKey: .command) ?? []
        variables = try c.decodeIfPresent([JobVariable].self, forKey: .variables) ?? []
    }
}

/// One entry of `artifacts[]`.
public struct JobArtifact: Codable, Sendable, Equatable {
    public var name: String
    public var untracked: Bool
    public var paths: [String]
    public var exclude: [String]
    public var when: String
    public var expireIn: String
    public var artifactType: String
    public var artifactFormat: String

    enum CodingKeys: String, CodingKey {
        case name, untracked, paths, exclude, when
        case expireIn = "expire_in"
        case artifactType = "artifact_type"
        case artifactFormat = "artifact_format"
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        name = try c.decodeIfPresent(String.self, forKey: .name) ?? ""
        untracked = try c.decodeIfPresent(Bool.self, forKey: .untracked) ?? false
        paths = try c.decodeIfPresent([String].self, forKey: .paths) ?? []
        exclude = try c.decodeIfPresent([String].self, forKey: .exclude) ?? []
        when = try c.decodeIfPresent(String.self, forKey: .when) ?? "on_success"
        expireIn = try c.decodeIfPresent(String.self, forKey: .expireIn) ?? ""
        artifactType = try c.decodeIfPresent(String.self, forKey: .artifactType) ?? "archive"
        artifactFormat = try c.decodeIfPresent(String.self, forKey: .artifactFormat) ?? "zip"
    }
}

/// One entry of `cache[]`.
public struct JobCache: Codable, Sendable, Equatable {
    public var key: String
    public var untracked: Bool
    public var paths: [String]
    public var policy: String
    public var when: String
    public var fallbackKeys: [String]

    enum CodingKeys: String, CodingKey {
        case key, untracked, paths, policy, when
        case fallbackKeys = "fallback_keys"
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        key = try c.decodeIfPresent(String.self, forKey: .key) ?? ""
        untracked = try c.decodeIfPresent(Bool.self, forKey: .untracked) ?? false
        paths = try c.decodeIfPresent([String].self, forKey: .paths) ?? []
        policy = try c.decodeIfPresent(String.self, forKey: .policy) ?? "pull-push"
        when = try c.decodeIfPresent(String.self, forKey: .when) ?? "on_success"
        fallbackKeys = try c.decodeIfPresent([String].self, forKey: .fallbackKeys) ?? []
    }
}

/// One entry of `dependencies[]`.
public struct JobDependency: Codable, Sendable, Equatable {
    public struct ArtifactsFile: Codable, Sendable, Equatable {
        public var filename: String
        public var size: Int64
    }

    public var id: Int64
    public var name: String
    public var token: String
    public var artifactsFile: ArtifactsFile?

    enum CodingKeys: String, CodingKey {
        case id, name, token
        case artifactsFile = "artifacts_file"
    }
}

/// `features` of the payload: what this GitLab accepts back.
public struct JobFeatures: Codable, Sendable, Equatable {
    public var traceSections: Bool
    public var failureReasons: [String]
    public var tokenMaskPrefixes: [String]

    enum CodingKeys: String, CodingKey {
        case traceSections = "trace_sections"
        case failureReasons = "failure_reasons"
        case tokenMaskPrefixes = "token_mask_prefixes"
    }

    public init(traceSections: Bool = false, failureReasons: [String] = [], tokenMaskPrefixes: [String] = []) {
        self.traceSections = traceSections
        self.failureReasons = failureReasons
        self.tokenMaskPrefixes = tokenMaskPrefixes
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        traceSections = try c.decodeIfPresent(Bool.self, forKey: .traceSections) ?? false
        failureReasons = try c.decodeIfPresent([String].self, forKey: .failureReasons) ?? []
        tokenMaskPrefixes = try c.decodeIfPresent([String].self, forKey: .tokenMaskPrefixes) ?? []
    }
}

/// One entry of `hooks[]` (`pre_get_sources_script`, `post_get_sources_script`).
public struct JobHook: Codable, Sendable, Equatable {
    public var name: String
    public var script: [String]

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        name = try c.decodeIfPresent(String.self, forKey: .name) ?? ""
        script = try c.decodeIfPresent([String].self, forKey: .script) ?? []
    }

    enum CodingKeys: String, CodingKey { case name, script }
}
