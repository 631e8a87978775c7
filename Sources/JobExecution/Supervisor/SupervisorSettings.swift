/// What the supervisor prints about where it runs, and how it paces stops and uploads.
public struct SupervisorSettings: Sendable {
    /// `[[runners]] name`.
    public var runnerName: String
    /// Short form of the runner token (never the token).
    public var runnerShortToken: String
    /// Executor shown in the trace (`shell`, `kubernetes`).
    public var executorName: String
    /// Host the job runs on.
    public var hostname: String
    /// The runner manager's system ID (`s_…`).
    public var systemID: String
    /// How long a terminated stage may take to exit before it is killed.
    public var stopGracePeriod: Duration
    /// Trace upload timings.
    public var timing: TraceUploader.Timing
    /// Where `cache:` archives are restored from and saved to; `nil`: caching is off.
    public var cacheStore: (any JobCacheStore)?

    public init(
        runnerName: String, runnerShortToken: String, executorName: String, hostname: String, systemID: String,
        stopGracePeriod: Duration = .seconds(10), timing: TraceUploader.Timing = TraceUploader.Timing(),
        cacheStore: (any JobCacheStore)? = nil
    ) {
        self.cacheStore = cacheStore
        self.runnerName = runnerName
        self.runnerShortToken = runnerShortToken
        self.executorName = executorName
        self.hostname = hostname
        self.systemID = systemID
        self.stopGracePeriod = stopGracePeriod
        self.timing = timing
    }
}
