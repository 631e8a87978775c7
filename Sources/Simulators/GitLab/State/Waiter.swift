/// A suspended task waiting for the simulator's state to satisfy a condition.
struct Waiter {
    /// Long polls are answered (204) when the simulator stops; other waits fail with `.stopped`.
    var isLongPoll: Bool
    /// Returns the outcome once the condition holds, `nil` while it does not.
    var evaluate: @Sendable (SimulatorState) -> WaitOutcome?
    var continuation: CheckedContinuation<WaitOutcome, any Error>
}
