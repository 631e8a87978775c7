/// The least severe log level that is written (`log_level`).
public enum LogLevel: String, Sendable, CaseIterable {
    /// Everything, including per-request details.
    case debug
    /// Normal operation: jobs received, finished, runners started.
    case info
    /// Problems the agent recovers from.
    case warn
    /// Failures only.
    case error
}
