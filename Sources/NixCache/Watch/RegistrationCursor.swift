import Synchronization

/// The last registration id a ``StoreWatcher`` has queued.
final class RegistrationCursor: Sendable {
    private let id: Mutex<Int64>

    init(_ start: Int64) { id = Mutex(start) }

    var value: Int64 { id.withLock { $0 } }

    func advance(to newValue: Int64) {
        id.withLock { $0 = max($0, newValue) }
    }
}
