import Synchronization

/// A thread-safe event count.
final class Counter: Sendable {
    private let count = Atomic<Int>(0)

    /// The count so far.
    var value: Int { count.load(ordering: .relaxed) }

    /// Adds one.
    func increment() {
        count.add(1, ordering: .relaxed)
    }
}
