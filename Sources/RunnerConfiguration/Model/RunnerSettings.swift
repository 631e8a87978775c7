/// One `[[runners]]` section: a runner registered with a GitLab instance.
public struct RunnerSettings: Sendable, Equatable {
    /// The default for ``limit`` (0 = unlimited).
    public static let defaultLimit = 0
    /// The default for ``requestConcurrency``.
    public static let defaultRequestConcurrency = 1
    /// The default for ``outputLimitKiB`` (4 MiB).
    public static let defaultOutputLimitKiB = 4096
    /// The default for ``shell``.
    public static let defaultShell = "bash"
    /// The values accepted for ``shell``.
    public static let supportedShells = ["bash", "sh"]

    /// `name`: unique name of the runner within the file.
    public var name: String
    /// `url`: the GitLab instance URL, normalised without a trailing `/` or
    /// `/ci` (e.g. `https://gitlab.example.com`).
    public var url: String
    /// The runner authentication token: `token`, or the trimmed contents of
    /// ``tokenFile`` when that is set.
    public var token: String
    /// `token_file`: path (as written; relative paths are relative to the
    /// configuration file's directory) of a file holding the token, or `nil`
    /// when the token is in the file itself.
    public var tokenFile: String?
    /// `id`: the runner id returned by registration, if known.
    public var id: Int?
    /// `token_obtained_at`: when the token was obtained, as written by
    /// registration (an RFC 3339 datetime), if known.
    public var tokenObtainedAt: String?
    /// `token_expires_at`: when the token expires, as written by
    /// registration, if known.
    public var tokenExpiresAt: String?
    /// `executor`: how jobs are run.
    public var executor: ExecutorKind
    /// `limit`: the most jobs this runner runs at once (0 = unlimited, still
    /// bounded by the global `concurrent`).
    public var limit: Int
    /// `request_concurrency`: the most concurrent requests for new jobs (≥ 1).
    public var requestConcurrency: Int
    /// `output_limit`: the most job log output sent to GitLab, in KiB (≥ 1).
    public var outputLimitKiB: Int
    /// `builds_dir`: absolute directory where jobs' working copies are made.
    public var buildsDir: String
    /// `shell`: the shell running job scripts, `bash` or `sh`.
    public var shell: String
    /// `environment`: extra `KEY=VALUE` variables for every job.
    public var environment: [String]
    /// `[runners.kubernetes]`, required when `executor = "kubernetes"`.
    public var kubernetes: KubernetesSettings?
    /// `cache_dir`: where the shell executor keeps `cache:` archives; `nil`: `<builds_dir>/.flywheel/cache`.
    public var cacheDir: String?
    /// `[runners.cache]`: a shared (S3) cache store; `nil`: local caches in ``cacheDir``.
    public var cache: CacheSettings?

    /// Creates runner settings; omitted values take their defaults. Use
    /// ``defaultBuildsDir(configPath:)`` for `buildsDir` when the file has no
    /// `builds_dir`. No validation is done here (``AgentConfiguration/parse(_:path:)``
    /// validates).
    public init(
        name: String,
        url: String,
        token: String,
        tokenFile: String? = nil,
        id: Int? = nil,
        tokenObtainedAt: String? = nil,
        tokenExpiresAt: String? = nil,
        executor: ExecutorKind,
        limit: Int = RunnerSettings.defaultLimit,
        requestConcurrency: Int = RunnerSettings.defaultRequestConcurrency,
        outputLimitKiB: Int = RunnerSettings.defaultOutputLimitKiB,
        buildsDir: String,
        shell: String = RunnerSettings.defaultShell,
        environment: [String] = [],
        kubernetes: KubernetesSettings? = nil
    ) {
        self.kubernetes = kubernetes
        self.name = name
        self.url = url
        self.token = token
        self.tokenFile = tokenFile
        self.id = id
        self.tokenObtainedAt = tokenObtainedAt
        self.tokenExpiresAt = tokenExpiresAt
        self.executor = executor
        self.limit = limit
        self.requestConcurrency = requestConcurrency
        self.outputLimitKiB = outputLimitKiB
        self.buildsDir = buildsDir
        self.shell = shell
        self.environment = environment
    }
}
