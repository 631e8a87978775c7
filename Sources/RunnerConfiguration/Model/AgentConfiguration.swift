/// The whole agent configuration, as read from `config.toml`.
///
/// Create one with ``load(path:)`` or ``parse(_:path:)``, which apply the
/// defaults and validate every value; write one with ``rendered()``.
public struct AgentConfiguration: Sendable, Equatable {
    /// The default for ``concurrent``.
    public static let defaultConcurrent = 1
    /// The default for ``checkInterval``, in seconds.
    public static let defaultCheckInterval = 3
    /// The default for ``shutdownTimeout``, in seconds.
    public static let defaultShutdownTimeout = 30

    /// `concurrent`: the most jobs running at once across all runners (≥ 1).
    public var concurrent: Int
    /// `check_interval`: seconds between requests for new jobs (≥ 0).
    public var checkInterval: Int
    /// `shutdown_timeout`: seconds to wait for running jobs on shutdown (≥ 0).
    public var shutdownTimeout: Int
    /// `log_level`: the least severe level that is logged.
    public var logLevel: LogLevel
    /// `log_format`: text or JSON log lines.
    public var logFormat: LogFormat
    /// `listen_address`: `host:port` for the metrics/health endpoint, or
    /// `nil` to not listen.
    public var listenAddress: String?
    /// `[[runners]]`: the runners, in file order, with unique names.
    public var runners: [RunnerSettings]

    /// Creates a configuration; omitted values take their defaults.
    /// No validation is done here (``parse(_:path:)`` validates).
    public init(
        concurrent: Int = AgentConfiguration.defaultConcurrent,
        checkInterval: Int = AgentConfiguration.defaultCheckInterval,
        shutdownTimeout: Int = AgentConfiguration.defaultShutdownTimeout,
        logLevel: LogLevel = .info,
        logFormat: LogFormat = .text,
        listenAddress: String? = nil,
        runners: [RunnerSettings] = []
    ) {
        self.concurrent = concurrent
        self.checkInterval = checkInterval
        self.shutdownTimeout = shutdownTimeout
        self.logLevel = logLevel
        self.logFormat = logFormat
        self.listenAddress = listenAddress
        self.runners = runners
    }
}
