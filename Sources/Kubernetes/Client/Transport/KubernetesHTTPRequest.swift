import NIOCore
import NIOHTTP1

/// One request to the API server, relative to its base URL.
public struct KubernetesHTTPRequest: Sendable {
    public var method: HTTPMethod
    /// Path and query, e.g. `/api/v1/namespaces/ci/pods?labelSelector=app%3Dci`.
    public var path: String
    public var headers: HTTPHeaders
    public var body: ByteBuffer?
    /// A client certificate an exec credential plugin handed out; static certificates are part of the transport.
    public var clientCertificate: ClientCertificate?
    /// How long to wait for the answer's head. Bodies (watches, log follows) are not bounded by it.
    public var timeout: Duration

    public init(
        method: HTTPMethod, path: String, headers: HTTPHeaders = HTTPHeaders(), body: ByteBuffer? = nil,
        clientCertificate: ClientCertificate? = nil, timeout: Duration = .seconds(60)
    ) {
        self.method = method
        self.path = path
        self.headers = headers
        self.body = body
        self.clientCertificate = clientCertificate
        self.timeout = timeout
    }
}
