import NixCache
import Synchronization

/// Collects upload events for assertions.
final class EventLog: Sendable {
    private let events = Mutex<[UploadEvent]>([])

    func append(_ event: UploadEvent) { events.withLock { $0.append(event) } }

    var all: [UploadEvent] { events.withLock { $0 } }

    /// Paths that failed, with the reasons.
    var failures: [String: String] {
        var result: [String: String] = [:]
        for case .failed(let path, _, let reason) in all { result[path.path] = reason }
        return result
    }

    /// Paths uploaded, in completion order.
    var uploaded: [StorePath] {
        all.compactMap { if case .uploaded(let path, _, _, _) = $0 { return path } else { return nil } }
    }
}
