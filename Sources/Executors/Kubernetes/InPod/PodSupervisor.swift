import AsyncHTTPClient
import Foundation
import GitLabRunnerAPI
import JobExecution
import Logging

/// The supervisor of a job pod (`flywheel supervise`): reads the job from the mounted Secret, runs
/// `get_sources` in its own container and the job's stages in the build container, owns the trace and
/// reports the final state to GitLab — so the agent can restart or roll out without losing the job.
public struct PodSupervisor: Sendable {
    /// Where the job's Secret is mounted (`job.json`, `runner.json`).
    public var jobDirectory: String
    public var workspace: PodWorkspace
    /// The builds volume.
    public var buildsDirectory: String
    /// The pod's name, shown in the trace.
    public var podName: String
    public var timing: TraceUploader.Timing
    public var staleAfter: Duration

    public init(
        jobDirectory: String, workspace: PodWorkspace, buildsDirectory: String = "/builds", podName: String,
        timing: TraceUploader.Timing = TraceUploader.Timing(), staleAfter: Duration = .seconds(15)
    ) {
        self.jobDirectory = jobDirectory
        self.workspace = workspace
        self.buildsDirectory = buildsDirectory
        self.podName = podName
        self.timing = timing
        self.staleAfter = staleAfter
    }

    /// Reads the job and its runner settings from the mounted Secret.
    public func loadJob() throws -> (job: JobPayload, settings: PodJobSettings) {
        let decoder = JSONDecoder()
        func read(_ name: String) throws -> Data {
            guard let data = FileManager.default.contents(atPath: (jobDirectory as NSString).appendingPathComponent(name)) else {
                throw CocoaError(.fileReadNoSuchFile, userInfo: [NSFilePathErrorKey: (jobDirectory as NSString).appendingPathComponent(name)])
            }
            return data
        }
        return (try decoder.decode(JobPayload.self, from: read("job.json")), try decoder.decode(PodJobSettings.self, from: read("runner.json")))
    }

    /// Runs the job to its end, then ends the build loop.
    ///
    /// - Parameter control: raise `.interrupt` on it when the pod is being deleted.
    public func run(job: JobPayload, settings: PodJobSettings, httpClient: HTTPClient, control: JobControl = JobControl(), logger: Logger) async -> JobOutcome {
        defer { workspace.stopBuildLoop() }
        let info = RunnerInfo(version: FlywheelBuild.version, revision: FlywheelBuild.revision, architecture: FlywheelBuild.architecture, executor: "kubernetes")
        let api = GitLabClient(serverURL: settings.serverURL, info: info, httpClient: httpClient, logger: logger)
        let layout = JobLayout(buildsDir: buildsDirectory, job: job)
        let variables = JobVariables(job: job, layout: layout, runner: RunnerContext(disposableEnvironment: true, shortToken: settings.runnerShortToken))
        let trace: TraceBuffer
        do {
            trace = try TraceBuffer(
                path: workspace.root + "/trace.log", outputLimit: settings.outputLimitKiB * 1024,
                masker: SecretMasker(secrets: variables.maskedValues, tokenPrefixes: SecretMasker.defaultTokenPrefixes + job.features.tokenMaskPrefixes)
            )
        } catch {
            let reported = await JobReport(jobID: job.id, jobToken: job.token, api: api, logger: logger)
                .failWithoutRunning(message: "the supervisor cannot write its trace buffer: \(error)", reason: .runnerSystemFailure, supportedReasons: job.features.failureReasons)
            return JobOutcome(result: .failed(.runnerSystemFailure, exitCode: nil), reported: reported)
        }
        let local = LocalStageRunner(
            shell: "sh", scriptsDirectory: workspace.root + "/supervisor-scripts", workingDirectory: buildsDirectory,
            environment: ShellExecutor.baseEnvironment()
        )
        let runner = SplitStageRunner(local: local, build: PodStageRunner(workspace: workspace, staleAfter: staleAfter))
        let supervisor = JobSupervisor(
            job: job, api: api, runner: runner, scripts: StageScriptBuilder(job: job, layout: layout, variables: variables, shell: "sh"),
            trace: trace,
            settings: SupervisorSettings(
                runnerName: settings.runnerName, runnerShortToken: settings.runnerShortToken, executorName: "kubernetes",
                hostname: podName, systemID: settings.systemID, timing: timing
            ),
            control: control, logger: logger
        )
        return await supervisor.run()
    }
}
