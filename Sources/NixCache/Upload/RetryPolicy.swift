/// How often and how patiently a failed request is retried: exponential back-off with
/// full jitter (a random delay between 0 and `min(cap, base·2^attempt)`), never shorter
/// than the server's `Retry-After` (clamped to ``maximumRetryAfter``).
///
/// The defaults follow cachix's proven values: 1 s base, 15 s cap, `Retry-After` up to
/// 120 s, 5 attempts. Attempts made while the circuit breaker is open do not count.
public struct RetryPolicy: Sendable, Hashable {
    /// Attempts in all, the first included; 1 disables retries.
    public var maximumAttempts: Int
    /// Upper bound of the first back-off.
    public var baseDelay: Duration
    /// Largest back-off.
    public var maximumDelay: Duration
    /// Largest `Retry-After` honoured.
    public var maximumRetryAfter: Duration

    /// Creates a policy.
    public init(
        maximumAttempts: Int = 5, baseDelay: Duration = .seconds(1), maximumDelay: Duration = .seconds(15),
        maximumRetryAfter: Duration = .seconds(120)
    ) {
        self.maximumAttempts = max(1, maximumAttempts)
        self.baseDelay = baseDelay
        self.maximumDelay = maximumDelay
        self.maximumRetryAfter = maximumRetryAfter
    }

    /// The default policy.
    public static let standard = RetryPolicy()

    /// The delay before retry number `attempt` (1 for the first retry).
    public func delay(beforeRetry attempt: Int, retryAfter: Duration?) -> Duration {
        let exponent = min(max(attempt - 1, 0), 30)
        let ceiling = min(maximumDelay, baseDelay * (1 << exponent))
        let ceilingSeconds = Self.seconds(ceiling)
        let jittered = Duration.seconds(ceilingSeconds > 0 ? Double.random(in: 0...ceilingSeconds) : 0)
        guard let retryAfter else { return jittered }
        return max(jittered, min(retryAfter, maximumRetryAfter))
    }

    static func seconds(_ duration: Duration) -> Double {
        let (seconds, attoseconds) = duration.components
        return Double(seconds) + Double(attoseconds) / 1e18
    }
}
