/// What a DELETE did.
enum DeleteOutcome: Sendable {
    /// The object is gone; the value is its last state.
    case removed(SimulatedJSON)
    /// Deletion is pending (graceful pod termination or finalizers); the value is the object
    /// carrying `metadata.deletionTimestamp`.
    case pending(SimulatedJSON)
}
