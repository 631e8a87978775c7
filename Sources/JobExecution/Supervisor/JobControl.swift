import Synchronization

/// The stop requests of one job, raised by the trace uploader (Job-Status), the agent (shutdown)
/// or the timeout, and awaited by the stage being run.
public final class JobControl: Sendable {
    private struct State {
        var stop: JobStop?
        var nextWaiter = 0
        var waiters: [Int: (threshold: JobStop?, continuation: CheckedContinuation<JobStop?, Never>)] = [:]
    }

    private let state = Mutex(State())

    public init() {}

    /// The strongest stop requested so far.
    public var stop: JobStop? { state.withLock { $0.stop } }

    private let phase = Mutex<String?>(nil)

    /// Where the job is, in the executor's words (a Kubernetes pod's phase), for the status page.
    public var currentPhase: String? { phase.withLock { $0 } }

    /// Records where the job is (``currentPhase``).
    public func reportPhase(_ text: String) {
        phase.withLock { $0 = text }
    }

    /// Requests `stop`; a weaker request than one already made is ignored.
    public func request(_ stop: JobStop) {
        let resumed: [CheckedContinuation<JobStop?, Never>] = state.withLock { state in
            if let current = state.stop, current >= stop { return [] }
            state.stop = stop
            var ready: [CheckedContinuation<JobStop?, Never>] = []
            for (key, waiter) in state.waiters where waiter.threshold.map({ stop > $0 }) ?? true {
                ready.append(waiter.continuation)
                state.waiters[key] = nil
            }
            return ready
        }
        for continuation in resumed { continuation.resume(returning: stop) }
    }

    /// Waits for a stop stronger than `threshold` (any stop when `nil`).
    ///
    /// - Returns: the stop, or `nil` when the calling task was cancelled first.
    public func waitForStop(strongerThan threshold: JobStop?) async -> JobStop? {
        let key = state.withLock { state -> Int in
            state.nextWaiter += 1
            return state.nextWaiter
        }
        return await withTaskCancellationHandler {
            await withCheckedContinuation { (continuation: CheckedContinuation<JobStop?, Never>) in
                let immediate: JobStop?? = state.withLock { state in
                    if Task.isCancelled { return .some(nil) }
                    if let stop = state.stop, threshold.map({ stop > $0 }) ?? true { return .some(stop) }
                    state.waiters[key] = (threshold, continuation)
                    return .none
                }
                if let immediate { continuation.resume(returning: immediate) }
            }
        } onCancel: {
            let waiter = state.withLock { $0.waiters.removeValue(forKey: key) }
            waiter?.continuation.resume(returning: nil)
        }
    }
}
