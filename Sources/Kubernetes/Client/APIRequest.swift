import NIOCore
import NIOHTTP1

/// One API call before credentials and retries are applied.
struct APIRequest: Sendable {
    var method: HTTPMethod
    /// Path and query.
    var path: String
    var body: ByteBuffer?
    var contentType: String?
    var accept = "application/json"
    /// Whether 5xx answers and connection failures may be retried (everything but create).
    var idempotent: Bool
    /// Overrides the client's head timeout.
    var timeout: Duration?

    init(method: HTTPMethod, path: String, body: ByteBuffer? = nil, contentType: String? = nil, accept: String = "application/json", idempotent: Bool, timeout: Duration? = nil) {
        self.method = method
        self.path = path
        self.body = body
        self.contentType = contentType
        self.accept = accept
        self.idempotent = idempotent
        self.timeout = timeout
    }

    /// `GET /api/v1/namespaces/ci/pods` (the query left out: selectors are not secret, but they are noise).
    var operation: String {
        let bare = path.split(separator: "?", maxSplits: 1).first.map(String.init) ?? path
        return "\(method.rawValue) \(bare)"
    }
}
