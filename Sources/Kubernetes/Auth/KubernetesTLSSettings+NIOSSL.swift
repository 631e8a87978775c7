import NIOSSL

extension KubernetesTLSSettings {
    /// The NIOSSL client configuration: custom CA roots (or none checked with `insecureSkipVerify`) and the client
    /// certificate (`clientCertificate` overrides the static one, e.g. one from an exec plugin).
    ///
    /// - Throws: ``KubernetesConfigurationError`` when a PEM block cannot be read.
    public func makeTLSConfiguration(clientCertificate override: ClientCertificate?) throws -> TLSConfiguration {
        var configuration = TLSConfiguration.makeClientConfiguration()
        if insecureSkipVerify {
            configuration.certificateVerification = .none
        } else if let pem = certificateAuthorityPEM {
            let roots: [NIOSSLCertificate]
            do {
                roots = try NIOSSLCertificate.fromPEMBytes(Array(pem.utf8))
            } catch {
                throw KubernetesConfigurationError(source: "TLS", message: "the certificate authority is not PEM: \(error)")
            }
            guard !roots.isEmpty else {
                throw KubernetesConfigurationError(source: "TLS", message: "the certificate authority holds no certificate")
            }
            configuration.trustRoots = .certificates(roots)
        }
        if let identity = override ?? clientCertificate {
            do {
                let chain = try NIOSSLCertificate.fromPEMBytes(Array(identity.certificatePEM.utf8))
                guard !chain.isEmpty else {
                    throw KubernetesConfigurationError(source: "TLS", message: "the client certificate holds no certificate")
                }
                configuration.certificateChain = chain.map { .certificate($0) }
                configuration.privateKey = .privateKey(try NIOSSLPrivateKey(bytes: Array(identity.privateKeyPEM.utf8), format: .pem))
            } catch let error as KubernetesConfigurationError {
                throw error
            } catch {
                throw KubernetesConfigurationError(source: "TLS", message: "the client certificate or key is not usable PEM: \(error)")
            }
        }
        return configuration
    }
}
