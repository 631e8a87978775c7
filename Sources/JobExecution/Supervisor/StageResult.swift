/// How one stage run ended, from the supervisor's point of view.
enum StageResult: Sendable, Equatable {
    /// The stage ran to its end.
    case exited(StageExit)
    /// The stage's own deadline passed; it was terminated (then killed).
    case timedOut(StageExit)
    /// A job stop ended the stage.
    case stopped(JobStop, StageExit)
    /// The stage could not be started.
    case launchFailed(String)
}
