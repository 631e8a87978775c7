/// A Kubernetes call that failed without an API answer to show for it: the connection, the credentials, or an
/// answer we could not read.
public struct KubernetesClientError: Error, CustomStringConvertible, Sendable {
    /// What kind of failure.
    public enum Code: Sendable, Hashable {
        /// The connection could not be opened; the request never reached the server (safe to repeat).
        case connectionFailed
        /// The connection failed after the request may have been sent (reset, timeout, cut stream).
        case transport
        /// The answer was not the JSON we expected.
        case decoding
        /// A body was larger than we are willing to hold.
        case responseTooLarge
        /// The token file, exec plugin or client certificate could not provide credentials.
        case credentials
        /// The caller passed something unusable.
        case invalidArgument
    }

    public var code: Code
    /// What we were doing, e.g. `GET /api/v1/namespaces/ci/pods/job-1`.
    public var operation: String
    public var message: String
    public var underlying: (any Error)?

    public init(code: Code, operation: String, message: String, underlying: (any Error)? = nil) {
        self.code = code
        self.operation = operation
        self.message = message
        self.underlying = underlying
    }

    public var description: String {
        "\(operation) failed: \(message)"
    }
}
