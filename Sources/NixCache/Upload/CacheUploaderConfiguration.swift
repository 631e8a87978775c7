/// How an uploader works.
public struct CacheUploaderConfiguration: Sendable {
    /// Uploads running at once per target.
    public var jobs: Int
    /// Most roots waiting to be planned per target; ``CacheUploader/offer(_:)`` drops
    /// paths beyond it, ``CacheUploader/enqueue(_:)`` waits for room.
    public var queueCapacity: Int
    /// Retries of each request.
    public var retry: RetryPolicy
    /// When a target counts as down.
    public var circuitBreaker: CircuitBreakerPolicy
    /// Upload `.drv` files too (off: derivations are rarely wanted in a cache).
    public var includeDerivations: Bool
    /// Paths signed by one of these keys are left out: they come from an upstream cache
    /// that consumers use anyway (Attic's `upstream_cache_key_names`).
    public var upstreamKeyNames: Set<String>
    /// Roots planned together (one closure walk and one missing-paths query).
    public var planningBatchSize: Int

    /// Creates a configuration.
    public init(
        jobs: Int = 4, queueCapacity: Int = 50_000, retry: RetryPolicy = .standard,
        circuitBreaker: CircuitBreakerPolicy = .standard, includeDerivations: Bool = false,
        upstreamKeyNames: Set<String> = ["cache.nixos.org-1"], planningBatchSize: Int = 1_000
    ) {
        self.jobs = max(1, jobs)
        self.queueCapacity = max(1, queueCapacity)
        self.retry = retry
        self.circuitBreaker = circuitBreaker
        self.includeDerivations = includeDerivations
        self.upstreamKeyNames = upstreamKeyNames
        self.planningBatchSize = max(1, planningBatchSize)
    }
}
