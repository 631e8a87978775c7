import Foundation
import Synchronization

/// Reads a pipe to its end on a thread of its own, so a chatty plugin cannot block on a full stderr pipe while
/// stdout is being read.
final class BackgroundPipeReader: Sendable {
    private let done = DispatchSemaphore(value: 0)
    private let data = Mutex<Data>(Data())

    init(_ handle: FileHandle) {
        Thread.detachNewThread { [self] in
            let contents = handle.readDataToEndOfFile()
            data.withLock { $0 = contents }
            done.signal()
        }
    }

    /// Everything read, once the writer closed the pipe.
    func wait() -> Data {
        done.wait()
        return data.withLock { $0 }
    }
}
