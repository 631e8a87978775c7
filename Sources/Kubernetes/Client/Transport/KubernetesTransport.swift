/// The seam between ``KubernetesClient`` and HTTP: sends one request and returns the answer's head with a
/// streaming body.
///
/// ``AsyncHTTPClientTransport`` is the real implementation. Tests plug in a scripted transport to drive retries,
/// watch resumption and log following without a server. A transport does no retries and no authentication of its
/// own: the client adds the `Authorization` header and passes a client certificate in the request.
public protocol KubernetesTransport: Sendable {
    /// Sends `request`; throws only when no answer came (connection refused, reset, timeout, cancellation).
    func execute(_ request: KubernetesHTTPRequest) async throws -> KubernetesHTTPResponse
}
