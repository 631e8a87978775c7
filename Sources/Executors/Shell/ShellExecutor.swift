import AsyncHTTPClient
import Foundation
import GitLabRunnerAPI
import JobExecution
import Logging
import RunnerConfiguration

/// The shell executor: each job runs as local processes in its own directory under `builds_dir`,
/// supervised in-process by the same ``JobSupervisor`` that runs inside job pods.
public struct ShellExecutor: JobExecutor {
    let settings: RunnerSettings
    let systemID: String
    let api: any JobAPI
    let logger: Logger
    let concurrentIDs = ConcurrentIDs()
    let timing: TraceUploader.Timing

    public init(settings: RunnerSettings, systemID: String, api: any JobAPI, timing: TraceUploader.Timing = TraceUploader.Timing(), logger: Logger) {
        self.settings = settings
        self.systemID = systemID
        self.api = api
        self.timing = timing
        self.logger = logger
    }

    public func run(_ job: JobPayload, control: JobControl) async -> JobOutcome {
        let slot = concurrentIDs.take()
        defer { concurrentIDs.release(slot) }
        var logger = self.logger
        logger[metadataKey: "job"] = "\(job.id)"
        let shortToken = TokenDisplay.short(settings.token)
        // <builds_dir>/<short token>/<slot>/<namespace>/<project>, as gitlab-runner lays out shared environments.
        let buildsDir = URL(fileURLWithPath: settings.buildsDir).appendingPathComponent(shortToken).appendingPathComponent("\(slot)").path
        let layout = JobLayout(buildsDir: buildsDir, job: job)
        let tracePath = URL(fileURLWithPath: settings.buildsDir).appendingPathComponent(".flywheel").appendingPathComponent("trace-\(job.id).log").path
        do {
            try FileManager.default.createDirectory(atPath: buildsDir, withIntermediateDirectories: true)
            try FileManager.default.createDirectory(atPath: (tracePath as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        } catch {
            return await fail(job, message: "cannot create the builds directory \(buildsDir): \(error)", reason: .runnerSystemFailure, logger: logger)
        }
        let variables = JobVariables(
            job: job, layout: layout,
            runner: RunnerContext(disposableEnvironment: false, concurrentID: slot, shortToken: shortToken, environment: settings.environment)
        )
        let trace: TraceBuffer
        do {
            trace = try TraceBuffer(
                path: tracePath, outputLimit: settings.outputLimitKiB * 1024,
                masker: SecretMasker(secrets: variables.maskedValues, tokenPrefixes: SecretMasker.defaultTokenPrefixes + job.features.tokenMaskPrefixes)
            )
        } catch {
            return await fail(job, message: "cannot create the trace buffer \(tracePath): \(error)", reason: .runnerSystemFailure, logger: logger)
        }
        defer { trace.remove() }
        let scripts = StageScriptBuilder(job: job, layout: layout, variables: variables, shell: settings.shell)
        let runner = LocalStageRunner(
            shell: settings.shell, scriptsDirectory: layout.scriptsDir, workingDirectory: buildsDir,
            environment: Self.baseEnvironment()
        )
        let supervisor = JobSupervisor(
            job: job, api: api, runner: runner, scripts: scripts, trace: trace,
            settings: SupervisorSettings(
                runnerName: settings.name, runnerShortToken: shortToken, executorName: "shell", hostname: ProcessInfo.processInfo.hostName,
                systemID: systemID, timing: timing,
                cacheStore: cacheStore(job: job, shortToken: shortToken)
            ),
            control: control, logger: logger
        )
        let outcome = await supervisor.run()
        try? FileManager.default.removeItem(atPath: layout.scriptsDir)
        return outcome
    }

    /// `[runners.cache]` (S3) when configured, else archives in `cache_dir` on this host.
    private func cacheStore(job: JobPayload, shortToken: String) -> any JobCacheStore {
        if let cache = settings.cache {
            return S3CacheStore(settings: cache, shortToken: shortToken, projectID: job.jobInfo.projectID, http: .shared)
        }
        return LocalCacheStore(
            directory: settings.cacheDir ?? URL(fileURLWithPath: settings.buildsDir).appendingPathComponent(".flywheel/cache").path,
            namespace: "\(shortToken)/project/\(job.jobInfo.projectID)"
        )
    }

    private func fail(_ job: JobPayload, message: String, reason: FailureReason, logger: Logger) async -> JobOutcome {
        logger.error("\(message)")
        let reported = await JobReport(jobID: job.id, jobToken: job.token, api: api, logger: logger)
            .failWithoutRunning(message: message, reason: reason, supportedReasons: job.features.failureReasons)
        return JobOutcome(result: .failed(reason, exitCode: nil), reported: reported)
    }

    /// The environment stage processes start with: the basics of the agent's own, never its secrets.
    /// Job variables are exported by the stage scripts themselves.
    static func baseEnvironment() -> [String: String] {
        let inherited = ProcessInfo.processInfo.environment
        var environment: [String: String] = [:]
        for key in ["PATH", "HOME", "USER", "LOGNAME", "LANG", "LC_ALL", "TZ", "TMPDIR", "TERM", "HOSTNAME", "SHELL"] {
            if let value = inherited[key] { environment[key] = value }
        }
        if environment["PATH"] == nil { environment["PATH"] = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin" }
        return environment
    }
}
