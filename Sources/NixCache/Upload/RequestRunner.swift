import Foundation
import Logging

/// Runs a target's requests with retries, back-off, `Retry-After` and the circuit breaker;
/// see ``RetryPolicy`` and ``CircuitBreakerPolicy``. One runner per target; targets call
/// every network request through ``run(_:_:)``.
public struct RequestRunner: Sendable {
    /// The retry policy.
    public let retry: RetryPolicy
    /// The target's circuit breaker.
    public let breaker: CircuitBreaker
    /// The target's name in messages.
    public let target: String
    let logger: Logger
    let onRetry: @Sendable () -> Void

    /// Creates a runner for the target called `target`.
    public init(
        target: String, retry: RetryPolicy = .standard, breaker: CircuitBreaker = CircuitBreaker(),
        logger: Logger = Logger(label: "flywheel.cache"), onRetry: @escaping @Sendable () -> Void = {}
    ) {
        self.target = target
        self.retry = retry
        self.breaker = breaker
        self.logger = logger
        self.onRetry = onRetry
    }

    /// Runs `operation` until it succeeds, fails for good, or runs out of attempts.
    /// `what` names the request in warnings, e.g. `PUT nar/….nar.zst`.
    ///
    /// - Throws: the operation's last error; ``CacheTargetError/disabled(target:reason:)``
    ///   once the target is disabled; ``CacheTargetError/cancelled``.
    public func run<Value: Sendable>(
        _ what: String, _ operation: () async throws(CacheTargetError) -> Value
    ) async throws(CacheTargetError) -> Value {
        var failures = 0
        while true {
            let permit: CircuitBreaker.Permit
            do {
                permit = try await breaker.acquire()
            } catch {
                if case .disabled(_, let reason) = error { throw .disabled(target: target, reason: reason) }
                throw error
            }
            do {
                let value = try await operation()
                breaker.recordAnswer()
                return value
            } catch {
                if case .cancelled = error { throw error }
                if Task.isCancelled { throw .cancelled }
                if error.disablesTarget {
                    breaker.recordAnswer()
                    if breaker.disabledReason == nil {
                        logger.error("cache \(target): \(error); uploads to this cache are disabled for this run")
                    }
                    breaker.disable(reason: error.description)
                    throw error
                }
                guard error.isRetryable else {
                    if case .http = error { breaker.recordAnswer() }
                    throw error
                }
                let cacheDown = breaker.recordFailure(permit)
                if !cacheDown { failures += 1 }
                if failures >= retry.maximumAttempts {
                    throw error
                }
                let delay = retry.delay(beforeRetry: max(failures, 1), retryAfter: error.retryAfter)
                let state = cacheDown ? "cache looks down, waiting for the circuit breaker" : "retry \(failures)/\(retry.maximumAttempts - 1)"
                logger.warning("cache \(target): \(what): \(error); \(state) in \(Self.format(delay))")
                onRetry()
                do {
                    try await Task.sleep(for: delay)
                } catch {
                    throw .cancelled
                }
            }
        }
    }

    static func format(_ duration: Duration) -> String {
        let seconds = RetryPolicy.seconds(duration)
        return seconds < 10 ? String(format: "%.2f s", seconds) : "\(Int(seconds.rounded())) s"
    }
}
