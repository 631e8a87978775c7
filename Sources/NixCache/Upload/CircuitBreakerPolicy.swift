/// When the circuit breaker opens and for how long: after ``failureThreshold`` transient
/// failures in a row the cache counts as down; requests then wait for the cool-down, one
/// probe request goes through, and on success everything resumes. Each failed probe
/// doubles the cool-down up to ``maximumCoolDown``.
public struct CircuitBreakerPolicy: Sendable, Hashable {
    /// Consecutive transient failures that open the circuit.
    public var failureThreshold: Int
    /// First cool-down.
    public var coolDown: Duration
    /// Longest cool-down.
    public var maximumCoolDown: Duration

    /// Creates a policy.
    public init(failureThreshold: Int = 5, coolDown: Duration = .seconds(30), maximumCoolDown: Duration = .seconds(300)) {
        self.failureThreshold = max(1, failureThreshold)
        self.coolDown = coolDown
        self.maximumCoolDown = max(coolDown, maximumCoolDown)
    }

    /// The default policy.
    public static let standard = CircuitBreakerPolicy()
}
