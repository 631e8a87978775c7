@testable import Executors
import JobExecution
import Testing

/// Tests of ``LocalStageRunner``: real shells, real process groups.
///
/// Serialized so the descriptor-leak test sees no other stage's descriptors; each test has its own sandbox.
@Suite(.serialized, .timeLimit(.minutes(1)))
final class LocalStageRunnerTests {
    let sandbox = StageSandbox()

    /// Starts `script` as stage `name` and returns the started stage and its output collector.
    func start(_ script: String, name: String = "step_script", runner: LocalStageRunner? = nil) async throws -> (stage: any RunningStage, output: CollectingTraceWriter) {
        let output = CollectingTraceWriter()
        let stage = try await (runner ?? sandbox.runner()).start(StageScript(name: name, text: script), output: output)
        return (stage, output)
    }

    /// Runs `script` to completion.
    func run(_ script: String, name: String = "step_script", runner: LocalStageRunner? = nil) async throws -> (exit: StageExit, output: CollectingTraceWriter) {
        let (stage, output) = try await start(script, name: name, runner: runner)
        return (await stage.wait(), output)
    }
}
