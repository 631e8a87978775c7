/// Settings of a ``GitLabSimulator``.
public struct GitLabSimulatorConfiguration: Sendable {
    /// The authentication token of the runner the simulator starts with (`glrt-…`).
    public var runnerToken: String = "glrt-simulator-runner-token"
    /// The id of that runner.
    public var runnerID: Int64 = 1
    /// The registration token accepted by legacy `POST /api/v4/runners`.
    public var registrationToken: String = "GR1348941simregistration"
    /// When `false`, legacy registration answers 410 Gone.
    public var registrationTokensEnabled: Bool = true
    /// How long Workhorse holds a `POST /jobs/request` whose `last_update` is current.
    /// `.zero` disables the Workhorse layer (no long poll, no `Gitlab-Ci-Builds-Polling`).
    public var longPollTimeout: Duration = .seconds(50)
    /// Seconds sent as `X-GitLab-Trace-Update-Interval` on trace 202 answers
    /// (GitLab: 3 while someone watches the job, 60 otherwise).
    public var traceUpdateInterval: Int = 3
    /// `token_expires_at` returned by register/verify (`nil` → JSON null).
    public var tokenExpiresAt: String? = nil
    /// Job-request bodies of this many bytes or more are answered 413 (Workhorse's 32 KiB limit).
    public var maximumJobRequestBodySize: Int = 32 * 1024
    /// A trace patch that would make the trace longer than this fails the job with
    /// `trace_size_exceeded` and is answered 403 (`nil`: no limit). GitLab's default is 100 MB.
    public var traceSizeLimit: Int? = 100 * 1024 * 1024
    /// Artifact uploads larger than this are answered 413 (`nil`: only the HTTP body limit applies).
    public var maximumArtifactSize: Int? = nil
    /// A runner manager's stored `info` (which decides e.g. graceful cancel) is replaced by a newer
    /// request's `info` only when it is at least this old (GitLab: 40–55 min).
    public var managerInfoRefreshInterval: Duration = .seconds(40 * 60)
    /// The id of the first enqueued job; later ones count up.
    public var firstJobID: Int64 = 1000
    /// The URL put into `CI_SERVER_URL` and the default `git_info.repo_url`
    /// (`nil`: the simulator's own base URL).
    public var externalURL: String? = nil
    /// Largest request body the HTTP server accepts (413 beyond).
    public var maximumBodySize: Int = 8 * 1024 * 1024
    /// How long ``GitLabSimulator/stop()`` lets in-flight requests finish before cutting them off.
    public var shutdownGracePeriod: Duration = .seconds(5)

    /// A configuration; every argument has the default shown (other settings are `var`s).
    public init(
        runnerToken: String = "glrt-simulator-runner-token",
        registrationToken: String = "GR1348941simregistration",
        registrationTokensEnabled: Bool = true,
        longPollTimeout: Duration = .seconds(50),
        traceUpdateInterval: Int = 3
    ) {
        self.runnerToken = runnerToken
        self.registrationToken = registrationToken
        self.registrationTokensEnabled = registrationTokensEnabled
        self.longPollTimeout = longPollTimeout
        self.traceUpdateInterval = traceUpdateInterval
    }
}
