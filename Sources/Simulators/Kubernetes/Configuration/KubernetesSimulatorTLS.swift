/// TLS material of the simulated API server, as PEM files: the serving certificate (with
/// SANs for the address clients use), its key, and the CA that signed it (handed to clients
/// and written into pods' service-account volume as `ca.crt`).
public struct KubernetesSimulatorTLS: Sendable, Hashable {
    /// Serving certificate (PEM).
    public var certificateFile: String
    /// Private key of the serving certificate (PEM).
    public var privateKeyFile: String
    /// CA certificate clients should trust (PEM).
    public var caFile: String

    /// Creates TLS settings from three PEM files.
    public init(certificateFile: String, privateKeyFile: String, caFile: String) {
        self.certificateFile = certificateFile
        self.privateKeyFile = privateKeyFile
        self.caFile = caFile
    }
}
