import Synchronization

/// Hands out the lowest free slot number (`CI_CONCURRENT_ID`), so concurrent jobs never share a directory
/// and a finished slot's directory is reused (fast `GIT_STRATEGY=fetch`).
final class ConcurrentIDs: Sendable {
    private let used = Mutex<Set<Int>>([])

    func take() -> Int {
        used.withLock { used in
            var id = 0
            while used.contains(id) { id += 1 }
            used.insert(id)
            return id
        }
    }

    func release(_ id: Int) {
        _ = used.withLock { $0.remove(id) }
    }
}
