import Dispatch
import Synchronization
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Waits for SIGTERM or SIGINT. A second signal exits the process at once.
final class TerminationSignals: Sendable {
    /// The suspended waiter, or the signal that arrived before anyone waited.
    private let state = Mutex<(waiter: CheckedContinuation<Int32, Never>?, received: Int32?)>((nil, nil))
    private let queue = DispatchQueue(label: "flywheel-sim.signals")

    /// Suspends until the first SIGTERM or SIGINT and returns its number.
    static func wait() async -> Int32 {
        let signals = TerminationSignals()
        var sources: [any DispatchSourceSignal] = []
        for number in [SIGTERM, SIGINT] {
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: signals.queue)
            source.setEventHandler { signals.deliver(number) }
            source.resume()
            sources.append(source)
        }
        let number = await withCheckedContinuation { continuation in
            let early = signals.state.withLock { state -> Int32? in
                if let received = state.received { return received }
                state.waiter = continuation
                return nil
            }
            if let early { continuation.resume(returning: early) }
        }
        // Keep handling signals (a second one exits) until the process ends.
        withExtendedLifetime(sources) {}
        for source in sources { source.setEventHandler { _exit(130) } }
        return number
    }

    private func deliver(_ number: Int32) {
        let waiter = state.withLock { state -> CheckedContinuation<Int32, Never>? in
            if state.received != nil { _exit(130) }
            state.received = number
            let waiter = state.waiter
            state.waiter = nil
            return waiter
        }
        waiter?.resume(returning: number)
    }
}
