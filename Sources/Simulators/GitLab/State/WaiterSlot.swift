/// The life of one wait, keyed by id in ``SimulatorState/waiters``: allocated before the
/// continuation exists, so a cancellation that arrives first is not lost.
enum WaiterSlot {
    /// Allocated; the continuation is not registered yet.
    case allocated(isLongPoll: Bool)
    /// Registered and suspended.
    case waiting(Waiter)
    /// Cancelled before registration; registration must fail at once.
    case cancelled
}
