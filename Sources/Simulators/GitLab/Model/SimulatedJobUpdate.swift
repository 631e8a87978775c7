import Foundation

/// One `PUT /api/v4/jobs/:id` the simulator received for a job (after authentication).
public struct SimulatedJobUpdate: Sendable, Hashable {
    /// The `state` field as sent (`running`, `success`, …), or `nil` when missing.
    public var state: String?
    /// The `failure_reason` field as sent.
    public var failureReason: String?
    /// The `exit_code` field as sent.
    public var exitCode: Int?
    /// `output.checksum`, else the deprecated top-level `checksum`.
    public var checksum: String?
    /// `output.bytesize`.
    public var bytesize: Int?
    /// The HTTP status the simulator answered.
    public var responseStatus: Int
    /// The job status after the update (the `Job-Status` header sent).
    public var jobStatus: SimulatedJobState
    /// When the update arrived.
    public var time: Date
}
