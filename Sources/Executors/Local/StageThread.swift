import Glibc

/// A dedicated OS thread for blocking work (reading a pipe, `waitpid`).
///
/// Local stages block in system calls for as long as they run; doing that on Swift's cooperative pool
/// would starve it (it has one thread per core), so each such loop gets its own detached pthread.
final class StageThread: Sendable {
    private let body: @Sendable () -> Void

    private init(body: @escaping @Sendable () -> Void) {
        self.body = body
    }

    /// Starts `body` on a new detached thread named `name` (at most 15 bytes are kept).
    ///
    /// - Throws: the `pthread_create` error when the system refuses a thread; `body` then never runs.
    static func start(name: String, _ body: @escaping @Sendable () -> Void) throws(SystemCallFailure) {
        let context = Unmanaged.passRetained(StageThread(body: body)).toOpaque()
        var thread = pthread_t()
        let result = pthread_create(&thread, nil, { context in
            let owner = Unmanaged<StageThread>.fromOpaque(context!).takeRetainedValue()
            owner.body()
            return nil
        }, context)
        guard result == 0 else {
            Unmanaged<StageThread>.fromOpaque(context).release()
            throw SystemCallFailure("start thread \(name)", code: result)
        }
        GlibcExtensions.setThreadName(thread, name)
        _ = pthread_detach(thread)
    }
}
