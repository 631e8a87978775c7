/// A job the simulator holds: its id (`CI_JOB_ID`) and its job token (`JOB-TOKEN`).
public struct SimulatedJobID: Sendable, Hashable, CustomStringConvertible {
    /// The job id.
    public let rawValue: Int64
    /// The job token the runner must present on `PUT /jobs/:id` and `PATCH /jobs/:id/trace`.
    public let token: String

    /// Creates a job reference.
    public init(rawValue: Int64, token: String) {
        self.rawValue = rawValue
        self.token = token
    }

    public var description: String { String(rawValue) }
}
