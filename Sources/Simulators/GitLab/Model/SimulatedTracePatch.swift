import Foundation

/// One `PATCH /api/v4/jobs/:id/trace` the simulator received for a job (after authentication).
public struct SimulatedTracePatch: Sendable, Hashable {
    /// The `Content-Range` header as sent, or `nil` when missing.
    public var contentRange: String?
    /// The start offset parsed from `Content-Range`.
    public var start: Int?
    /// The inclusive end offset parsed from `Content-Range`.
    public var end: Int?
    /// The body length.
    public var length: Int
    /// Whether `end == start + length - 1`, as the notes require (GitLab itself ignores `end`).
    public var endMatchesBody: Bool
    /// The HTTP status the simulator answered.
    public var responseStatus: Int
    /// When the patch arrived.
    public var time: Date
}
