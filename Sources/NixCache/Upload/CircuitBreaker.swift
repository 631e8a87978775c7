import Synchronization

/// Stops hammering a cache that is down. Shared by every request to one target; see
/// ``CircuitBreakerPolicy``. A target can also be disabled for good (401/403), after
/// which every request fails at once.
public final class CircuitBreaker: Sendable {
    /// What a request may do after ``acquire()``.
    enum Permit: Sendable {
        /// The circuit is closed.
        case normal
        /// The circuit was open and this request is the single probe.
        case probe
    }

    private struct State {
        var consecutiveFailures = 0
        var openUntil: ContinuousClock.Instant?
        var coolDown: Duration
        var probing = false
        var disabledReason: String?
        var timesOpened = 0
    }

    /// The policy in force.
    public let policy: CircuitBreakerPolicy
    private let state: Mutex<State>
    private let changes = ChangeNotifier()

    /// Creates a closed breaker.
    public init(policy: CircuitBreakerPolicy = .standard) {
        self.policy = policy
        self.state = Mutex(State(coolDown: policy.coolDown))
    }

    /// Whether requests are being held back because the cache is considered down.
    public var isOpen: Bool { state.withLock { $0.openUntil != nil } }

    /// How often the circuit opened.
    public var timesOpened: Int { state.withLock { $0.timesOpened } }

    /// Why the target was disabled, if it was.
    public var disabledReason: String? { state.withLock { $0.disabledReason } }

    /// Waits until a request may go out.
    ///
    /// - Throws: ``CacheTargetError/disabled(target:reason:)`` (with an empty target name)
    ///   once disabled, ``CacheTargetError/cancelled`` on cancellation.
    func acquire() async throws(CacheTargetError) -> Permit {
        while true {
            if Task.isCancelled { throw .cancelled }
            enum Step { case go(Permit), disabled(String), sleep(ContinuousClock.Instant), wait(UInt64) }
            let seen = changes.generation
            let now = ContinuousClock.now
            let step = state.withLock { state -> Step in
                if let reason = state.disabledReason { return .disabled(reason) }
                guard let until = state.openUntil else { return .go(.normal) }
                if state.probing { return .wait(seen) }
                if now >= until {
                    state.probing = true
                    return .go(.probe)
                }
                return .sleep(until)
            }
            switch step {
            case .go(let permit): return permit
            case .disabled(let reason): throw .disabled(target: "", reason: reason)
            case .wait(let generation): await changes.wait(after: generation)
            case .sleep(let until):
                do {
                    try await Task.sleep(until: until, clock: .continuous)
                } catch {
                    throw .cancelled
                }
            }
        }
    }

    /// The server answered (success, or an error that shows it is up): close the circuit.
    func recordAnswer() {
        let changed = state.withLock { state -> Bool in
            let wasOpen = state.openUntil != nil || state.probing
            state.consecutiveFailures = 0
            state.openUntil = nil
            state.probing = false
            state.coolDown = policy.coolDown
            return wasOpen
        }
        if changed { changes.notify() }
    }

    /// A transient failure. Returns `true` when the circuit is open afterwards (the
    /// failure says the cache is down, not that the request was bad).
    func recordFailure(_ permit: Permit) -> Bool {
        let (open, changed) = state.withLock { state -> (Bool, Bool) in
            if permit == .probe {
                state.probing = false
                state.coolDown = min(state.coolDown * 2, policy.maximumCoolDown)
                state.openUntil = ContinuousClock.now + state.coolDown
                return (true, true)
            }
            if state.openUntil != nil { return (true, false) }
            state.consecutiveFailures += 1
            if state.consecutiveFailures >= policy.failureThreshold {
                state.openUntil = ContinuousClock.now + state.coolDown
                state.timesOpened += 1
                return (true, true)
            }
            return (false, false)
        }
        if changed { changes.notify() }
        return open
    }

    /// Disables the target for good; waiting and later requests fail at once.
    func disable(reason: String) {
        state.withLock { state in
            if state.disabledReason == nil { state.disabledReason = reason }
        }
        changes.notify()
    }
}
