#if canImport(Glibc)
import Glibc
#endif
import Synchronization

/// The log of one container: entries in capture order, trimmed from the front beyond a byte
/// budget (like the kubelet's log rotation), readers that follow it, and a way to cut them.
final class ContainerLog: Sendable {
    private struct State {
        var entries: [LogEntry] = []
        /// Absolute index of `entries[0]` (entries dropped by rotation are counted).
        var firstIndex = 0
        var bytes = 0
        var captureEnded = false
        var cutGeneration = 0
        var cutAbrupt = false
    }

    /// What a reader gets for ``read(from:)``.
    struct Slice: Sendable {
        var entries: [LogEntry]
        /// Absolute index to read from next time.
        var next: Int
        /// Whether capture has ended (no entry will follow).
        var ended: Bool
        var cutGeneration: Int
        /// Whether the last cut closes connections without the final chunk.
        var cutAbrupt: Bool
    }

    let retentionBytes: Int
    let changes = ChangeSignal()
    /// Also notified on every append (the cluster's signal, so Swift API waits see log output).
    private let observer: ChangeSignal?
    private let state = Mutex(State())

    init(retentionBytes: Int, observer: ChangeSignal? = nil) {
        self.retentionBytes = max(1024, retentionBytes)
        self.observer = observer
    }

    /// Appends an entry, dropping the oldest ones beyond the byte budget.
    func append(_ entry: LogEntry) {
        state.withLock { state in
            state.entries.append(entry)
            state.bytes += entry.bytes.count
            var drop = 0
            while state.bytes > retentionBytes, drop < state.entries.count - 1 {
                state.bytes -= state.entries[drop].bytes.count
                drop += 1
            }
            if drop > 0 {
                state.entries.removeFirst(drop)
                state.firstIndex += drop
            }
        }
        changes.notify()
        observer?.notify()
    }

    /// Marks the end of output (the process and everything holding its pipe are gone).
    func endCapture() {
        state.withLock { $0.captureEnded = true }
        changes.notify()
        observer?.notify()
    }

    /// Whether capture has ended.
    var captureEnded: Bool { state.withLock { $0.captureEnded } }

    /// Entries from absolute index `index` on (from the oldest retained one if it was rotated away).
    func read(from index: Int) -> Slice {
        state.withLock { state in
            let start = max(index, state.firstIndex)
            let offset = start - state.firstIndex
            let entries = offset < state.entries.count ? Array(state.entries[offset...]) : []
            return Slice(entries: entries, next: state.firstIndex + state.entries.count,
                         ended: state.captureEnded, cutGeneration: state.cutGeneration, cutAbrupt: state.cutAbrupt)
        }
    }

    /// Every retained entry.
    var allEntries: [LogEntry] { state.withLock { $0.entries } }

    /// Ends every following reader (a simulated kubelet restart); the log itself is kept.
    func cutReaders(abrupt: Bool) {
        state.withLock { state in
            state.cutGeneration += 1
            state.cutAbrupt = abrupt
        }
        changes.notify()
    }

    /// Current cut generation.
    var cutGeneration: Int { state.withLock { $0.cutGeneration } }

    /// Starts a thread that reads `descriptor` until end of file, appends entries, closes the
    /// descriptor and ends capture.
    func capture(from descriptor: Int32) {
        let started = DedicatedThread.start { [self] in
            var splitter = LogLineSplitter()
            var buffer = [UInt8](repeating: 0, count: 65536)
            while true {
                let count = buffer.withUnsafeMutableBytes { Glibc.read(descriptor, $0.baseAddress, $0.count) }
                if count > 0 {
                    for line in splitter.feed(buffer[0..<count]) { append(LogEntry(time: .now(), bytes: line)) }
                } else if count < 0, errno == EINTR {
                    continue
                } else {
                    break
                }
            }
            if let rest = splitter.finish() { append(LogEntry(time: .now(), bytes: rest)) }
            close(descriptor)
            endCapture()
        }
        if !started {
            close(descriptor)
            endCapture()
        }
    }
}
