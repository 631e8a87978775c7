import JobExecution
import Synchronization

/// A `TraceWriter` that keeps every byte, and lets a test wait until some text has arrived
/// (the stage's own output is the synchronisation point, never time).
final class CollectingTraceWriter: TraceWriter {
    private let state = Mutex(CollectedOutput())

    func write(_ bytes: UnsafeRawBufferPointer) {
        let ready: [CheckedContinuation<Void, Never>] = state.withLock { state in
            state.bytes.append(contentsOf: bytes)
            state.writes += 1
            guard !state.waiters.isEmpty else { return [] }
            var ready: [CheckedContinuation<Void, Never>] = []
            var waiting = state.waiters
            waiting.removeAll { waiter in
                guard state.contains(waiter.needle) else { return false }
                ready.append(waiter.continuation)
                return true
            }
            state.waiters = waiting
            return ready
        }
        for continuation in ready { continuation.resume() }
    }

    /// Everything received so far.
    var bytes: [UInt8] { state.withLock { $0.bytes } }

    /// Everything received so far, decoded as UTF-8.
    var text: String { String(decoding: bytes, as: UTF8.self) }

    /// Returns once the output contains `text`.
    func waitFor(_ text: String) async {
        let needle = Array(text.utf8)
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            let present = state.withLock { state in
                if state.contains(needle) { return true }
                state.waiters.append((needle, continuation))
                return false
            }
            if present { continuation.resume() }
        }
    }
}
