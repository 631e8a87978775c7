/// Everything needed to talk to one API server: where it is, how to trust it, how to authenticate, and the
/// default namespace.
///
/// Build one with ``inCluster(environment:serviceAccountDirectory:tokenRefreshInterval:)``,
/// ``init(kubeconfig:context:)`` or ``load(context:kubeconfigPaths:environment:)``; hand it to
/// ``KubernetesClient/init(configuration:httpClient:retry:logger:)``.
public struct KubernetesConfiguration: Sendable {
    /// `https://host:port` (or `http://` for a local test double; then no credentials are sent, as kubectl does).
    public var server: String
    /// The namespace to use when the caller names none: the context's, the service account's, or `default`.
    public var namespace: String
    public var tls: KubernetesTLSSettings
    /// Supplies the bearer token (static, file re-read, or exec plugin).
    public var credentials: any KubernetesCredentialProvider
    /// Where this came from, for messages: `in-cluster`, or `kubeconfig context <name>`.
    public var source: String

    public init(
        server: String, namespace: String = "default", tls: KubernetesTLSSettings = KubernetesTLSSettings(),
        credentials: any KubernetesCredentialProvider = StaticCredentialProvider(), source: String = "explicit"
    ) {
        self.server = server
        self.namespace = namespace
        self.tls = tls
        self.credentials = credentials
        self.source = source
    }

    /// Whether the server is reached over TLS; credentials are only ever sent then.
    public var usesTLS: Bool { server.lowercased().hasPrefix("https://") }
}
