import Synchronization

/// A value that is set once and awaited by any number of tasks. Waiting is cancellable:
/// a cancelled waiter gets `nil`.
final class AsyncOnce<Value: Sendable>: Sendable {
    private struct State {
        var value: Value?
        var waiters: [Int: CheckedContinuation<Value?, Never>] = [:]
        var nextID = 0
    }

    private let state = Mutex(State())

    init() {}

    /// The value, if already set.
    var current: Value? { state.withLock { $0.value } }

    /// Sets the value (only the first call counts) and wakes every waiter.
    func set(_ value: Value) {
        let waiters = state.withLock { state -> [CheckedContinuation<Value?, Never>] in
            guard state.value == nil else { return [] }
            state.value = value
            defer { state.waiters.removeAll() }
            return Array(state.waiters.values)
        }
        for waiter in waiters { waiter.resume(returning: value) }
    }

    /// The value once set; `nil` if the waiting task is cancelled first.
    func wait() async -> Value? {
        let id = state.withLock { state -> Int in
            state.nextID += 1
            return state.nextID
        }
        return await withTaskCancellationHandler {
            await withCheckedContinuation { (continuation: CheckedContinuation<Value?, Never>) in
                let ready = state.withLock { state -> (Bool, Value?) in
                    if let value = state.value { return (true, value) }
                    if Task.isCancelled { return (true, nil) }
                    state.waiters[id] = continuation
                    return (false, nil)
                }
                if ready.0 { continuation.resume(returning: ready.1) }
            }
        } onCancel: {
            let waiter = state.withLock { $0.waiters.removeValue(forKey: id) }
            waiter?.resume(returning: nil)
        }
    }

    /// The value once set, waiting through cancellation (for values that are sure to come,
    /// such as the exit of a process that has been sent SIGKILL).
    func waitIgnoringCancellation() async -> Value {
        await withCheckedContinuation { (continuation: CheckedContinuation<Value?, Never>) in
            let ready = state.withLock { state -> Value? in
                if let value = state.value { return value }
                state.nextID += 1
                state.waiters[state.nextID] = continuation
                return nil
            }
            if let ready { continuation.resume(returning: ready) }
        }!
    }
}
