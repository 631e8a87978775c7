/// The API server's `Status` object: the body of every non-2xx answer and of watch `ERROR` events (notes §1.9).
public struct Status: Codable, Hashable, Sendable {
    public var apiVersion: String?
    public var kind: String?
    /// `Success` or `Failure`.
    public var status: String?
    /// Human-readable description, e.g. `pods "x" not found`.
    public var message: String?
    /// Machine-readable reason, e.g. `NotFound`, `AlreadyExists`, `Conflict`, `Expired`, `Gone`.
    public var reason: String?
    public var details: StatusDetails?
    /// The HTTP status code it stands for.
    public var code: Int?

    public init(
        apiVersion: String? = "v1", kind: String? = "Status", status: String? = "Failure", message: String? = nil,
        reason: String? = nil, details: StatusDetails? = nil, code: Int? = nil
    ) {
        self.apiVersion = apiVersion
        self.kind = kind
        self.status = status
        self.message = message
        self.reason = reason
        self.details = details
        self.code = code
    }
}
