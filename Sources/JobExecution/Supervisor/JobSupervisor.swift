import Foundation
import GitLabRunnerAPI
import Logging

/// Owns one job once it runs: runs its stages through a ``StageRunner``, writes the trace, streams it,
/// follows cancel and timeout, and reports the final state (DESIGN §1).
///
/// The same supervisor runs in-process (shell executor, `flywheel exec`) and inside a job pod.
public final class JobSupervisor: Sendable {
    let job: JobPayload
    let api: any JobAPI
    let runner: any StageRunner
    let scripts: StageScriptBuilder
    let trace: TraceBuffer
    let settings: SupervisorSettings
    let logger: Logger
    /// Stop requests for this job; the agent calls ``interrupt()`` on shutdown.
    public let control: JobControl

    public init(
        job: JobPayload, api: any JobAPI, runner: any StageRunner, scripts: StageScriptBuilder, trace: TraceBuffer,
        settings: SupervisorSettings, control: JobControl = JobControl(), logger: Logger
    ) {
        self.control = control
        self.job = job
        self.api = api
        self.runner = runner
        self.scripts = scripts
        self.trace = trace
        self.settings = settings
        self.logger = logger
    }

    /// Stops the job because the runner is going away: kill the script, report `runner_interrupted`.
    public func interrupt() {
        control.request(.interrupt)
    }

    /// Runs the job to its end and reports it. Never throws: every failure becomes a job state.
    public func run() async -> JobOutcome {
        let uploader = TraceUploader(jobID: job.id, jobToken: job.token, api: api, trace: trace, control: control, timing: settings.timing, logger: logger)
        let result = await withTaskGroup(of: Void.self) { group -> JobOutcome.Result in
            group.addTask { await uploader.runPeriodicUpdates() }
            let result = await execute()
            group.cancelAll()
            await group.waitForAll()
            return result
        }
        trace.finish()
        switch result {
        case .aborted:
            logger.notice("job aborted by GitLab", metadata: ["job": "\(job.id)"])
            return JobOutcome(result: .aborted, reported: false)
        case .success:
            return JobOutcome(result: result, reported: await uploader.finish(state: .success, failureReason: nil, exitCode: nil))
        case .canceled:
            let reason = FailureReason.jobCanceled.mapped(supported: job.features.failureReasons)
            return JobOutcome(result: result, reported: await uploader.finish(state: .failed, failureReason: reason, exitCode: nil))
        case .failed(let reason, let exitCode):
            let mapped = reason.mapped(supported: job.features.failureReasons)
            return JobOutcome(result: result, reported: await uploader.finish(state: .failed, failureReason: mapped, exitCode: exitCode))
        }
    }

    // MARK: Stages

    private func execute() async -> JobOutcome.Result {
        let clock = ContinuousClock()
        let deadline = clock.now + .seconds(job.timeoutSeconds)
        writeHeader()

        var result: JobOutcome.Result = .success
        var stepsFailed = false
        var artifactsFailed = false

        await sectionAsync("get_sources", "Getting source from Git repository") {
            result = await runUserStage(scripts.getSources(), deadline: deadline)
        }
        stepsFailed = result != .success

        if !stepsFailed, control.stop == nil {
            await restoreCaches()
        }

        if !stepsFailed, control.stop == nil, let failure = await downloadDependencies() {
            result = failure
            stepsFailed = true
        }

        if !stepsFailed {
            for step in job.steps where step.name != "after_script" {
                let stage = scripts.step(step)
                await sectionAsync(stage.name, "Executing \"\(stage.name)\" stage of the job script") {
                    result = await runUserStage(stage, deadline: deadline)
                }
                if result != .success { break }
            }
        }

        if control.stop == .abort { return .aborted }

        if let afterStep = job.steps.first(where: { $0.name == "after_script" }), !afterStep.script.isEmpty,
           control.stop != .interrupt {
            await runAfterScript(afterStep, jobStatus: Self.ciJobStatus(result, stop: control.stop))
            if control.stop == .abort { return .aborted }
        }

        if control.stop == nil || control.stop == .cancel || control.stop == .timeout {
            let artifactResult: JobOutcome.Result = control.stop == .cancel ? .canceled : result
            await archiveCaches(after: artifactResult)
            if let failure = await uploadArtifacts(after: artifactResult), result == .success {
                result = failure
                artifactsFailed = true
            }
            if control.stop == .abort { return .aborted }
        }

        if control.stop != .interrupt {
            await sectionAsync("cleanup_file_variables", "Cleaning up project directory and file based variables") {
                _ = await runStage(scripts.cleanup(), deadline: clock.now + .seconds(60), stopAbove: .cancel)
            }
        }
        if control.stop == .abort { return .aborted }
        if control.stop == .interrupt, result == .success { result = .failed(.runnerInterrupted, exitCode: nil) }
        if artifactsFailed {
            trace.write(TraceMessage.error("Job failed: the artifacts could not be uploaded"))
        } else {
            writeVerdict(result)
        }
        return result
    }

    /// Runs a stage whose failure fails the job (get_sources, steps).
    private func runUserStage(_ stage: StageScript, deadline: ContinuousClock.Instant) async -> JobOutcome.Result {
        switch await runStage(stage, deadline: deadline, stopAbove: nil) {
        case .exited(.lost(let why)):
            trace.write(TraceMessage.error(why))
            return .failed(.runnerSystemFailure, exitCode: nil)
        case .exited(let exit):
            return exit.succeeded ? .success : .failed(.scriptFailure, exitCode: exit.exitCode)
        case .timedOut:
            control.request(.timeout)
            return .failed(.jobExecutionTimeout, exitCode: nil)
        case .stopped(let stop, _):
            switch stop {
            case .timeout: return .failed(.jobExecutionTimeout, exitCode: nil)
            case .cancel: return .canceled
            case .interrupt: return .failed(.runnerInterrupted, exitCode: nil)
            case .abort: return .aborted
            }
        case .launchFailed(let problem):
            trace.write(TraceMessage.error("\(problem)"))
            return .failed(.runnerSystemFailure, exitCode: nil)
        }
    }

    private func runAfterScript(_ step: JobStep, jobStatus: String) async {
        let timeout = Self.afterScriptTimeout(job.variables)
        await sectionAsync("after_script", "Running after_script") {
            trace.write(TraceMessage.plain("Running after script..."))
            let deadline = ContinuousClock.now + timeout
            switch await runStage(scripts.afterScript(jobStatus: jobStatus), deadline: deadline, stopAbove: .cancel) {
            case .exited(let exit) where !exit.succeeded:
                trace.write(TraceMessage.warning("after_script failed, but job will continue unaffected: exit code \(exit.exitCode)"))
            case .timedOut:
                trace.write(TraceMessage.warning("after_script failed, but job will continue unaffected: execution took longer than \(Self.describe(timeout))"))
            case .launchFailed(let problem):
                trace.write(TraceMessage.warning("after_script could not start: \(problem)"))
            default:
                break
            }
        }
    }

    /// Runs `stage` until it exits, its `deadline` passes, or a job stop stronger than `stopAbove` arrives.
    func runStage(_ stage: StageScript, deadline: ContinuousClock.Instant, stopAbove threshold: JobStop?) async -> StageResult {
        let running: any RunningStage
        do {
            running = try await runner.start(stage, output: trace)
        } catch {
            return .launchFailed("\(error)")
        }
        enum Event: Sendable {
            case exited(StageExit)
            case deadline
            case stop(JobStop)
            case nothing
        }
        let control = self.control
        let grace = settings.stopGracePeriod
        return await withTaskGroup(of: Event.self) { group -> StageResult in
            group.addTask { .exited(await running.wait()) }
            group.addTask {
                do {
                    try await Task.sleep(until: deadline, clock: .continuous)
                    return .deadline
                } catch {
                    return .nothing
                }
            }
            group.addTask { await control.waitForStop(strongerThan: threshold).map(Event.stop) ?? .nothing }
            var ending: StageResult?
            var escalating = false
            while let event = await group.next() {
                switch event {
                case .exited(let exit):
                    group.cancelAll()
                    switch ending {
                    case .timedOut: return .timedOut(exit)
                    case .stopped(let stop, _): return .stopped(stop, exit)
                    default: return .exited(exit)
                    }
                case .deadline:
                    guard ending == nil else { continue }
                    ending = .timedOut(.exited(0))
                    running.terminate()
                case .stop(let stop):
                    ending = .stopped(stop, .exited(0))
                    if stop >= .interrupt {
                        running.kill()
                    } else {
                        running.terminate()
                    }
                    group.addTask { await control.waitForStop(strongerThan: stop).map(Event.stop) ?? .nothing }
                case .nothing:
                    continue
                }
                if !escalating, ending != nil {
                    escalating = true
                    group.addTask {
                        do {
                            try await Task.sleep(for: grace)
                            running.kill()
                        } catch {}
                        return .nothing
                    }
                }
            }
            return .launchFailed("stage \(stage.name) ended without an exit status")
        }
    }

    // MARK: Trace text

    private func writeHeader() {
        trace.write(TraceMessage.plain("Running with flywheel \(FlywheelBuild.version) (\(FlywheelBuild.revision))"))
        trace.write(TraceMessage.plain("  on \(settings.runnerName) \(settings.runnerShortToken), system ID: \(settings.systemID)"))
        section("prepare_executor", "Preparing the \"\(settings.executorName)\" executor") {
            trace.write(TraceMessage.plain("Using \(settings.executorName.capitalized) executor..."))
        }
        section("prepare_script", "Preparing environment") {
            trace.write(TraceMessage.plain("Running on \(settings.hostname)..."))
        }
    }

    private func writeVerdict(_ result: JobOutcome.Result) {
        switch result {
        case .success:
            trace.write(TraceMessage.success("Job succeeded"))
        case .failed(.scriptFailure, let exitCode?):
            trace.write(TraceMessage.error("Job failed: exit code \(exitCode)"))
        case .failed(.jobExecutionTimeout, _):
            trace.write(TraceMessage.error("Job failed: execution took longer than \(Self.describe(.seconds(job.timeoutSeconds)))"))
        case .failed(.runnerInterrupted, _):
            trace.write(TraceMessage.error("Job failed (system failure): the runner was stopped while the job ran"))
        case .failed(let reason, _):
            trace.write(TraceMessage.error("Job failed (system failure): \(reason.rawValue)"))
        case .canceled:
            trace.write(TraceMessage.error("Job failed: canceled"))
        case .aborted:
            break
        }
    }

    private func section(_ name: String, _ header: String, _ body: () -> Void) {
        let sections = job.features.traceSections
        if sections { trace.write(TraceSection.start(name: name, header: header)) }
        else { trace.write(TraceMessage.bold(header)) }
        body()
        if sections { trace.write(TraceSection.end(name: name)) }
    }

    func sectionAsync(_ name: String, _ header: String, _ body: () async -> Void) async {
        let sections = job.features.traceSections
        if sections { trace.write(TraceSection.start(name: name, header: header)) }
        else { trace.write(TraceMessage.bold(header)) }
        await body()
        if sections { trace.write(TraceSection.end(name: name)) }
    }

    // MARK: Helpers

    static func ciJobStatus(_ result: JobOutcome.Result, stop: JobStop?) -> String {
        switch (result, stop) {
        case (_, .cancel?), (.canceled, _): "canceled"
        case (.failed(.jobExecutionTimeout, _), _): "timedout"
        case (.success, _): "success"
        default: "failed"
        }
    }

    /// `RUNNER_AFTER_SCRIPT_TIMEOUT` (a Go duration like `5m` or `90s`), default 5 minutes.
    static func afterScriptTimeout(_ variables: [JobVariable]) -> Duration {
        guard let text = variables.last(where: { $0.key == "RUNNER_AFTER_SCRIPT_TIMEOUT" })?.value,
              let seconds = GoDuration.seconds(text), seconds > 0 else { return .seconds(300) }
        return .seconds(seconds)
    }

    static func describe(_ duration: Duration) -> String {
        let total = Int(duration.components.seconds)
        let hours = total / 3600, minutes = (total % 3600) / 60, seconds = total % 60
        if hours > 0 { return "\(hours)h\(minutes)m\(seconds)s" }
        if minutes > 0 { return "\(minutes)m\(seconds)s" }
        return "\(seconds)s"
    }
}
