/// Retries of one API call (notes §1.9): 429 always (honouring `Retry-After`; likewise a 403 `exceeded quota`),
/// 500/502/503/504 and connection
/// failures only for idempotent calls (GET, LIST, PUT, PATCH, DELETE, opening a watch or log), with jittered
/// exponential backoff. A create (POST) is never repeated blindly; see ``KubernetesClient/create(_:namespace:options:)``.
public struct KubernetesRetryPolicy: Sendable {
    /// Attempts in total, the first included.
    public var maxAttempts: Int
    /// The wait after the first failure; doubles each time up to `maxBackoff`.
    public var initialBackoff: Duration
    public var maxBackoff: Duration
    /// The longest `Retry-After` honoured; longer requests are capped to this.
    public var maxRetryAfter: Duration

    public init(maxAttempts: Int = 5, initialBackoff: Duration = .milliseconds(200), maxBackoff: Duration = .seconds(30), maxRetryAfter: Duration = .seconds(60)) {
        self.maxAttempts = maxAttempts
        self.initialBackoff = initialBackoff
        self.maxBackoff = maxBackoff
        self.maxRetryAfter = maxRetryAfter
    }

    /// No retries at all.
    public static let none = KubernetesRetryPolicy(maxAttempts: 1)

    /// Whether an answer with `code` is worth another attempt for a call that is (or is not) idempotent.
    ///
    /// 429 proves the request was rejected before it was processed, so it is retried for every call; 5xx may hide
    /// a success, so only idempotent calls repeat on it.
    public static func isRetryable(code: Int, idempotent: Bool) -> Bool {
        if code == 429 { return true }
        return idempotent && [500, 502, 503, 504].contains(code)
    }

    /// The wait before attempt `attempt + 1` (attempts count from 1): `retryAfter` when the server asked
    /// (capped at ``maxRetryAfter``), else `initialBackoff · 2^(attempt-1)` capped at ``maxBackoff``, with ±50 % jitter.
    public func delay(afterAttempt attempt: Int, retryAfter: Duration? = nil) -> Duration {
        if let retryAfter, retryAfter >= .zero { return min(retryAfter, maxRetryAfter) }
        var backoff = initialBackoff
        for _ in 1..<max(1, attempt) {
            backoff = min(backoff * 2, maxBackoff)
        }
        return min(backoff * Double.random(in: 0.5...1.5), maxBackoff)
    }
}
