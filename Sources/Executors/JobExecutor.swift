import GitLabRunnerAPI
import JobExecution

/// Runs accepted jobs somewhere (local processes, Kubernetes pods).
///
/// The agent loop depends only on this seam and on ``RunnerAPI``/``JobAPI``.
public protocol JobExecutor: Sendable {
    /// Work for `job` that may start while GitLab confirms the accept, to shorten the job's start: the
    /// agent calls it beside the accept, then ``run(_:control:)`` if GitLab confirmed, else
    /// ``discard(_:)``. What it does must be undoable and must not start the job. A failure here is
    /// not reported: `run` does the work again and reports it.
    func prepare(_ job: JobPayload) async

    /// Undoes ``prepare(_:)`` for a job GitLab did not confirm.
    func discard(_ job: JobPayload) async

    /// Runs an accepted `job` until it has ended and was reported (or handed to a pod that reports it).
    ///
    /// - Parameter control: the agent raises `.interrupt` here when it must stop before the job ends.
    func run(_ job: JobPayload, control: JobControl) async -> JobOutcome

    /// Jobs an earlier agent left running (found at start), each to be followed to its end.
    /// The agent counts them toward `concurrent` before it asks GitLab for new jobs.
    func recover() async -> [RecoveredJob]

    /// Jobs left by agents that are gone since this one started (found by a periodic scan), except
    /// `running`, the jobs this agent follows already.
    func adoptOrphans(excluding running: Set<Int64>) async -> [RecoveredJob]

    /// Work the executor does for as long as the agent runs (a shared watch), beside its jobs. The agent
    /// runs it from start until every job has ended, then cancels it.
    func maintain() async
}

extension JobExecutor {
    /// Executors with nothing to do ahead of the accept start everything in `run`.
    public func prepare(_ job: JobPayload) async {}

    /// Executors with nothing to do ahead of the accept have nothing to undo.
    public func discard(_ job: JobPayload) async {}

    /// Executors whose jobs die with the agent (shell) recover nothing.
    public func recover() async -> [RecoveredJob] { [] }

    /// Executors whose jobs die with their agent have no orphans.
    public func adoptOrphans(excluding running: Set<Int64>) async -> [RecoveredJob] { [] }

    /// Executors with nothing to maintain return at once.
    public func maintain() async {}
}

/// A job found running at start, and how to follow it.
public struct RecoveredJob: Sendable {
    public var jobID: Int64
    public var follow: @Sendable (JobControl) async -> JobOutcome

    public init(jobID: Int64, follow: @escaping @Sendable (JobControl) async -> JobOutcome) {
        self.jobID = jobID
        self.follow = follow
    }
}
