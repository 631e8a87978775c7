/// Counters of an uploader, for progress lines, summaries and metrics.
public struct UploadStatistics: Sendable, Hashable {
    /// Store paths handed to the uploader (roots, after de-duplication).
    public var pathsQueued = 0
    /// Paths uploaded.
    public var pathsUploaded = 0
    /// Paths whose NAR the cache already had; only metadata was written.
    public var pathsDeduplicated = 0
    /// Paths the cache already had (narinfo present / not in Attic's missing list).
    public var pathsAlreadyPresent = 0
    /// Paths left out: not valid, a `.drv`, or signed by an upstream cache.
    public var pathsSkipped = 0
    /// Paths that could not be uploaded (after retries), including paths whose
    /// references failed.
    public var pathsFailed = 0
    /// Uncompressed NAR bytes of uploaded and deduplicated paths.
    public var narBytes: UInt64 = 0
    /// Bytes sent as NAR bodies (compressed for binary caches).
    public var sentBytes: UInt64 = 0
    /// Requests retried.
    public var retries = 0
    /// Roots waiting to be planned plus paths waiting to be uploaded.
    public var queueDepth = 0
    /// Uploads running now.
    public var inFlight = 0
    /// Whether a circuit breaker is holding requests back.
    public var circuitOpen = false
    /// Targets disabled for the run (401/403/unknown cache).
    public var disabledTargets = 0

    /// Empty counters.
    public init() {}

    /// Whether nothing is queued or running.
    public var isIdle: Bool { queueDepth == 0 && inFlight == 0 }

    /// The sum of two sets of counters (for several targets).
    public static func + (lhs: UploadStatistics, rhs: UploadStatistics) -> UploadStatistics {
        var sum = lhs
        sum.pathsQueued += rhs.pathsQueued
        sum.pathsUploaded += rhs.pathsUploaded
        sum.pathsDeduplicated += rhs.pathsDeduplicated
        sum.pathsAlreadyPresent += rhs.pathsAlreadyPresent
        sum.pathsSkipped += rhs.pathsSkipped
        sum.pathsFailed += rhs.pathsFailed
        sum.narBytes += rhs.narBytes
        sum.sentBytes += rhs.sentBytes
        sum.retries += rhs.retries
        sum.queueDepth += rhs.queueDepth
        sum.inFlight += rhs.inFlight
        sum.circuitOpen = lhs.circuitOpen || rhs.circuitOpen
        sum.disabledTargets += rhs.disabledTargets
        return sum
    }
}
