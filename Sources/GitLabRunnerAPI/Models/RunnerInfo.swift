/// The `info` object sent on every runner-scoped call and on job updates.
///
/// Features are advertised only when implemented: advertising one we do not
/// honour silently breaks the jobs that rely on it.
public struct RunnerInfo: Codable, Sendable, Equatable {
    public struct Features: Codable, Sendable, Equatable {
        public var variables = true
        public var image = false
        public var services = false
        public var artifacts = true
        public var cache = true
        public var shared = false
        public var uploadMultipleArtifacts = false
        public var uploadRawArtifacts = false
        public var session = false
        public var terminal = false
        public var refspecs = true
        public var masking = true
        public var proxy = false
        public var rawVariables = true
        public var artifactsExclude = true
        public var multiBuildSteps = false
        public var traceReset = true
        public var traceChecksum = true
        public var traceSize = true
        public var vaultSecrets = false
        public var cancelable = true
        public var returnExitCode = true
        public var serviceVariables = false
        public var fallbackCacheKeys = true
        public var cancelGracefully = true
        public var twoPhaseJobCommit = true
        public var nativeStepsIntegration = false

        public init() {}

        enum CodingKeys: String, CodingKey {
            case variables, image, services, artifacts, cache, shared, session, terminal, refspecs, masking, proxy
            case cancelable
            case uploadMultipleArtifacts = "upload_multiple_artifacts"
            case uploadRawArtifacts = "upload_raw_artifacts"
            case rawVariables = "raw_variables"
            case artifactsExclude = "artifacts_exclude"
            case multiBuildSteps = "multi_build_steps"
            case traceReset = "trace_reset"
            case traceChecksum = "trace_checksum"
            case traceSize = "trace_size"
            case vaultSecrets = "vault_secrets"
            case returnExitCode = "return_exit_code"
            case serviceVariables = "service_variables"
            case fallbackCacheKeys = "fallback_cache_keys"
            case cancelGracefully = "cancel_gracefully"
            case twoPhaseJobCommit = "two_phase_job_commit"
            case nativeStepsIntegration = "native_steps_integration"
        }
    }

    public struct Config: Codable, Sendable, Equatable {
        public var gpus: String = ""
        public init() {}
    }

    public var name: String
    public var version: String
    public var revision: String
    public var platform: String
    public var architecture: String
    public var executor: String
    public var shell: String
    public var features: Features
    public var config: Config

    public init(
        name: String = "flywheel", version: String, revision: String, platform: String = "linux",
        architecture: String, executor: String, shell: String = "bash", features: Features = Features()
    ) {
        self.name = name
        self.version = version
        self.revision = revision
        self.platform = platform
        self.architecture = architecture
        self.executor = executor
        self.shell = shell
        self.features = features
        self.config = Config()
    }
}
