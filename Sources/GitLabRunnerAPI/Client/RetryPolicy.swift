/// Transport-level retries of one GitLab call (notes §1): 408, 429, 500, 502, 503, 504 and ≥ 512
/// are retried with exponential backoff and jitter, waiting what `Retry-After` asks when given.
public struct RetryPolicy: Sendable {
    /// Attempts in total, the first included.
    public var maxAttempts: Int
    public var initialBackoff: Duration
    public var maxBackoff: Duration

    public init(maxAttempts: Int = 5, initialBackoff: Duration = .milliseconds(100), maxBackoff: Duration = .seconds(60)) {
        self.maxAttempts = maxAttempts
        self.initialBackoff = initialBackoff
        self.maxBackoff = maxBackoff
    }

    /// Whether an answer with this status is worth another attempt.
    public static func isRetryable(status: Int) -> Bool {
        [408, 429, 500, 502, 503, 504].contains(status) || status >= 512
    }

    /// The wait before attempt `attempt + 1` (attempt counts from 1): `retryAfter` seconds when the
    /// server asked (capped at `maxBackoff`), else exponential backoff with ±50 % jitter.
    public func delay(afterAttempt attempt: Int, retryAfter: Int?) -> Duration {
        if let retryAfter, retryAfter >= 0 { return min(.seconds(retryAfter), maxBackoff) }
        var backoff = initialBackoff
        for _ in 1..<max(1, attempt) {
            backoff = min(backoff * 2, maxBackoff)
        }
        let jitter = Double.random(in: 0.5...1.5)
        return min(backoff * jitter, maxBackoff)
    }
}
