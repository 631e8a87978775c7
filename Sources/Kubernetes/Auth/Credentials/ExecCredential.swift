/// The `ExecCredential` object exchanged with a credential plugin (`client.authentication.k8s.io/v1`):
/// `spec` goes to the plugin in `KUBERNETES_EXEC_INFO`, `status` comes back on stdout.
struct ExecCredential: Codable {
    struct Spec: Codable {
        var cluster: Cluster?
        var interactive: Bool
    }

    /// The cluster as the plugin sees it (only with `provideClusterInfo: true`).
    struct Cluster: Codable {
        var server: String
        var certificateAuthorityData: String?
        var insecureSkipTLSVerify: Bool?

        enum CodingKeys: String, CodingKey {
            case server
            case certificateAuthorityData = "certificate-authority-data"
            case insecureSkipTLSVerify = "insecure-skip-tls-verify"
        }
    }

    struct Status: Codable {
        var token: String?
        var expirationTimestamp: String?
        var clientCertificateData: String?
        var clientKeyData: String?
    }

    var apiVersion: String?
    var kind: String?
    var spec: Spec?
    var status: Status?
}
