import JobExecution

/// Mutable state of a ``LocalRunningStage``, kept behind its mutex.
struct LocalStageState: Sendable {
    /// `true` until the shell has been reaped; signals go to the process group only while this holds,
    /// so a process group ID reused by the system is never signalled.
    var processGroupAlive = true
    /// How the shell ended, once reaped; stays `nil` if its status could not be collected.
    var shellExit: StageExit?
    /// The final result, set once the shell was reaped **and** all output was delivered.
    var result: StageExit?
    /// Callers of `wait()` suspended until ``result`` is set; each is resumed exactly once.
    var waiters: [CheckedContinuation<StageExit, Never>] = []
}
