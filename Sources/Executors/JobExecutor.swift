import GitLabRunnerAPI
import JobExecution

/// Runs accepted jobs somewhere (local processes, Kubernetes pods).
///
/// The agent loop depends only on this seam and on ``RunnerAPI``/``JobAPI``.
public protocol JobExecutor: Sendable {
    /// Runs an accepted `job` until it has ended and was reported (or handed to a pod that reports it).
    ///
    /// - Parameter control: the agent raises `.interrupt` here when it must stop before the job ends.
    func run(_ job: JobPayload, control: JobControl) async -> JobOutcome
}
