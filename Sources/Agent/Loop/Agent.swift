import Foundation
import Executors
import GitLabRunnerAPI
import JobExecution
import Logging
import RunnerConfiguration
import Synchronization

/// The agent: polls GitLab for each runner, accepts jobs, runs them through the runner's executor, and
/// drains on shutdown without losing a final state (notes §5, §11).
public final class Agent: Sendable {
    /// Pacing and shutdown settings.
    public struct Settings: Sendable {
        /// Pause after a request that found no job (minus the time the long poll already took).
        public var checkInterval: Duration
        /// Time running jobs get to finish after a drain starts; `nil` waits for them indefinitely.
        public var shutdownTimeout: Duration?
        /// This process's runner manager id.
        public var systemID: String
        /// Consecutive 403 answers after which a runner is paused.
        public var unhealthyRequestsLimit = 3
        /// How long an unhealthy runner is paused.
        public var unhealthyInterval: Duration = .seconds(3600)
        /// How often executors look for jobs left by agents that are gone (ten check intervals).
        public var orphanScanInterval: Duration { max(checkInterval, .seconds(1)) * 10 }

        public init(checkInterval: Duration, shutdownTimeout: Duration?, systemID: String) {
            self.checkInterval = checkInterval
            self.shutdownTimeout = shutdownTimeout
            self.systemID = systemID
        }
    }

    /// A job the poller received, handed to the job group with its slot.
    struct Received: Sendable {
        enum Kind: Sendable {
            case job(JobPayload)
            case recovered(RecoveredJob)
            case malformed(id: Int64?, token: String?, problem: String)
        }

        var runner: AgentRunner
        var kind: Kind
    }

    let runners: [AgentRunner]
    let settings: Settings
    let slots: JobSlots
    let logger: Logger
    private let drainRequested = Latch()
    private let jobsFinished = Latch()
    private let running = Mutex<[Int64: (runner: String, control: JobControl)]>([:])
    private let drainTimeout = Mutex<Duration?>(nil)
    /// Consecutive failed job requests per runner (for `/readyz`).
    private let requestFailures = Mutex<[String: Int]>([:])
    let concurrent: Int
    /// The agent's metrics, rendered by the status server.
    public let metrics: AgentMetrics
    /// Running and recent jobs, for the status page.
    public let board = StatusBoard()

    public init(runners: [AgentRunner], concurrent: Int, settings: Settings, logger: Logger) {
        self.runners = runners
        self.settings = settings
        self.logger = logger
        self.concurrent = concurrent
        self.metrics = AgentMetrics(concurrent: concurrent)
        var limits: [String: Int] = [:]
        for runner in runners { limits[runner.settings.name] = runner.settings.limit }
        self.slots = JobSlots(concurrent: concurrent, limits: limits)
    }

    /// Jobs running now, by id.
    public var runningJobIDs: [Int64] { running.withLock { Array($0.keys).sorted() } }

    /// What the executor last said about a running job (a pod's phase), for the status page.
    func phase(of jobID: Int64) -> String? { running.withLock { $0[jobID]?.control.currentPhase } }

    /// Whether a drain was requested.
    public var isDraining: Bool { drainRequested.isOpen }

    /// Ready for jobs: not draining, and at least one runner reached GitLab in its last 3 requests.
    public var readiness: (ready: Bool, reason: String) {
        if isDraining { return (false, "draining") }
        let failures = requestFailures.withLock { $0 }
        if !runners.isEmpty, runners.allSatisfy({ failures[$0.settings.name, default: 0] >= 3 }) {
            return (false, "GitLab unreachable: the last job requests of every runner failed")
        }
        return (true, "ready")
    }

    private func recordRequest(runner: String, result: String, failed: Bool) {
        metrics.requested(runner: runner, result: result)
        requestFailures.withLock { $0[runner] = failed ? $0[runner, default: 0] + 1 : 0 }
    }

    private func updateRunning() {
        let byRunner = running.withLock { jobs in Dictionary(grouping: jobs.values, by: \.runner).mapValues(\.count) }
        let total = byRunner.values.reduce(0, +)
        for runner in runners {
            metrics.running(runner: runner.settings.name, count: byRunner[runner.settings.name, default: 0], total: total, concurrent: concurrent)
        }
    }

    /// Stops polling; running jobs get the shutdown timeout to finish, then are interrupted.
    ///
    /// - Parameter waitIndefinitely: `true` for SIGQUIT: let jobs finish however long they take.
    public func drain(waitIndefinitely: Bool = false) {
        drainTimeout.withLock { $0 = waitIndefinitely ? nil : settings.shutdownTimeout }
        if !drainRequested.isOpen {
            logger.notice("draining: no new jobs; \(runningJobIDs.count) running")
        }
        metrics.setDraining(true)
        drainRequested.open()
    }

    /// Interrupts every running job now (they report `runner_interrupted`).
    public func interruptAll() {
        let controls = running.withLock { $0.values.map(\.control) }
        for control in controls { control.request(.interrupt) }
    }

    /// Runs until a drain has completed: every accepted job ended and was reported.
    public func run() async {
        let (received, sink) = AsyncStream.makeStream(of: Received.self)
        await withDiscardingTaskGroup { group in
            group.addTask {
                await self.recover(into: sink)
                await withTaskGroup(of: Void.self) { pollers in
                    pollers.addTask { await self.pollAll(into: sink) }
                    pollers.addTask { await self.adoptOrphans(into: sink) }
                    pollers.addTask { await self.drainRequested.wait() }
                    await pollers.next()
                    pollers.cancelAll()
                }
                sink.finish()
            }
            group.addTask { await self.enforceShutdownTimeout() }
            group.addTask {
                await withDiscardingTaskGroup { executors in
                    for runner in self.runners {
                        executors.addTask { await runner.executor.maintain() }
                    }
                    await self.jobsFinished.wait()
                    executors.cancelAll()
                }
            }
            await withDiscardingTaskGroup { jobs in
                for await item in received {
                    jobs.addTask { await self.handle(item) }
                }
            }
            jobsFinished.open()
        }
        logger.notice("agent stopped")
    }

    private func enforceShutdownTimeout() async {
        await withTaskGroup(of: Void.self) { group in
            group.addTask {
                await self.drainRequested.wait()
                guard !Task.isCancelled, let timeout = self.drainTimeout.withLock({ $0 }) else {
                    await self.jobsFinished.wait()
                    return
                }
                do {
                    try await Task.sleep(for: timeout)
                    let ids = self.runningJobIDs
                    if !ids.isEmpty {
                        self.logger.warning("shutdown timeout passed; interrupting jobs \(ids)")
                        self.interruptAll()
                    }
                } catch {}
            }
            group.addTask { await self.jobsFinished.wait() }
            await group.next()
            group.cancelAll()
        }
    }

    // MARK: Recovery

    /// Hands every job an earlier agent left running to the job group, each holding a slot.
    private func recover(into sink: AsyncStream<Received>.Continuation) async {
        for runner in runners {
            for job in await runner.executor.recover() {
                slots.take(runner: runner.settings.name)
                sink.yield(Received(runner: runner, kind: .recovered(job)))
            }
        }
    }

    /// Every ``Settings/orphanScanInterval`` until cancelled: jobs whose agent is gone, each holding a slot.
    private func adoptOrphans(into sink: AsyncStream<Received>.Continuation) async {
        while !Task.isCancelled {
            do { try await Task.sleep(for: settings.orphanScanInterval) } catch { return }
            for runner in runners {
                let following = Set(running.withLock { $0.filter { $0.value.runner == runner.settings.name }.keys })
                for job in await runner.executor.adoptOrphans(excluding: following) where !Task.isCancelled {
                    slots.take(runner: runner.settings.name)
                    sink.yield(Received(runner: runner, kind: .recovered(job)))
                }
            }
        }
    }

    // MARK: Polling

    private func pollAll(into sink: AsyncStream<Received>.Continuation) async {
        await withDiscardingTaskGroup { group in
            for runner in runners {
                for index in 0..<max(1, runner.settings.requestConcurrency) {
                    group.addTask { await self.poll(runner, index: index, into: sink) }
                }
            }
        }
    }

    private func poll(_ runner: AgentRunner, index: Int, into sink: AsyncStream<Received>.Continuation) async {
        let name = runner.settings.name
        var logger = self.logger
        logger[metadataKey: "runner"] = "\(name)"
        var lastUpdate: String?
        var failures = 0
        var forbidden = 0
        let clock = ContinuousClock()
        while !Task.isCancelled {
            guard await slots.acquire(runner: name) else { return }
            let started = clock.now
            let response: JobRequestResponse
            do {
                response = try await runner.api.requestJob(runnerToken: runner.settings.token, systemID: settings.systemID, lastUpdate: lastUpdate)
            } catch {
                slots.release(runner: name)
                if Task.isCancelled { return }
                recordRequest(runner: name, result: "error", failed: true)
                failures += 1
                logger.warning("job request failed: \(error)")
                await pause(backoff(failures))
                continue
            }
            switch response {
            case .job(let payload, let newLastUpdate):
                recordRequest(runner: name, result: "job", failed: false)
                lastUpdate = newLastUpdate ?? lastUpdate
                failures = 0
                forbidden = 0
                logger.info("job received", metadata: ["job": "\(payload.id)", "project": "\(payload.jobInfo.projectFullPath)", "name": "\(payload.jobInfo.name)"])
                sink.yield(Received(runner: runner, kind: .job(payload)))
            case .malformedJob(let id, let token, let problem):
                recordRequest(runner: name, result: "malformed_job", failed: false)
                failures = 0
                logger.error("received a job payload that cannot be used: \(problem)", metadata: ["job": "\(id.map(String.init) ?? "?")"])
                sink.yield(Received(runner: runner, kind: .malformed(id: id, token: token, problem: problem)))
            case .noJob(let newLastUpdate):
                recordRequest(runner: name, result: "no_job", failed: false)
                slots.release(runner: name)
                lastUpdate = newLastUpdate ?? lastUpdate
                failures = 0
                forbidden = 0
                let elapsed = clock.now - started
                if elapsed < settings.checkInterval { await pause(settings.checkInterval - elapsed) }
            case .forbidden:
                recordRequest(runner: name, result: "forbidden", failed: true)
                slots.release(runner: name)
                forbidden += 1
                if forbidden >= settings.unhealthyRequestsLimit {
                    logger.error("GitLab refused the runner token \(forbidden) times in a row; pausing this runner for \(settings.unhealthyInterval). Check that the runner still exists in GitLab.")
                    await pause(settings.unhealthyInterval)
                    forbidden = 0
                } else {
                    logger.warning("GitLab refused the runner token (403)")
                    await pause(settings.checkInterval)
                }
            case .failed(let status, let message):
                recordRequest(runner: name, result: "error", failed: true)
                slots.release(runner: name)
                failures += 1
                logger.warning("job request answered HTTP \(status): \(message)")
                await pause(backoff(failures))
            }
        }
    }

    private func pause(_ duration: Duration) async {
        try? await Task.sleep(for: duration)
    }

    private func backoff(_ failures: Int) -> Duration {
        var delay = max(settings.checkInterval, .seconds(1))
        for _ in 1..<max(1, failures) { delay = min(delay * 2, .seconds(60)) }
        return delay * Double.random(in: 0.75...1.25)
    }

    // MARK: Jobs

    private func handle(_ item: Received) async {
        let runner = item.runner
        defer { slots.release(runner: runner.settings.name) }
        var logger = self.logger
        logger[metadataKey: "runner"] = "\(runner.settings.name)"
        switch item.kind {
        case .malformed(let id, let token, let problem):
            guard let id, let token else { return }
            let report = JobReport(jobID: id, jobToken: token, api: runner.api, logger: logger)
            _ = await report.failWithoutRunning(
                message: "The job payload GitLab sent cannot be used: \(problem)", reason: .runnerSystemFailure, supportedReasons: []
            )
        case .recovered(let recovered):
            logger[metadataKey: "job"] = "\(recovered.jobID)"
            let control = JobControl()
            running.withLock { $0[recovered.jobID] = (runner.settings.name, control) }
            defer { _ = running.withLock { $0.removeValue(forKey: recovered.jobID) } }
            board.started(StatusBoard.RunningJob(id: recovered.jobID, runner: runner.settings.name, project: "(adopted)", name: "(adopted)", startedAt: Date()))
            let outcome = await recovered.follow(control)
            board.finished(id: recovered.jobID, outcome: Self.outcomeLabel(outcome))
            logger.info("recovered job finished: \(outcome.result), reported: \(outcome.reported)")
        case .job(let payload):
            logger[metadataKey: "job"] = "\(payload.id)"
            let control = JobControl()
            running.withLock { $0[payload.id] = (runner.settings.name, control) }
            updateRunning()
            defer {
                _ = running.withLock { $0.removeValue(forKey: payload.id) }
                updateRunning()
            }
            switch await acceptWhilePreparing(payload, runner: runner, logger: logger) {
            case .run:
                metrics.accepted(runner: runner.settings.name)
                board.started(StatusBoard.RunningJob(
                    id: payload.id, runner: runner.settings.name, project: payload.jobInfo.projectFullPath, name: payload.jobInfo.name, startedAt: Date()
                ))
                let outcome = await runner.executor.run(payload, control: control)
                metrics.finished(runner: runner.settings.name, outcome: Self.outcomeLabel(outcome))
                board.finished(id: payload.id, outcome: Self.outcomeLabel(outcome))
                logger.info("job finished: \(outcome.result), reported: \(outcome.reported)")
            case .canceledBeforeStart:
                let report = JobReport(jobID: payload.id, jobToken: payload.token, api: runner.api, logger: logger)
                _ = await report.failWithoutRunning(
                    message: "The job was canceled before it started.", reason: .jobCanceled, supportedReasons: payload.features.failureReasons
                )
            case .dropped(let why):
                logger.notice("job dropped before it started: \(why)")
            }
        }
    }

    static func outcomeLabel(_ outcome: JobOutcome) -> String {
        switch outcome.result {
        case .success: "success"
        case .failed(let reason, _): reason.rawValue
        case .canceled: "canceled"
        case .aborted: "aborted"
        }
    }

    enum Acceptance {
        case run
        case canceledBeforeStart
        case dropped(String)
    }

    /// The accept, while the executor prepares the job (a pod's Secret): one round trip less between
    /// the job's hand-out and its start. What was prepared is discarded unless the job is to run.
    ///
    /// A function of its own: the `async let` child task lives until its scope ends, and the job's
    /// scope lasts as long as the job (about 23 KiB per running job, measured with 1,000 jobs).
    private func acceptWhilePreparing(_ job: JobPayload, runner: AgentRunner, logger: Logger) async -> Acceptance {
        async let prepared: Void = runner.executor.prepare(job)
        let acceptance = await accept(job, runner: runner, logger: logger)
        await prepared
        if case .run = acceptance {} else { await runner.executor.discard(job) }
        return acceptance
    }

    /// Two-phase accept (notes §5.4): `PUT state=running` right after the 201, before any trace.
    private func accept(_ job: JobPayload, runner: AgentRunner, logger: Logger) async -> Acceptance {
        do {
            switch try await runner.api.updateJob(id: job.id, jobToken: job.token, update: JobUpdate(state: .running)) {
            case .accepted(let status), .acceptedPending(_, let status):
                if status == .canceling { return .canceledBeforeStart }
                if let status, status.isAbort { return .dropped("GitLab says the job is \(status)") }
                return .run
            case .aborted(let status):
                return .dropped("GitLab refused the job (403, status \(status.map { "\($0)" } ?? "unknown"))")
            case .notFound:
                return .dropped("GitLab no longer knows the job (404)")
            case .conflict:
                return .dropped("another runner manager took the job (409)")
            case .traceValidationFailed, .rejected:
                // Older GitLab already marked the job running; the ack is only a touch there.
                return .run
            }
        } catch {
            return .dropped("the accept update failed: \(error); GitLab will hand the job out again")
        }
    }
}
