import Foundation
import Logging
import Synchronization

/// An in-process GitLab for runner tests: the runner API of `research/gitlab-protocol.md`
/// (registration, verify, managers, long-poll job request, two-phase accept, trace PATCH with
/// `Content-Range`/416, job updates with `Job-Status` and 202, cancel), scriptable faults, a
/// record of every request, and an admin API under `/-/sim/` for out-of-process use.
///
/// ```swift
/// let gitlab = GitLabSimulator()
/// let port = try await gitlab.start()
/// let job = gitlab.enqueue(job: ["steps": [["name": "script", "script": ["echo hi"]]]])
/// // … run the agent against gitlab.baseURL with gitlab.configuration.runnerToken …
/// let done = try await gitlab.waitForFinalState(job: job, timeout: .seconds(30))
/// await gitlab.stop()
/// ```
///
/// All state sits behind one `Mutex`; waits suspend on continuations resumed by the state
/// change they wait for.
public final class GitLabSimulator: Sendable {
    /// The settings the simulator was created with.
    public let configuration: GitLabSimulatorConfiguration
    let state: Mutex<SimulatorState>
    let lifecycle = Mutex(SimulatorLifecycle())
    let logger: Logger

    /// Creates a simulator holding one runner (``GitLabSimulatorConfiguration/runnerToken``) and
    /// accepting one registration token. Nothing listens until ``start(host:port:)``.
    public init(
        configuration: GitLabSimulatorConfiguration = .init(),
        logger: Logger = Logger(label: "flywheel.simulator.gitlab")
    ) {
        self.configuration = configuration
        self.state = Mutex(SimulatorState(configuration: configuration))
        self.logger = logger
    }

    // MARK: Lifecycle

    /// Starts listening (port 0 picks a free port) and returns the bound port. The simulator
    /// serves until ``stop()``; it can be started again afterwards, keeping its state.
    @discardableResult
    public func start(host: String = "127.0.0.1", port: Int = 0) async throws(SimulatorError) -> Int {
        let mayStart = lifecycle.withLock { life -> Bool in
            guard life.server == nil, !life.starting else { return false }
            life.starting = true
            return true
        }
        guard mayStart else { throw .alreadyStarted }
        let server = SimulatorHTTPServer(
            handler: GitLabRequestHandler(simulator: self),
            maximumBodySize: configuration.maximumBodySize,
            logger: logger
        )
        let bound: Int
        do {
            bound = try await server.bind(host: host, port: port)
        } catch {
            lifecycle.withLock { $0.starting = false }
            throw error
        }
        mutate { $0.stopping = false }
        // The serving loop outlives this call by design (start/stop API); stop() awaits it.
        let task = Task { await server.serve() }
        lifecycle.withLock { life in
            life.starting = false
            life.server = server
            life.serveTask = task
            life.host = host
            life.port = bound
        }
        logger.debug("GitLab simulator listening on \(host):\(bound)")
        return bound
    }

    /// Stops: held long polls are answered 204, pending waits fail with ``SimulatorError/stopped``,
    /// the listener closes, idle connections close, and in-flight requests get
    /// ``GitLabSimulatorConfiguration/shutdownGracePeriod`` to finish before being cut off.
    public func stop() async {
        let running = lifecycle.withLock { life -> (SimulatorHTTPServer, Task<Void, Never>)? in
            guard let server = life.server, let task = life.serveTask else { return nil }
            life.server = nil
            life.serveTask = nil
            return (server, task)
        }
        guard let (server, task) = running else { return }
        mutate { $0.stopping = true }
        server.shutdown()
        let grace = configuration.shutdownGracePeriod
        let finishedInTime = await withTaskGroup(of: Bool.self) { group in
            group.addTask {
                await task.value
                return true
            }
            group.addTask {
                try? await Task.sleep(for: grace)
                return false
            }
            let first = await group.next() ?? true
            group.cancelAll()
            return first
        }
        if !finishedInTime {
            task.cancel()
            server.closeAllConnections()
            await task.value
        }
    }

    /// The port of the last start (`nil` before the first start).
    public var port: Int? {
        lifecycle.withLock { $0.port }
    }

    /// `http://<host>:<port>` of the last start (port 0 before the first start).
    public var baseURL: String {
        let (host, port) = lifecycle.withLock { ($0.host, $0.port ?? 0) }
        return "http://\(host):\(port)"
    }

    // MARK: Jobs

    /// Queues a job. `payload` is a JSON object as `JSONSerialization` accepts it; every field
    /// given wins over the defaults (see ``enqueue(json:)``). Traps if the payload is not a JSON
    /// object or reuses an id — use ``enqueue(json:)`` for a throwing variant.
    @discardableResult
    public func enqueue(job payload: [String: Any] = [:]) -> SimulatedJobID {
        do {
            return try enqueue(json: SimulatedJSON(foundationObject: payload))
        } catch {
            preconditionFailure("GitLabSimulator.enqueue: \(error)")
        }
    }

    /// Queues a job given as UTF-8 JSON text (an object).
    @discardableResult
    public func enqueue(jobJSON bytes: some Collection<UInt8>) throws(SimulatorError) -> SimulatedJobID {
        try enqueue(json: SimulatedJSON(parsing: bytes))
    }

    /// Queues a job. A `tag_list` (array of strings) is kept aside and routes the job: only a
    /// runner with all of its tags takes it, and an untagged job only a runner that runs untagged
    /// jobs. Defaults added to what is missing (on delivery, so `CI_SERVER_URL` is the
    /// bound URL): `id` (counting up from ``GitLabSimulatorConfiguration/firstJobID``), `token`
    /// (`glcbt-sim-<random>`), `allow_git_fetch`, `job_info` (with the id), `git_info`,
    /// `runner_info.timeout` 3600, the variables `CI_JOB_ID`, `CI_JOB_TOKEN` (masked, not public),
    /// `CI_SERVER_URL`, a `script` step when `steps` is missing, and `features` with
    /// `trace_sections` and the ten `failure_reasons` of the notes' example. `CI_PROJECT_DIR` is
    /// never set (the runner sets it). Nested objects are merged key by key; variables by key.
    @discardableResult
    public func enqueue(json payload: SimulatedJSON) throws(SimulatorError) -> SimulatedJobID {
        guard case .object = payload else { throw .invalidPayload("the job payload must be a JSON object") }
        let requestedID = payload["id"]?.intValue
        let requestedToken = payload["token"]?.stringValue
        let result: Result<SimulatedJobID, SimulatorError> = mutate { state in
            let id: Int64
            if let requestedID {
                guard state.jobs[requestedID] == nil else { return .failure(.invalidPayload("job id \(requestedID) is taken")) }
                id = requestedID
                state.nextJobID = max(state.nextJobID, requestedID + 1)
            } else {
                while state.jobs[state.nextJobID] != nil { state.nextJobID += 1 }
                id = state.nextJobID
                state.nextJobID += 1
            }
            let token = requestedToken ?? "glcbt-sim-" + Self.randomToken(length: 20)
            var stored = payload
            var tags: [String] = []
            if case .object(var fields) = payload, let list = fields.removeValue(forKey: "tag_list") {
                tags = (list.arrayValue ?? []).compactMap(\.stringValue)
                stored = .object(fields)
            }
            state.jobs[id] = JobRecord(id: id, token: token, payload: stored, tags: tags)
            state.queue.append(id)
            state.queueVersion = SimulatorState.newQueueVersion()
            return .success(SimulatedJobID(rawValue: id, token: token))
        }
        return try result.get()
    }

    /// Cancels a job as an admin would. A queued or not-yet-acknowledged job is canceled at once.
    /// A running job goes to `canceling` when `graceful` is set and the runner manager that took
    /// it advertised `features.cancel_gracefully` (as GitLab believes it, see
    /// ``SimulatedRunnerManager/info``); otherwise to `canceled`. A `canceling` job is canceled at
    /// once by a non-graceful cancel. Returns the new state (`nil` for an unknown job).
    @discardableResult
    public func cancel(job id: Int64, graceful: Bool) -> SimulatedJobState? {
        mutate { state -> SimulatedJobState? in
            guard var job = state.jobs[id] else { return nil }
            switch job.state {
            case .pending:
                state.queue.removeAll { $0 == id }
                job.state = .canceled
            case .running:
                let manager = state.manager(runnerID: job.runnerID, systemID: job.systemID)
                job.state = graceful && manager?.advertises("cancel_gracefully") == true ? .canceling : .canceled
            case .canceling:
                if !graceful { job.state = .canceled }
            case .canceled, .success, .failed:
                break
            }
            state.jobs[id] = job
            return job.state
        }
    }

    /// Cancels a job; see ``cancel(job:graceful:)-(Int64,_)``.
    @discardableResult
    public func cancel(job: SimulatedJobID, graceful: Bool) -> SimulatedJobState? {
        cancel(job: job.rawValue, graceful: graceful)
    }

    /// A snapshot of the job, or `nil` for an unknown id.
    public func job(_ id: Int64) -> SimulatedJobSnapshot? {
        state.withLock { $0.jobs[id]?.snapshot }
    }

    /// A snapshot of the job, or `nil` for an unknown id.
    public func job(_ id: SimulatedJobID) -> SimulatedJobSnapshot? {
        job(id.rawValue)
    }

    /// Snapshots of every job, by id.
    public var jobs: [SimulatedJobSnapshot] {
        state.withLock { $0.jobs.values.map(\.snapshot) }.sorted { $0.id < $1.id }
    }

    /// Ids of the jobs waiting to be handed out, oldest first.
    public var queuedJobIDs: [Int64] {
        state.withLock { $0.queue }
    }

    /// The current runner queue value (what `X-GitLab-Last-Update` carries).
    public var queueVersion: String {
        state.withLock { $0.queueVersion }
    }

    // MARK: Artifacts

    /// The artifacts stored for a job (uploaded or seeded), in upload order.
    public func artifacts(job id: Int64) -> [SimulatedArtifact] {
        state.withLock { $0.artifacts.filter { $0.jobID == id } }
    }

    /// Stores an artifact as if a job had uploaded it, e.g. for a dependency that `GET
    /// /jobs/:id/artifacts` should serve. The job id need not be a simulated job.
    public func seedArtifact(_ artifact: SimulatedArtifact) {
        mutate { $0.artifacts.append(artifact) }
    }

    // MARK: Faults

    /// Arms `fault` for the next `count` requests to `endpoint` (for job `job` only, when given;
    /// a job filter never matches endpoints without a job id in the path).
    public func arm(_ fault: SimulatedFault, endpoint: SimulatedEndpoint, job: Int64? = nil, count: Int = 1) {
        var uses = max(count, 1)
        if case .finalUpdateAccepted(let times, _) = fault { uses *= max(times, 1) }
        mutate { $0.faults.append(ArmedFault(fault: fault, endpoint: endpoint, job: job, remaining: uses)) }
    }

    /// Removes every armed fault.
    public func disarmAllFaults() {
        mutate { $0.faults.removeAll() }
    }

    /// How many fault uses are still armed.
    public var armedFaultUses: Int {
        state.withLock { $0.faults.reduce(0) { $0 + $1.remaining } }
    }

    // MARK: Records

    /// Every runner-API request received, in order (admin requests under `/-/sim/` excluded).
    public var requests: [RecordedRequest] {
        state.withLock { $0.requests }
    }

    /// The recorded requests to one endpoint.
    public func requests(to endpoint: SimulatedEndpoint) -> [RecordedRequest] {
        state.withLock { $0.requests.filter { endpoint == .any || $0.endpoint == endpoint } }
    }

    /// The runner managers GitLab knows, in creation order.
    public func managers() -> [SimulatedRunnerManager] {
        state.withLock { $0.managers }
    }

    /// Adds a runner as an admin creating it in GitLab's UI would (`glrt-` flow): it can verify and
    /// request jobs with `token` at once. `tags` route tagged jobs to it (see ``enqueue(json:)``).
    @discardableResult
    public func addRunner(token: String, tags: [String] = [], runUntagged: Bool? = nil) -> SimulatedRunner {
        mutate { state in
            let runner = SimulatedRunner(
                id: state.nextRunnerID, token: token, registeredWithRegistrationToken: false, deleted: false,
                tags: tags, runUntagged: runUntagged ?? tags.isEmpty
            )
            state.nextRunnerID += 1
            state.runners.append(runner)
            return runner
        }
    }

    /// Tags as GitLab's API takes them: a comma-separated string or an array of strings.
    static func tags(_ value: SimulatedJSON?) -> [String] {
        if let text = value?.stringValue {
            return text.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        }
        return (value?.arrayValue ?? []).compactMap(\.stringValue)
    }

    /// Every runner (the configured one first).
    public var runners: [SimulatedRunner] {
        state.withLock { $0.runners }
    }

    /// Whether `DELETE /api/v4/runners` deleted the configured runner. Tests assert this stays
    /// `false` for agents that must never unregister a `glrt-` runner on shutdown.
    public var runnerDeleted: Bool {
        state.withLock { state in state.runners.first { $0.id == configuration.runnerID }?.deleted ?? true }
    }

    /// How many job requests Workhorse is holding right now.
    public var heldLongPolls: Int {
        state.withLock { $0.heldLongPolls }
    }

    // MARK: Helpers

    /// Runs `body` under the lock, then resumes every wait the change satisfied.
    @discardableResult
    func mutate<R: Sendable>(_ body: (inout SimulatorState) -> R) -> R {
        let (result, ready) = state.withLock { state in
            let result = body(&state)
            return (result, state.takeSatisfiedWaiters())
        }
        Self.resume(ready)
        return result
    }

    static func resume(_ ready: [(CheckedContinuation<WaitOutcome, any Error>, Result<WaitOutcome, SimulatorError>)]) {
        for (continuation, result) in ready {
            continuation.resume(with: result.mapError { $0 as any Error })
        }
    }

    static func randomToken(length: Int) -> String {
        let alphabet = Array("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-")
        return String((0..<length).map { _ in alphabet.randomElement()! })
    }
}
