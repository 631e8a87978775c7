import NIOHTTP1

/// The head of an answer and its body, still streaming.
public struct KubernetesHTTPResponse: Sendable {
    public var status: HTTPResponseStatus
    public var headers: HTTPHeaders
    public var body: KubernetesByteStream

    public init(status: HTTPResponseStatus, headers: HTTPHeaders = HTTPHeaders(), body: KubernetesByteStream = .empty) {
        self.status = status
        self.headers = headers
        self.body = body
    }
}
