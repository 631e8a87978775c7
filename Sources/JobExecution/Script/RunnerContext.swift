import GitLabRunnerAPI

/// What the runner itself contributes to a job's variables (notes §10.3).
public struct RunnerContext: Sendable, Equatable {
    /// `true` for throw-away environments (job pods: `CI_DISPOSABLE_ENVIRONMENT=true`), `false` for
    /// shared ones (shell executor: `CI_SHARED_ENVIRONMENT=true`).
    public var disposableEnvironment: Bool
    /// `CI_CONCURRENT_ID`: the runner-wide slot of this job.
    public var concurrentID: Int
    /// `CI_CONCURRENT_PROJECT_ID`: the slot among jobs of the same project.
    public var concurrentProjectID: Int
    /// `CI_RUNNER_SHORT_TOKEN`, when known. Never the token itself.
    public var shortToken: String?
    /// `[[runners]] environment` entries, `KEY=VALUE` each; entries without `=` are ignored.
    public var environment: [String]
    /// `CI_RUNNER_VERSION`.
    public var version: String
    /// `CI_RUNNER_REVISION`.
    public var revision: String
    /// `CI_RUNNER_EXECUTABLE_ARCH`, `linux/<arch>`.
    public var executableArch: String

    /// The defaults describe a shared environment in slot 0 with this build's version facts.
    public init(
        disposableEnvironment: Bool = false, concurrentID: Int = 0, concurrentProjectID: Int = 0, shortToken: String? = nil,
        environment: [String] = [], version: String = FlywheelBuild.version, revision: String = FlywheelBuild.revision,
        executableArch: String = "linux/" + FlywheelBuild.architecture
    ) {
        self.disposableEnvironment = disposableEnvironment
        self.concurrentID = concurrentID
        self.concurrentProjectID = concurrentProjectID
        self.shortToken = shortToken
        self.environment = environment
        self.version = version
        self.revision = revision
        self.executableArch = executableArch
    }
}
