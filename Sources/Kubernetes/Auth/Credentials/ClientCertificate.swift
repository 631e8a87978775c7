/// A client certificate and its private key, both PEM.
public struct ClientCertificate: Sendable, Hashable, CustomStringConvertible {
    /// The certificate chain, PEM.
    public var certificatePEM: String
    /// The private key, PEM (PKCS#1, PKCS#8 or SEC1).
    public var privateKeyPEM: String

    public init(certificatePEM: String, privateKeyPEM: String) {
        self.certificatePEM = certificatePEM
        self.privateKeyPEM = privateKeyPEM
    }

    /// Never shows the key.
    public var description: String { "ClientCertificate(\(certificatePEM.utf8.count) bytes of certificate, key redacted)" }
}

extension ClientCertificate: CustomReflectable {
    public var customMirror: Mirror { Mirror(self, children: ["certificatePEM": certificatePEM, "privateKeyPEM": "<redacted>"]) }
}
