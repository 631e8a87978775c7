import Foundation
import JobExecution
import Synchronization

/// Runs stages in the job pod's build container through the shared ``PodWorkspace``: the supervisor's
/// side of ``BuildLoopScript``.
public final class PodStageRunner: StageRunner, Sendable {
    let workspace: PodWorkspace
    /// A build loop whose heartbeat is older than this is taken as dead (container OOM-killed, evicted, …).
    let staleAfter: Duration
    private let sequence = Mutex(0)

    public init(workspace: PodWorkspace, staleAfter: Duration = .seconds(15)) {
        self.workspace = workspace
        self.staleAfter = staleAfter
    }

    public func start(_ stage: StageScript, output: any TraceWriter) async throws -> any RunningStage {
        let number = sequence.withLock { value -> Int in
            value += 1
            return value
        }
        let scriptPath = "\(workspace.scriptsDirectory)/\(number)-\(stage.name)"
        do {
            try workspace.writeAtomically(stage.text, to: scriptPath, permissions: 0o755)
            try workspace.writeAtomically(scriptPath + "\n", to: "\(workspace.controlDirectory)/\(number).run")
        } catch {
            throw StageLaunchError(stage: stage.name, reason: "cannot write to the shared volume \(workspace.root): \(error)")
        }
        let running = RunningPodStage(workspace: workspace, number: number, output: output, staleAfter: staleAfter)
        running.startFollowing()
        return running
    }
}
