/// Launches stage scripts somewhere: a local process group, or the build container of a job pod.
///
/// The supervisor depends only on this seam; executors implement it.
public protocol StageRunner: Sendable {
    /// Starts `stage`, delivering every byte it prints (stdout and stderr interleaved, in order) to `output`.
    ///
    /// - Returns: a handle to wait for the stage and to stop it.
    /// - Throws: ``StageLaunchError`` when the stage cannot be started at all.
    func start(_ stage: StageScript, output: any TraceWriter) async throws -> any RunningStage
}

/// A stage that has been started.
public protocol RunningStage: Sendable {
    /// Waits until the stage's process has exited **and** all of its output was delivered.
    func wait() async -> StageExit
    /// Asks the stage to stop: SIGTERM to its whole process group. Idempotent.
    func terminate()
    /// Stops the stage at once: SIGKILL to its whole process group. Idempotent.
    func kill()
}

/// A stage script to run.
public struct StageScript: Sendable, Equatable {
    /// Stage name as in the trace sections: `get_sources`, `step_script`, `after_script`, …
    public var name: String
    /// The complete POSIX shell script text.
    public var text: String

    public init(name: String, text: String) {
        self.name = name
        self.text = text
    }
}

/// How a stage ended.
public enum StageExit: Sendable, Equatable {
    /// The shell exited with this status.
    case exited(Int32)
    /// The shell was killed by this signal.
    case signaled(Int32)
    /// The place the stage ran in went away (a build container that died, was OOM-killed or evicted):
    /// an infrastructure failure, not the script's.
    case lost(String)

    /// Exit code as GitLab shows it: the status, or 128 + signal.
    public var exitCode: Int32 {
        switch self {
        case .exited(let code): code
        case .signaled(let signal): 128 + signal
        case .lost: 137
        }
    }

    public var succeeded: Bool { self == .exited(0) }
}

/// A stage could not be started (no shell, cannot create its directory, …).
public struct StageLaunchError: Error, CustomStringConvertible, Sendable {
    public var stage: String
    public var reason: String

    public init(stage: String, reason: String) {
        self.stage = stage
        self.reason = reason
    }

    public var description: String { "cannot start stage \(stage): \(reason)" }
}
