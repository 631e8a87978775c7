import AsyncHTTPClient
import Foundation
import NIOCore

extension AsyncHTTPClientTransport {
    /// Sorts an AsyncHTTPClient failure into "the request never left" (safe to repeat, even a create) and
    /// "unknown outcome".
    static func classify(_ error: any Error, operation: String) -> KubernetesClientError {
        let description = String(describing: error)
        var code = KubernetesClientError.Code.transport
        if let error = error as? HTTPClientError, error == .connectTimeout || error == .invalidURL || error == .emptyHost {
            code = .connectionFailed
        } else if let error = error as? IOError, [ECONNREFUSED, EHOSTUNREACH, ENETUNREACH, EADDRNOTAVAIL].contains(error.errnoCode) {
            code = .connectionFailed
        } else if let error = error as? ChannelError, case .connectTimeout = error {
            code = .connectionFailed
        } else if String(reflecting: type(of: error)).contains("NIOConnectionError") {
            // NIOPosix's aggregate of failed connection attempts (all addresses refused or timed out).
            code = .connectionFailed
        }
        let message = code == .connectionFailed
            ? "cannot connect to the API server (\(description)); check the server URL and that the API server is up"
            : "the connection failed (\(description))"
        return KubernetesClientError(code: code, operation: operation, message: message, underlying: error)
    }
}
