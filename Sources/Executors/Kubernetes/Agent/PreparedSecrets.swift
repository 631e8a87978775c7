import Synchronization

/// The jobs whose Secret was created ahead of the accept's answer (``KubernetesExecutor/prepare(_:)``),
/// each taken once: by `run`, which then creates only the pod, or by `discard`, which deletes it.
final class PreparedSecrets: Sendable {
    private let jobs = Mutex<Set<Int64>>([])

    func insert(_ jobID: Int64) {
        _ = jobs.withLock { $0.insert(jobID) }
    }

    /// Whether `jobID`'s Secret was prepared; forgets it.
    func take(_ jobID: Int64) -> Bool {
        jobs.withLock { $0.remove(jobID) != nil }
    }
}
