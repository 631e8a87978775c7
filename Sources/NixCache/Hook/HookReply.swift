/// The watcher's answer: one JSON object on one line.
public struct HookReply: Codable, Sendable, Hashable {
    /// Whether the request was carried out (a flush that timed out is `ok` but not
    /// `drained`).
    public var ok: Bool
    /// Paths queued by an `enqueue`.
    public var queued: Int?
    /// For `flush`: whether the queue emptied in time.
    public var drained: Bool?
    /// An error message when not `ok`.
    public var error: String?
    /// Counters: queued, uploaded, present, failed paths, bytes, queue depth.
    public var statistics: [String: Int]?

    /// Creates a reply.
    public init(ok: Bool, queued: Int? = nil, drained: Bool? = nil, error: String? = nil, statistics: [String: Int]? = nil) {
        self.ok = ok
        self.queued = queued
        self.drained = drained
        self.error = error
        self.statistics = statistics
    }
}
