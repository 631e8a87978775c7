import Foundation

extension KubernetesConfiguration {
    /// The default service-account directory inside a pod.
    public static let defaultServiceAccountDirectory = "/var/run/secrets/kubernetes.io/serviceaccount"

    /// Whether `KUBERNETES_SERVICE_HOST` and `KUBERNETES_SERVICE_PORT` are both set, i.e. we run in a pod.
    public static func isInCluster(environment: [String: String] = ProcessInfo.processInfo.environment) -> Bool {
        !(environment["KUBERNETES_SERVICE_HOST"] ?? "").isEmpty && !(environment["KUBERNETES_SERVICE_PORT"] ?? "").isEmpty
    }

    /// The pod's own service account, like client-go's `rest.InClusterConfig` (notes §1.10).
    ///
    /// - Server: `https://` + `KUBERNETES_SERVICE_HOST`:`KUBERNETES_SERVICE_PORT` (IPv6 in brackets).
    /// - `token`: re-read every `tokenRefreshInterval` and after a 401 (the kubelet rotates it).
    /// - `ca.crt`: the roots to trust. `namespace`: the default namespace (`default` when the file is missing).
    ///
    /// - Parameter serviceAccountDirectory: where `token`, `ca.crt` and `namespace` are; tests point it at a temp dir.
    /// - Throws: ``KubernetesConfigurationError`` when the variables are unset or the token or CA cannot be read.
    public static func inCluster(
        environment: [String: String] = ProcessInfo.processInfo.environment,
        serviceAccountDirectory: String = defaultServiceAccountDirectory,
        tokenRefreshInterval: Duration = .seconds(60)
    ) throws -> KubernetesConfiguration {
        let source = "in-cluster"
        guard let host = environment["KUBERNETES_SERVICE_HOST"], !host.isEmpty,
            let port = environment["KUBERNETES_SERVICE_PORT"], !port.isEmpty
        else {
            throw KubernetesConfigurationError(
                source: source,
                message: "KUBERNETES_SERVICE_HOST and KUBERNETES_SERVICE_PORT are not both set: not running in a pod; use a kubeconfig instead"
            )
        }
        let directory = serviceAccountDirectory as NSString
        let tokenPath = directory.appendingPathComponent("token")
        do {
            _ = try TokenFileCredentialProvider.read(tokenPath)
        } catch {
            throw KubernetesConfigurationError(
                source: source,
                message: "cannot read the service-account token at \(tokenPath); mount it (automountServiceAccountToken: true)"
            )
        }
        let caPath = directory.appendingPathComponent("ca.crt")
        guard let ca = try? String(contentsOfFile: caPath, encoding: .utf8) else {
            throw KubernetesConfigurationError(source: source, message: "cannot read the cluster CA at \(caPath)")
        }
        let namespaceFile = try? String(contentsOfFile: directory.appendingPathComponent("namespace"), encoding: .utf8)
        let namespace = namespaceFile?.trimmingCharacters(in: .whitespacesAndNewlines)
        let hostPart = host.contains(":") && !host.hasPrefix("[") ? "[\(host)]" : host
        return KubernetesConfiguration(
            server: "https://\(hostPart):\(port)",
            namespace: namespace?.isEmpty == false ? namespace! : "default",
            tls: KubernetesTLSSettings(certificateAuthorityPEM: ca),
            credentials: TokenFileCredentialProvider(path: tokenPath, refreshInterval: tokenRefreshInterval),
            source: source
        )
    }
}
