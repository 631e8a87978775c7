import NIOSSL
import Synchronization

/// The TLS configuration built for the last exec-plugin certificate, so requests with the same certificate share
/// one configuration (and so pooled connections) instead of parsing PEM per request.
final class TLSConfigurationCache: Sendable {
    private let last = Mutex<(ClientCertificate, TLSConfiguration)?>(nil)

    func configuration(for certificate: ClientCertificate, make: () throws -> TLSConfiguration) throws -> TLSConfiguration {
        if let cached = last.withLock({ $0 }), cached.0 == certificate { return cached.1 }
        let configuration = try make()
        last.withLock { $0 = (certificate, configuration) }
        return configuration
    }
}
