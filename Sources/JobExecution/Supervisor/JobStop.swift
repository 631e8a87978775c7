/// Why the running job must stop early, strongest last.
public enum JobStop: Int, Sendable, Comparable {
    /// The job timeout passed: terminate the script, run after_script, report `job_execution_timeout`.
    case timeout = 1
    /// GitLab said `canceling`: terminate the script, run after_script, report.
    case cancel = 2
    /// The agent is shutting down past its grace: kill, report `runner_interrupted`.
    case interrupt = 3
    /// GitLab said `canceled`/`failed` or 403: kill, stop, report nothing.
    case abort = 4

    public static func < (lhs: JobStop, rhs: JobStop) -> Bool { lhs.rawValue < rhs.rawValue }
}
