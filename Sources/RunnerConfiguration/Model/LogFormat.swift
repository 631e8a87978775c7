/// How log lines are written (`log_format`).
public enum LogFormat: String, Sendable, CaseIterable {
    /// Human-readable lines.
    case text
    /// One JSON object per line.
    case json
}
