import AsyncHTTPClient
import Logging
import NIOCore
import NIOHTTP1
import NIOSSL

/// ``KubernetesTransport`` on AsyncHTTPClient: one shared `HTTPClient`, with this cluster's TLS settings
/// (CA, client certificate, `insecure-skip-tls-verify`) applied per request, so one `HTTPClient` can serve several
/// clusters and credentials.
public struct AsyncHTTPClientTransport: KubernetesTransport {
    let http: HTTPClient
    /// `https://host:port` without a trailing slash.
    let server: String
    let tls: KubernetesTLSSettings
    let baseTLS: TLSConfiguration?
    let tlsCache: TLSConfigurationCache

    /// - Parameters:
    ///   - server: the API server's base URL, e.g. `https://10.0.0.1:443`.
    ///   - tls: how to verify the server and which client certificate to present.
    /// - Throws: ``KubernetesConfigurationError`` when a certificate or key cannot be read.
    public init(httpClient: HTTPClient, server: String, tls: KubernetesTLSSettings) throws {
        var server = Substring(server)
        while server.hasSuffix("/") { server = server.dropLast() }
        self.http = httpClient
        self.server = String(server)
        self.tls = tls
        self.baseTLS = server.lowercased().hasPrefix("https:") ? try tls.makeTLSConfiguration(clientCertificate: nil) : nil
        self.tlsCache = TLSConfigurationCache()
    }

    public func execute(_ request: KubernetesHTTPRequest) async throws -> KubernetesHTTPResponse {
        var outgoing = HTTPClientRequest(url: server + request.path)
        outgoing.method = request.method
        outgoing.headers = request.headers
        if let body = request.body {
            outgoing.body = .bytes(body)
        }
        if let baseTLS {
            if let certificate = request.clientCertificate {
                outgoing.tlsConfiguration = try tlsCache.configuration(for: certificate) {
                    try tls.makeTLSConfiguration(clientCertificate: certificate)
                }
            } else {
                outgoing.tlsConfiguration = baseTLS
            }
        }
        let timeout = TimeAmount.nanoseconds(Int64(request.timeout.components.seconds) * 1_000_000_000 + request.timeout.components.attoseconds / 1_000_000_000)
        let response: HTTPClientResponse
        do {
            response = try await http.execute(outgoing, timeout: timeout)
        } catch let error as CancellationError {
            throw error
        } catch {
            throw Self.classify(error, operation: "\(request.method) \(request.path)")
        }
        return KubernetesHTTPResponse(status: response.status, headers: response.headers, body: KubernetesByteStream(response.body))
    }
}
