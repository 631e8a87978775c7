/// What to authenticate one request with. Printing it never shows a secret.
public struct KubernetesCredential: Sendable, Hashable, CustomStringConvertible {
    /// Sent as `Authorization: Bearer <token>`.
    public var bearerToken: String?
    /// Legacy `username`/`password` users: `Authorization: Basic …`.
    public var basic: BasicCredentials?
    /// A client certificate from an exec plugin (static ones are configured on the transport).
    public var clientCertificate: ClientCertificate?

    public init(bearerToken: String? = nil, basic: BasicCredentials? = nil, clientCertificate: ClientCertificate? = nil) {
        self.bearerToken = bearerToken
        self.basic = basic
        self.clientCertificate = clientCertificate
    }

    /// No credentials (e.g. client-certificate-only users, or plain HTTP).
    public static let none = KubernetesCredential()

    public var description: String {
        var parts: [String] = []
        if bearerToken != nil { parts.append("bearer token <redacted>") }
        if let basic { parts.append("basic \(basic.username):<redacted>") }
        if clientCertificate != nil { parts.append("client certificate") }
        return parts.isEmpty ? "no credentials" : parts.joined(separator: ", ")
    }
}

extension KubernetesCredential: CustomReflectable {
    public var customMirror: Mirror { Mirror(self, children: ["credential": description]) }
}
