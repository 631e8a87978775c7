/// How to verify the API server and which client certificate to present, as read from a kubeconfig or the
/// service-account directory. Kept as PEM text so it can be checked before any connection is made.
public struct KubernetesTLSSettings: Sendable, Hashable {
    /// PEM bundle of CAs to trust instead of the system roots; `nil` trusts the system roots.
    public var certificateAuthorityPEM: String?
    /// Skip server certificate verification (`insecure-skip-tls-verify`); for tests only.
    public var insecureSkipVerify: Bool
    /// A static client certificate (`client-certificate(-data)` + `client-key(-data)`).
    public var clientCertificate: ClientCertificate?

    public init(certificateAuthorityPEM: String? = nil, insecureSkipVerify: Bool = false, clientCertificate: ClientCertificate? = nil) {
        self.certificateAuthorityPEM = certificateAuthorityPEM
        self.insecureSkipVerify = insecureSkipVerify
        self.clientCertificate = clientCertificate
    }
}
