import Foundation

/// Everything a ``GitLabSimulator`` holds, guarded by one `Mutex`.
struct SimulatorState {
    var runners: [SimulatedRunner]
    var managers: [SimulatedRunnerManager] = []
    /// When each manager's believed `info` was last set, by index in ``managers``.
    var managerInfoSetAt: [ContinuousClock.Instant] = []
    /// Job ids waiting to be handed out, oldest first.
    var queue: [Int64] = []
    /// The runner queue value (`X-GitLab-Last-Update`); changes whenever a job is queued.
    var queueVersion: String = SimulatorState.newQueueVersion()
    var jobs: [Int64: JobRecord] = [:]
    var nextJobID: Int64
    var nextRunnerID: Int64
    var requests: [RecordedRequest] = []
    var artifacts: [SimulatedArtifact] = []
    var faults: [ArmedFault] = []
    var waiters: [Int: WaiterSlot] = [:]
    var nextWaiterID = 0
    var stopping = false

    init(configuration: GitLabSimulatorConfiguration) {
        runners = [
            SimulatedRunner(
                id: configuration.runnerID,
                token: configuration.runnerToken,
                registeredWithRegistrationToken: false,
                deleted: false
            )
        ]
        nextJobID = configuration.firstJobID
        nextRunnerID = configuration.runnerID + 1
    }

    static func newQueueVersion() -> String {
        (0..<32).map { _ in String(UInt8.random(in: 0..<16), radix: 16) }.joined()
    }

    // MARK: Runners and managers

    /// The live runner with this token.
    func runner(token: String) -> SimulatedRunner? {
        runners.first { $0.token == token && !$0.deleted }
    }

    /// The queue value Workhorse would watch for this runner token (`nil` for unknown tokens).
    func queueValue(forToken token: String) -> String? {
        runner(token: token) == nil ? nil : queueVersion
    }

    /// GitLab's `ensure_manager`: creates the manager on first contact, counts contacts, and
    /// refreshes the believed `info` only when the stored copy is old enough.
    mutating func contact(runnerID: Int64, systemID: String, info: SimulatedJSON?, refreshInterval: Duration) {
        let now = ContinuousClock.now
        if let index = managers.firstIndex(where: { $0.runnerID == runnerID && $0.systemID == systemID }) {
            managers[index].contacts += 1
            if let info {
                managers[index].lastInfo = info
                if managers[index].info == nil || now - managerInfoSetAt[index] >= refreshInterval {
                    managers[index].info = info
                    managerInfoSetAt[index] = now
                }
            }
        } else {
            managers.append(
                SimulatedRunnerManager(
                    runnerID: runnerID,
                    systemID: systemID,
                    info: info,
                    lastInfo: info,
                    contacts: 1,
                    createdAt: Date()
                )
            )
            managerInfoSetAt.append(now)
        }
    }

    mutating func removeManager(runnerID: Int64, systemID: String) -> Bool {
        guard let index = managers.firstIndex(where: { $0.runnerID == runnerID && $0.systemID == systemID }) else {
            return false
        }
        managers.remove(at: index)
        managerInfoSetAt.remove(at: index)
        return true
    }

    func manager(runnerID: Int64?, systemID: String?) -> SimulatedRunnerManager? {
        guard let runnerID, let systemID else { return nil }
        return managers.first { $0.runnerID == runnerID && $0.systemID == systemID }
    }

    // MARK: Faults

    /// Removes and returns the first armed fault that matches and satisfies `applies`.
    mutating func takeFault(
        endpoint: SimulatedEndpoint,
        job: Int64?,
        where applies: (SimulatedFault) -> Bool
    ) -> SimulatedFault? {
        guard let index = faults.firstIndex(where: { $0.matches(endpoint: endpoint, job: job) && applies($0.fault) })
        else { return nil }
        let fault = faults[index].fault
        faults[index].remaining -= 1
        if faults[index].remaining <= 0 { faults.remove(at: index) }
        return fault
    }

    // MARK: Waiters

    /// Number of long polls currently held.
    var heldLongPolls: Int {
        waiters.values.reduce(0) { count, slot in
            if case .waiting(let waiter) = slot, waiter.isLongPoll { return count + 1 }
            return count
        }
    }

    /// Removes every registered waiter whose condition now holds (or every waiter, when stopping)
    /// and returns the resumptions to perform once the lock is released.
    mutating func takeSatisfiedWaiters() -> [(CheckedContinuation<WaitOutcome, any Error>, Result<WaitOutcome, SimulatorError>)] {
        var ready: [(CheckedContinuation<WaitOutcome, any Error>, Result<WaitOutcome, SimulatorError>)] = []
        // Removing a waiter can satisfy another (e.g. "no long polls held"), so repeat until stable.
        var removedAny = true
        while removedAny {
            removedAny = false
            for (id, slot) in waiters {
                guard case .waiting(let waiter) = slot else { continue }
                if let outcome = waiter.evaluate(self) {
                    ready.append((waiter.continuation, .success(outcome)))
                    waiters[id] = nil
                    removedAny = true
                } else if stopping {
                    ready.append((waiter.continuation, waiter.isLongPoll ? .success(.signalled) : .failure(.stopped)))
                    waiters[id] = nil
                    removedAny = true
                }
            }
        }
        return ready
    }
}
