import Synchronization

/// Job slots: at most `concurrent` jobs in the process and at most `limit` per runner (0 = no limit).
///
/// A poller takes a slot before it asks GitLab for a job, so a job is never requested without room to run it.
public final class JobSlots: Sendable {
    private struct State {
        var total = 0
        var perRunner: [String: Int] = [:]
        var waiters: [(runner: String, continuation: CheckedContinuation<Bool, Never>, id: Int)] = []
        var nextID = 0
    }

    private let concurrent: Int
    private let limits: [String: Int]
    private let state = Mutex(State())

    /// - Parameters:
    ///   - concurrent: slots in the whole process.
    ///   - limits: per-runner maximum, by runner name; 0 or absent means only `concurrent` applies.
    public init(concurrent: Int, limits: [String: Int]) {
        self.concurrent = max(1, concurrent)
        self.limits = limits
    }

    /// Jobs running (or being requested) now.
    public var inUse: Int { state.withLock { $0.total } }

    /// Jobs running (or being requested) for `runner` now.
    public func inUse(runner: String) -> Int { state.withLock { $0.perRunner[runner, default: 0] } }

    /// Takes a slot for `runner`, waiting until one is free.
    ///
    /// - Returns: `false` when the calling task was cancelled before a slot was free.
    public func acquire(runner: String) async -> Bool {
        let id = state.withLock { state -> Int in
            state.nextID += 1
            return state.nextID
        }
        return await withTaskCancellationHandler {
            await withCheckedContinuation { (continuation: CheckedContinuation<Bool, Never>) in
                let granted: Bool? = state.withLock { state in
                    if Task.isCancelled { return false }
                    if fits(runner, state) {
                        take(runner, &state)
                        return true
                    }
                    state.waiters.append((runner, continuation, id))
                    return nil
                }
                if let granted { continuation.resume(returning: granted) }
            }
        } onCancel: {
            let waiter: CheckedContinuation<Bool, Never>? = state.withLock { state in
                guard let index = state.waiters.firstIndex(where: { $0.id == id }) else { return nil }
                return state.waiters.remove(at: index).continuation
            }
            waiter?.resume(returning: false)
        }
    }

    /// Takes a slot for `runner` at once, even past the limits: for jobs that already run (recovered at start).
    public func take(runner: String) {
        state.withLock { take(runner, &$0) }
    }

    /// Gives back a slot of `runner` and hands it to the first waiter that fits.
    public func release(runner: String) {
        let woken: [CheckedContinuation<Bool, Never>] = state.withLock { state in
            state.total -= 1
            state.perRunner[runner, default: 1] -= 1
            var woken: [CheckedContinuation<Bool, Never>] = []
            var index = 0
            while index < state.waiters.count {
                let waiter = state.waiters[index]
                if fits(waiter.runner, state) {
                    take(waiter.runner, &state)
                    woken.append(waiter.continuation)
                    state.waiters.remove(at: index)
                } else {
                    index += 1
                }
            }
            return woken
        }
        for continuation in woken { continuation.resume(returning: true) }
    }

    private func fits(_ runner: String, _ state: State) -> Bool {
        guard state.total < concurrent else { return false }
        let limit = limits[runner] ?? 0
        return limit <= 0 || state.perRunner[runner, default: 0] < limit
    }

    private func take(_ runner: String, _ state: inout State) {
        state.total += 1
        state.perRunner[runner, default: 0] += 1
    }
}
