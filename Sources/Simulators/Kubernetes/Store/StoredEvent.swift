/// One change in the event history: the object after the change (the last state for a
/// deletion, carrying the deletion's resourceVersion) and the object before it.
struct StoredEvent: Sendable {
    var resourceVersion: Int64
    var key: ObjectKey
    var type: WatchEventType
    var object: SimulatedJSON
    var previous: SimulatedJSON?
    /// Monotonic time of the change, for time-based compaction.
    var recordedAt: ContinuousClock.Instant
}
