import Foundation

/// An artifact uploaded with `POST /api/v4/jobs/:id/artifacts` (or seeded for downloads).
public struct SimulatedArtifact: Sendable, Hashable {
    /// The job the artifact belongs to.
    public var jobID: Int64
    /// The file name of the multipart `file` part (e.g. `artifacts.zip`).
    public var filename: String
    /// `artifact_format` (`zip`, `gzip`, `raw`; GitLab's default is `zip`).
    public var format: String
    /// `artifact_type` (`archive`, `junit`, …; default `archive`).
    public var type: String
    /// `expire_in`, when given.
    public var expireIn: String?
    /// The file bytes.
    public var bytes: [UInt8]
    /// When it was stored.
    public var time: Date

    /// Creates an artifact record.
    public init(
        jobID: Int64,
        filename: String,
        format: String = "zip",
        type: String = "archive",
        expireIn: String? = nil,
        bytes: [UInt8],
        time: Date = Date()
    ) {
        self.jobID = jobID
        self.filename = filename
        self.format = format
        self.type = type
        self.expireIn = expireIn
        self.bytes = bytes
        self.time = time
    }
}
