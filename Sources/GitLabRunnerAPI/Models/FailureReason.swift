/// Why a job failed, as the runner reports it in `failure_reason`.
public enum FailureReason: String, Sendable, Equatable, CaseIterable {
    case scriptFailure = "script_failure"
    case runnerSystemFailure = "runner_system_failure"
    case jobExecutionTimeout = "job_execution_timeout"
    case imagePullFailure = "image_pull_failure"
    case unknownFailure = "unknown_failure"
    case runnerConfigurationError = "runner_configuration_error"
    case runnerExternalDependencyFailure = "runner_external_dependency_failure"
    case runnerInterrupted = "runner_interrupted"
    case apiFailure = "api_failure"
    /// Internal only: a job that ended through `canceling`. GitLab turns the final update of a
    /// canceling job into `canceled` whatever reason we send; it is mapped like any other reason.
    case jobCanceled = "job_canceled"

    /// Reasons every GitLab that speaks this protocol accepts, whatever the payload lists.
    static let alwaysSupported: Set<String> = ["script_failure", "runner_system_failure", "job_execution_timeout"]

    /// The reason to send to a GitLab that listed `supported` in the payload's `features.failure_reasons`.
    ///
    /// A reason GitLab does not know is replaced by its compatible older reason, else by `unknown_failure`.
    public func mapped(supported: [String]) -> String {
        var reason: FailureReason? = self
        while let candidate = reason {
            if Self.alwaysSupported.contains(candidate.rawValue) || supported.contains(candidate.rawValue) {
                return candidate.rawValue
            }
            reason = candidate.compatibilityFallback
        }
        return FailureReason.unknownFailure.rawValue
    }

    private var compatibilityFallback: FailureReason? {
        switch self {
        case .imagePullFailure, .runnerExternalDependencyFailure: .runnerSystemFailure
        case .runnerConfigurationError: .scriptFailure
        case .jobCanceled, .runnerInterrupted, .apiFailure: .unknownFailure
        default: nil
        }
    }
}
