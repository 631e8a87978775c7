import Dispatch

/// Runs blocking work (waiting for a child process, a blocking socket) on a Dispatch
/// thread instead of Swift's cooperative pool. On a 2-core machine the pool has two
/// threads; a test that blocks them while a child process (`nix-store -r`, the hook)
/// waits for a server running in this process would deadlock.
enum OffPool {
    static func run<Value: Sendable>(_ body: @escaping @Sendable () throws -> Value) async throws -> Value {
        try await withCheckedThrowingContinuation { continuation in
            DispatchQueue.global().async {
                continuation.resume(with: Result { try body() })
            }
        }
    }
}
