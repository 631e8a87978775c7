#if canImport(Glibc)
import Glibc

/// Runs blocking work (a pipe read loop, `waitpid`) on its own OS thread, so it never occupies a
/// thread of Swift's small cooperative pool.
final class DedicatedThread: Sendable {
    private let body: @Sendable () -> Void

    private init(body: @escaping @Sendable () -> Void) {
        self.body = body
    }

    /// Starts `body` on a new detached pthread. Returns `false` when no thread could be created.
    @discardableResult
    static func start(_ body: @escaping @Sendable () -> Void) -> Bool {
        let context = Unmanaged.passRetained(DedicatedThread(body: body)).toOpaque()
        var thread = pthread_t()
        let result = pthread_create(&thread, nil, { context in
            let owner = Unmanaged<DedicatedThread>.fromOpaque(context!).takeRetainedValue()
            owner.body()
            return nil
        }, context)
        guard result == 0 else {
            Unmanaged<DedicatedThread>.fromOpaque(context).release()
            return false
        }
        pthread_detach(thread)
        return true
    }
}
#endif
