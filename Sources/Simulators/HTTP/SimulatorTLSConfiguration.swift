/// TLS settings for ``SimulatorHTTPServer``: a PEM certificate chain (leaf first) and its PEM
/// private key. Clients are not asked for certificates.
public struct SimulatorTLSConfiguration: Sendable, Hashable {
    /// Path of the PEM file holding the server certificate (and optionally intermediates).
    public var certificateChainFile: String
    /// Path of the PEM file holding the server's private key.
    public var privateKeyFile: String

    /// Creates TLS settings from two PEM files.
    public init(certificateChainFile: String, privateKeyFile: String) {
        self.certificateChainFile = certificateChainFile
        self.privateKeyFile = privateKeyFile
    }
}
