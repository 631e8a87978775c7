import Synchronization

/// One open watch: a bounded queue of translated events fed by the store.
///
/// When a slow client lets the queue fill up, the subscription ends (the API server closes
/// watchers that cannot keep up the same way); the client re-watches from its last
/// resourceVersion.
final class WatchSubscription: Sendable {
    /// Why a subscription ended.
    enum Ending: Sendable, Equatable {
        /// The client fell behind by more than the buffer capacity.
        case overflow
        /// A fault cut the stream; `abrupt` closes the connection without the final chunk.
        case cut(abrupt: Bool)
        /// The simulator is stopping.
        case stopped
    }

    /// What ``next(until:)`` produced.
    enum Next: Sendable {
        case event(WatchEventType, SimulatedJSON)
        case ended(Ending)
        case timedOut
    }

    private struct State {
        var buffer: [(WatchEventType, SimulatedJSON)] = []
        var ending: Ending?
        var waiter: CheckedContinuation<Void, Never>?
    }

    let id: Int
    let filter: WatchFilter
    let capacity: Int
    /// The kubelet's own watch: not counted as a client watch and not cut by faults.
    let isInternal: Bool
    private let state = Mutex(State())

    init(id: Int, filter: WatchFilter, capacity: Int, isInternal: Bool = false) {
        self.id = id
        self.filter = filter
        self.capacity = capacity
        self.isInternal = isInternal
    }

    /// Queues the watcher's view of `event` (called by the store under its lock).
    func deliver(_ event: StoredEvent) {
        guard let translated = filter.translate(event) else { return }
        let waiter = state.withLock { state -> CheckedContinuation<Void, Never>? in
            guard state.ending == nil else { return nil }
            if state.buffer.count >= capacity {
                state.ending = .overflow
                state.buffer.removeAll()
            } else {
                state.buffer.append(translated)
            }
            defer { state.waiter = nil }
            return state.waiter
        }
        waiter?.resume()
    }

    /// Whether every delivered event has been taken (checked under the store lock before a
    /// bookmark, so a bookmark never overtakes an event).
    var isDrained: Bool { state.withLock { $0.buffer.isEmpty } }

    /// Queues the backlog a new watch starts with, regardless of the capacity.
    func preload(_ events: [StoredEvent]) {
        let translated = events.compactMap { filter.translate($0) }
        state.withLock { $0.buffer.append(contentsOf: translated) }
    }

    /// Ends the subscription; queued events are dropped for a cut, kept otherwise.
    func end(_ ending: Ending) {
        let waiter = state.withLock { state -> CheckedContinuation<Void, Never>? in
            guard state.ending == nil else { return nil }
            state.ending = ending
            if case .cut = ending { state.buffer.removeAll() }
            defer { state.waiter = nil }
            return state.waiter
        }
        waiter?.resume()
    }

    /// The next event, the ending, or `.timedOut` once `deadline` passes. Cancellation ends
    /// the wait with `.ended(.stopped)`.
    func next(until deadline: ContinuousClock.Instant) async -> Next {
        while true {
            if let ready = take() { return ready }
            if Task.isCancelled { return .ended(.stopped) }
            if ContinuousClock.now >= deadline { return .timedOut }
            await withTaskGroup(of: Void.self) { group in
                group.addTask { await self.waitForActivity() }
                group.addTask { try? await Task.sleep(until: deadline, clock: .continuous) }
                await group.next()
                group.cancelAll()
            }
        }
    }

    private func take() -> Next? {
        state.withLock { state -> Next? in
            if !state.buffer.isEmpty {
                let (type, object) = state.buffer.removeFirst()
                return .event(type, object)
            }
            if let ending = state.ending { return .ended(ending) }
            return nil
        }
    }

    private func waitForActivity() async {
        await withTaskCancellationHandler {
            await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
                let ready = state.withLock { state -> Bool in
                    // Checked under the lock the cancellation handler also takes, so a cancel
                    // either happened already or will find this waiter.
                    if !state.buffer.isEmpty || state.ending != nil || Task.isCancelled { return true }
                    if let previous = state.waiter { previous.resume() }
                    state.waiter = continuation
                    return false
                }
                if ready { continuation.resume() }
            }
        } onCancel: {
            let waiter = state.withLock { state -> CheckedContinuation<Void, Never>? in
                defer { state.waiter = nil }
                return state.waiter
            }
            waiter?.resume()
        }
    }
}
