import Synchronization

/// Lets the request in progress on a connection notice that the peer closed the connection,
/// so a held request (a long poll) is abandoned as a real server would abandon it.
/// One request at a time waits on it; the wait also ends when the waiting task is cancelled.
final class ConnectionCloseSignal: Sendable {
    private let state = Mutex<(closed: Bool, cancelled: Bool, waiter: CheckedContinuation<Void, Never>?)>(
        (false, false, nil)
    )

    /// Marks the connection closed and wakes the current waiter.
    func fire() {
        let waiter = state.withLock { state -> CheckedContinuation<Void, Never>? in
            state.closed = true
            defer { state.waiter = nil }
            return state.waiter
        }
        waiter?.resume()
    }

    /// Whether the connection has closed.
    var isClosed: Bool {
        state.withLock { $0.closed }
    }

    /// Suspends until the connection closes or the calling task is cancelled.
    func wait() async {
        state.withLock { $0.cancelled = false }
        await withTaskCancellationHandler {
            await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
                let resumeNow = state.withLock { state -> Bool in
                    if state.closed || state.cancelled { return true }
                    state.waiter = continuation
                    return false
                }
                if resumeNow { continuation.resume() }
            }
        } onCancel: {
            let waiter = state.withLock { state -> CheckedContinuation<Void, Never>? in
                state.cancelled = true
                defer { state.waiter = nil }
                return state.waiter
            }
            waiter?.resume()
        }
    }
}
