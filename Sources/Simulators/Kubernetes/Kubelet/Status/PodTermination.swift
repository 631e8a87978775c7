/// A request to stop a pod's containers.
struct PodTermination: Sendable {
    /// Why the pod is being stopped.
    enum Cause: Sendable, Equatable {
        /// Graceful API deletion (`metadata.deletionTimestamp`).
        case deleted
        /// The API object was removed at once (force delete): grace of at least 2 s.
        case removed
        /// `activeDeadlineSeconds` passed.
        case deadlineExceeded
        /// Node-pressure eviction by the kubelet.
        case evicted
        /// The node vanished with the pod.
        case vanished
    }

    var cause: Cause
    /// When remaining processes get SIGKILL.
    var killAt: ContinuousClock.Instant
    var termSent = false
    var killSent = false
}
