extension Kubeconfig {
    /// `clusters[].cluster`: where the API server is and how to trust it.
    public struct Cluster: Codable, Sendable, Hashable {
        /// `https://host:port`.
        public var server: String
        /// Path of a PEM CA bundle; relative paths are resolved against the kubeconfig's directory.
        public var certificateAuthority: String?
        /// The PEM CA bundle itself, base64-encoded.
        public var certificateAuthorityData: String?
        public var insecureSkipTLSVerify: Bool?
        /// Name to verify the server certificate against (not supported; see ``KubernetesConfigurationError``).
        public var tlsServerName: String?
        /// Not supported: HTTP proxies are configured on the shared `HTTPClient`.
        public var proxyURL: String?

        public init(
            server: String, certificateAuthority: String? = nil, certificateAuthorityData: String? = nil,
            insecureSkipTLSVerify: Bool? = nil, tlsServerName: String? = nil, proxyURL: String? = nil
        ) {
            self.server = server
            self.certificateAuthority = certificateAuthority
            self.certificateAuthorityData = certificateAuthorityData
            self.insecureSkipTLSVerify = insecureSkipTLSVerify
            self.tlsServerName = tlsServerName
            self.proxyURL = proxyURL
        }

        private enum CodingKeys: String, CodingKey {
            case server
            case certificateAuthority = "certificate-authority"
            case certificateAuthorityData = "certificate-authority-data"
            case insecureSkipTLSVerify = "insecure-skip-tls-verify"
            case tlsServerName = "tls-server-name"
            case proxyURL = "proxy-url"
        }
    }

    /// `clusters[]`: a cluster and its name.
    public struct NamedCluster: Codable, Sendable, Hashable {
        public var name: String
        public var cluster: Cluster

        public init(name: String, cluster: Cluster) {
            self.name = name
            self.cluster = cluster
        }
    }
}
