import Glibc
import JobExecution

/// Runs stage scripts of the shell executor as local processes.
///
/// Each stage is written to `<scriptsDirectory>/<stage name>` and run as `<shell> <script>` in a new
/// process group, with exactly the given environment, in `workingDirectory`, stdin from `/dev/null`
/// and stdout + stderr interleaved into the trace. Cheap to copy; every ``start(_:output:)`` is independent.
public struct LocalStageRunner: StageRunner {
    /// Shell name, `"bash"` or `"sh"`.
    public var shell: String
    /// Directory the stage scripts are written to (created `0700` if missing).
    public var scriptsDirectory: String
    /// Directory the shell starts in (created if missing).
    public var workingDirectory: String
    /// The complete environment of the shell; nothing of the agent's environment is inherited.
    public var environment: [String: String]

    /// Replaces the built-in shell lookup paths (tests only).
    var shellCandidates: [String]?
    /// How long to keep reading output after the shell exited before giving up on leftover processes.
    var outputDrainTimeout: Duration = .seconds(5)

    /// - Parameters:
    ///   - shell: `"bash"` (falls back to `sh` when no bash is installed) or `"sh"`.
    ///   - scriptsDirectory: where stage scripts are written.
    ///   - workingDirectory: where the shell starts.
    ///   - environment: the shell's complete environment.
    public init(shell: String, scriptsDirectory: String, workingDirectory: String, environment: [String: String]) {
        self.shell = shell
        self.scriptsDirectory = scriptsDirectory
        self.workingDirectory = workingDirectory
        self.environment = environment
    }

    /// Writes `stage` to its script file and starts it.
    ///
    /// - Throws: `StageLaunchError` when the shell is missing, the stage name or environment is
    ///   invalid, a directory or the script cannot be written, or the process cannot be started.
    public func start(_ stage: StageScript, output: any TraceWriter) async throws(StageLaunchError) -> any RunningStage {
        try validate(stage)
        let shellPath = try LocalShell.resolve(shell, candidates: shellCandidates, stage: stage.name)
        let directory = LocalStageFiles.absolutePath(scriptsDirectory)
        let scriptPath = directory.hasSuffix("/") ? directory + stage.name : directory + "/" + stage.name
        do {
            try LocalStageFiles.makeDirectory(directory, mode: 0o700)
            try LocalStageFiles.writeScript(stage.text, to: scriptPath)
            try LocalStageFiles.makeDirectory(workingDirectory, mode: 0o755)
        } catch {
            throw StageLaunchError(stage: stage.name, reason: "\(error); check that the agent's user may write there")
        }
        do {
            let process = try SpawnedShell.spawn(
                executable: shellPath,
                arguments: [scriptPath],
                environment: environment,
                workingDirectory: workingDirectory
            )
            return try LocalRunningStage.watch(process, output: output, drainTimeout: outputDrainTimeout)
        } catch {
            throw StageLaunchError(stage: stage.name, reason: "\(error); check the shell, the working directory and the agent's process limits")
        }
    }

    /// Rejects stage names that are not plain file names and environment entries that cannot be passed.
    private func validate(_ stage: StageScript) throws(StageLaunchError) {
        let name = stage.name
        if name.isEmpty || name == "." || name == ".." || name.contains("/") || name.utf8.contains(0) {
            throw StageLaunchError(stage: name, reason: "the stage name must be a plain file name (no '/', not '.' or '..')")
        }
        if stage.text.utf8.contains(0) {
            throw StageLaunchError(stage: name, reason: "the script contains a NUL byte, which shells cannot run; remove it")
        }
        for (key, value) in environment {
            if key.isEmpty || key.contains("=") || key.utf8.contains(0) || value.utf8.contains(0) {
                throw StageLaunchError(
                    stage: name,
                    reason: "environment variable name '\(key)' is invalid (it must be non-empty and contain no '=' or NUL, and its value no NUL); rename or drop it"
                )
            }
        }
    }
}
