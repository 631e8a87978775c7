import Foundation

/// What part of a container's log to read and how; see ``PodLogStream`` for resumption.
public struct LogOptions: Sendable, Hashable {
    /// Keep the stream open while the container runs.
    public var follow: Bool
    /// Prefix each line with its RFC 3339 (nanosecond) timestamp and a space.
    public var timestamps: Bool
    /// Only lines at or after this instant (sent with second precision, inclusive).
    public var sinceTime: Date?
    public var sinceSeconds: Int?
    /// Only the last N lines (first connection only).
    public var tailLines: Int?
    /// Stop after about this many bytes (the server may send slightly more or less). Disables resumption.
    public var limitBytes: Int?
    /// The previous (restarted) container's log.
    public var previous: Bool
    /// Reconnect after a cut stream while the container still runs, without repeating or losing lines.
    public var resume: Bool

    public init(
        follow: Bool = true, timestamps: Bool = false, sinceTime: Date? = nil, sinceSeconds: Int? = nil, tailLines: Int? = nil,
        limitBytes: Int? = nil, previous: Bool = false, resume: Bool = true
    ) {
        self.follow = follow
        self.timestamps = timestamps
        self.sinceTime = sinceTime
        self.sinceSeconds = sinceSeconds
        self.tailLines = tailLines
        self.limitBytes = limitBytes
        self.previous = previous
        self.resume = resume
    }
}
