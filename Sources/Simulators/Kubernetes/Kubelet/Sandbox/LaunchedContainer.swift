/// A started container process.
struct LaunchedContainer: Sendable {
    /// The spawned process (`bwrap`, or the command itself without a sandbox).
    var process: SpawnedProcess
    /// Host pid of the container's main process (the one that gets SIGTERM).
    var mainPID: Int32
}
