import Synchronization

extension GitLabSimulator {
    /// Waits until the job is `success`, `failed` or `canceled`.
    public func waitForFinalState(job id: Int64, timeout: Duration) async throws(SimulatorError) -> SimulatedJobSnapshot {
        try await waitForJob(id, what: "job \(id) to finish", timeout: timeout) { $0.state.isFinal }
    }

    /// Waits until the job is `success`, `failed` or `canceled`.
    public func waitForFinalState(job: SimulatedJobID, timeout: Duration) async throws(SimulatorError) -> SimulatedJobSnapshot {
        try await waitForFinalState(job: job.rawValue, timeout: timeout)
    }

    /// Waits until the job's status is `wanted`.
    public func waitForState(
        job id: Int64,
        _ wanted: SimulatedJobState,
        timeout: Duration
    ) async throws(SimulatorError) -> SimulatedJobSnapshot {
        try await waitForJob(id, what: "job \(id) to be \(wanted.rawValue)", timeout: timeout) { $0.state == wanted }
    }

    /// Waits until the job's status is `wanted`.
    public func waitForState(
        job: SimulatedJobID,
        _ wanted: SimulatedJobState,
        timeout: Duration
    ) async throws(SimulatorError) -> SimulatedJobSnapshot {
        try await waitForState(job: job.rawValue, wanted, timeout: timeout)
    }

    /// Waits until the assembled trace contains `bytes`.
    @discardableResult
    public func waitForTrace(
        job id: Int64,
        containing bytes: [UInt8],
        timeout: Duration
    ) async throws(SimulatorError) -> SimulatedJobSnapshot {
        try await waitForJob(id, what: "job \(id)'s trace to contain \(bytes.count) bytes", timeout: timeout) {
            Self.contains($0.trace, bytes)
        }
    }

    /// Waits until the assembled trace contains `text` (UTF-8).
    @discardableResult
    public func waitForTrace(
        job: SimulatedJobID,
        containing text: String,
        timeout: Duration
    ) async throws(SimulatorError) -> SimulatedJobSnapshot {
        try await waitForTrace(job: job.rawValue, containing: Array(text.utf8), timeout: timeout)
    }

    /// Waits until the assembled trace contains `text` (UTF-8).
    @discardableResult
    public func waitForTrace(
        job id: Int64,
        containing text: String,
        timeout: Duration
    ) async throws(SimulatorError) -> SimulatedJobSnapshot {
        try await waitForTrace(job: id, containing: Array(text.utf8), timeout: timeout)
    }

    /// Waits until Workhorse holds at least `count` job requests (long polls).
    public func waitForHeldLongPolls(_ count: Int = 1, timeout: Duration) async throws(SimulatorError) {
        _ = try await wait(for: "\(count) held long polls", timeout: timeout) { state in
            state.heldLongPolls >= count ? .signalled : nil
        }
    }

    /// Waits until Workhorse holds no job request (e.g. after the runner gave up or stopped).
    public func waitForNoHeldLongPolls(timeout: Duration) async throws(SimulatorError) {
        _ = try await wait(for: "no held long polls", timeout: timeout) { state in
            state.heldLongPolls == 0 ? .signalled : nil
        }
    }

    /// Waits until at least `count` requests to `endpoint` have been answered (or reset), and
    /// returns the recorded requests to it.
    @discardableResult
    public func waitForRequests(
        _ count: Int,
        to endpoint: SimulatedEndpoint = .any,
        timeout: Duration
    ) async throws(SimulatorError) -> [RecordedRequest] {
        _ = try await wait(for: "\(count) requests to \(endpoint.rawValue)", timeout: timeout) { state in
            let done = state.requests.filter { request in
                (endpoint == .any || request.endpoint == endpoint)
                    && (request.responseStatus != nil || request.fault != nil)
            }
            return done.count >= count ? .signalled : nil
        }
        return requests(to: endpoint)
    }

    // MARK: Machinery

    func waitForJob(
        _ id: Int64,
        what: String,
        timeout: Duration?,
        until condition: @escaping @Sendable (JobRecord) -> Bool
    ) async throws(SimulatorError) -> SimulatedJobSnapshot {
        guard job(id) != nil else { throw .unknownJob(id) }
        let outcome = try await wait(for: what, timeout: timeout) { state in
            guard let record = state.jobs[id], condition(record) else { return nil }
            return .job(record.snapshot)
        }
        guard case .job(let snapshot) = outcome else { throw .unknownJob(id) }
        return snapshot
    }

    /// Suspends until `evaluate` returns an outcome, the time limit passes (``SimulatorError/timedOut(waitingFor:)``),
    /// the simulator stops, or the task is cancelled.
    func wait(
        for what: String,
        timeout: Duration?,
        isLongPoll: Bool = false,
        evaluate: @escaping @Sendable (SimulatorState) -> WaitOutcome?
    ) async throws(SimulatorError) -> WaitOutcome {
        do {
            return try await withThrowingTaskGroup(of: WaitOutcome.self) { group in
                group.addTask {
                    try await self.suspend(isLongPoll: isLongPoll, evaluate: evaluate)
                }
                if let timeout {
                    group.addTask {
                        try await Task.sleep(for: timeout)
                        throw SimulatorError.timedOut(waitingFor: what)
                    }
                }
                defer { group.cancelAll() }
                guard let first = try await group.next() else { throw SimulatorError.cancelled }
                return first
            }
        } catch let error as SimulatorError {
            throw error
        } catch {
            throw .cancelled
        }
    }

    private func suspend(
        isLongPoll: Bool,
        evaluate: @escaping @Sendable (SimulatorState) -> WaitOutcome?
    ) async throws -> WaitOutcome {
        let id = state.withLock { state in
            let id = state.nextWaiterID
            state.nextWaiterID += 1
            state.waiters[id] = .allocated(isLongPoll: isLongPoll)
            return id
        }
        return try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<WaitOutcome, any Error>) in
                let (immediate, ready) = state.withLock { state -> (Result<WaitOutcome, any Error>?, [(CheckedContinuation<WaitOutcome, any Error>, Result<WaitOutcome, SimulatorError>)]) in
                    if case .cancelled = state.waiters[id] {
                        state.waiters[id] = nil
                        return (.failure(CancellationError()), [])
                    }
                    if let outcome = evaluate(state) {
                        state.waiters[id] = nil
                        return (.success(outcome), [])
                    }
                    if state.stopping {
                        state.waiters[id] = nil
                        return (isLongPoll ? .success(.signalled) : .failure(SimulatorError.stopped), [])
                    }
                    state.waiters[id] = .waiting(
                        Waiter(isLongPoll: isLongPoll, evaluate: evaluate, continuation: continuation)
                    )
                    // Registering may satisfy other waits (e.g. "n long polls held").
                    return (nil, state.takeSatisfiedWaiters())
                }
                if let immediate { continuation.resume(with: immediate) }
                Self.resume(ready)
            }
        } onCancel: {
            let (waiter, ready) = state.withLock { state -> (Waiter?, [(CheckedContinuation<WaitOutcome, any Error>, Result<WaitOutcome, SimulatorError>)]) in
                switch state.waiters[id] {
                case .waiting(let waiter):
                    state.waiters[id] = nil
                    // Dropping this wait may satisfy others (e.g. "no long polls held").
                    return (waiter, state.takeSatisfiedWaiters())
                case .allocated:
                    state.waiters[id] = .cancelled
                    return (nil, [])
                case .cancelled, nil:
                    return (nil, [])
                }
            }
            waiter?.continuation.resume(throwing: CancellationError())
            Self.resume(ready)
        }
    }

    static func contains(_ haystack: [UInt8], _ needle: [UInt8]) -> Bool {
        guard !needle.isEmpty else { return true }
        guard haystack.count >= needle.count else { return false }
        let first = needle[0]
        var index = 0
        let last = haystack.count - needle.count
        while index <= last {
            if haystack[index] == first && haystack[index..<(index + needle.count)].elementsEqual(needle) {
                return true
            }
            index += 1
        }
        return false
    }
}
