import GitLabRunnerAPI

/// How a supervised job ended, and whether GitLab took the final state.
public struct JobOutcome: Sendable, Equatable {
    public enum Result: Sendable, Equatable {
        case success
        case failed(FailureReason, exitCode: Int32?)
        /// Ended through `canceling`: after_script ran, final update sent (GitLab records `canceled`).
        case canceled
        /// GitLab aborted the job (`canceled`/`failed`/403): nothing more was sent.
        case aborted
    }

    public var result: Result
    /// GitLab accepted the final update (always `false` for ``Result/aborted``).
    public var reported: Bool

    public init(result: Result, reported: Bool) {
        self.result = result
        self.reported = reported
    }
}
