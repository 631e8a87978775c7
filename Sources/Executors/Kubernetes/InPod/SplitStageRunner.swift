import JobExecution

/// Sends each stage to one of two runners by name: in a job pod, `get_sources` and
/// `cleanup_file_variables` run in the supervisor container (which has git), the job's own stages in the
/// build container.
public struct SplitStageRunner: StageRunner {
    let local: any StageRunner
    let build: any StageRunner
    let localStages: Set<String>

    public init(local: any StageRunner, build: any StageRunner, localStages: Set<String> = ["get_sources", "cleanup_file_variables"]) {
        self.local = local
        self.build = build
        self.localStages = localStages
    }

    public func start(_ stage: StageScript, output: any TraceWriter) async throws -> any RunningStage {
        try await (localStages.contains(stage.name) ? local : build).start(stage, output: output)
    }
}
