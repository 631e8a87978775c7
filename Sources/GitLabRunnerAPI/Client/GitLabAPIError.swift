/// A GitLab call that failed for good (after retries), with what to do about it.
public struct GitLabAPIError: Error, CustomStringConvertible, Sendable {
    /// What we were doing, e.g. `PATCH /api/v4/jobs/12/trace`.
    public var operation: String
    /// HTTP status, when an answer came.
    public var status: Int?
    public var message: String

    public init(operation: String, status: Int? = nil, message: String) {
        self.operation = operation
        self.status = status
        self.message = message
    }

    public var description: String {
        if let status { return "\(operation) failed with HTTP \(status): \(message)" }
        return "\(operation) failed: \(message)"
    }
}
