import Foundation

extension KubernetesConfiguration {
    /// The connection a kubeconfig context describes (`--context`; the `current-context` when `context` is nil).
    ///
    /// - TLS: `certificate-authority-data` wins over `certificate-authority`; `insecure-skip-tls-verify` disables
    ///   verification; `client-certificate(-data)` + `client-key(-data)` present a client certificate.
    /// - Credentials, first match: `exec` plugin, `token`, `tokenFile` (re-read like the service-account token),
    ///   `username`/`password`; none otherwise.
    /// - Namespace: the context's, else `default`.
    ///
    /// - Throws: ``KubernetesConfigurationError`` naming the missing context, cluster, user or file, or an
    ///   unsupported setting (`tls-server-name`, `proxy-url`, `auth-provider`).
    public init(kubeconfig: Kubeconfig, context: String? = nil, environment: [String: String] = ProcessInfo.processInfo.environment) throws {
        guard let contextName = context ?? kubeconfig.currentContext, !contextName.isEmpty else {
            throw KubernetesConfigurationError(
                source: "kubeconfig", message: "no current-context is set; pass a context (available: \(Self.names(kubeconfig.contexts.map(\.name))))"
            )
        }
        let source = "kubeconfig context \(contextName)"
        guard let selected = kubeconfig.context(named: contextName) else {
            throw KubernetesConfigurationError(
                source: source, message: "no such context (available: \(Self.names(kubeconfig.contexts.map(\.name))))"
            )
        }
        guard let cluster = kubeconfig.cluster(named: selected.cluster) else {
            throw KubernetesConfigurationError(source: source, message: "the context names cluster \"\(selected.cluster)\", which the kubeconfig does not define")
        }
        var user = Kubeconfig.User()
        if let userName = selected.user, !userName.isEmpty {
            guard let found = kubeconfig.user(named: userName) else {
                throw KubernetesConfigurationError(source: source, message: "the context names user \"\(userName)\", which the kubeconfig does not define")
            }
            user = found
        }
        guard !cluster.server.isEmpty else {
            throw KubernetesConfigurationError(source: source, message: "cluster \"\(selected.cluster)\" has no server")
        }
        if let name = cluster.tlsServerName, !name.isEmpty {
            throw KubernetesConfigurationError(
                source: source, message: "tls-server-name is not supported; point server at a name the certificate is valid for"
            )
        }
        if let proxy = cluster.proxyURL, !proxy.isEmpty {
            throw KubernetesConfigurationError(source: source, message: "proxy-url is not supported; reach the API server directly")
        }
        if let provider = user.authProvider {
            throw KubernetesConfigurationError(
                source: source, message: "auth-provider \"\(provider.name)\" is a removed legacy mechanism; use an exec credential plugin"
            )
        }

        var tls = KubernetesTLSSettings(insecureSkipVerify: cluster.insecureSkipTLSVerify ?? false)
        if let data = cluster.certificateAuthorityData, !data.isEmpty {
            tls.certificateAuthorityPEM = try Self.decodeBase64(data, what: "certificate-authority-data", source: source)
        } else if let path = cluster.certificateAuthority, !path.isEmpty {
            tls.certificateAuthorityPEM = try Self.readFile(path, what: "certificate-authority", source: source)
        }
        let certificate: String? =
            if let data = user.clientCertificateData, !data.isEmpty {
                try Self.decodeBase64(data, what: "client-certificate-data", source: source)
            } else if let path = user.clientCertificate, !path.isEmpty {
                try Self.readFile(path, what: "client-certificate", source: source)
            } else { nil }
        let key: String? =
            if let data = user.clientKeyData, !data.isEmpty {
                try Self.decodeBase64(data, what: "client-key-data", source: source)
            } else if let path = user.clientKey, !path.isEmpty {
                try Self.readFile(path, what: "client-key", source: source)
            } else { nil }
        switch (certificate, key) {
        case let (certificate?, key?): tls.clientCertificate = ClientCertificate(certificatePEM: certificate, privateKeyPEM: key)
        case (nil, nil): break
        default:
            throw KubernetesConfigurationError(source: source, message: "a client certificate needs both client-certificate(-data) and client-key(-data)")
        }

        let credentials: any KubernetesCredentialProvider
        if let exec = user.exec {
            credentials = ExecCredentialProvider(exec: exec, cluster: cluster, environment: environment)
        } else if let token = user.token, !token.isEmpty {
            credentials = StaticCredentialProvider(KubernetesCredential(bearerToken: token))
        } else if let tokenFile = user.tokenFile, !tokenFile.isEmpty {
            guard FileManager.default.isReadableFile(atPath: tokenFile) else {
                throw KubernetesConfigurationError(source: source, message: "tokenFile \(tokenFile) cannot be read")
            }
            credentials = TokenFileCredentialProvider(path: tokenFile)
        } else if let username = user.username, let password = user.password {
            credentials = StaticCredentialProvider(KubernetesCredential(basic: BasicCredentials(username: username, password: password)))
        } else {
            credentials = StaticCredentialProvider()
        }
        self.init(
            server: cluster.server, namespace: selected.namespace.flatMap { $0.isEmpty ? nil : $0 } ?? "default", tls: tls,
            credentials: credentials, source: source
        )
    }

    /// The configuration kubectl-like tools would use, for an agent that may run in or outside a cluster:
    ///
    /// 1. `kubeconfigPaths` when given, else `$KUBECONFIG` when set: that kubeconfig (with `context`).
    /// 2. Otherwise, in a pod (`KUBERNETES_SERVICE_HOST`/`PORT` set) and with no `context` asked for: in-cluster.
    /// 3. Otherwise `~/.kube/config`.
    public static func load(
        context: String? = nil, kubeconfigPaths: [String]? = nil,
        environment: [String: String] = ProcessInfo.processInfo.environment
    ) throws -> KubernetesConfiguration {
        if let kubeconfigPaths {
            return try KubernetesConfiguration(kubeconfig: Kubeconfig.load(paths: kubeconfigPaths), context: context, environment: environment)
        }
        if (environment["KUBECONFIG"] ?? "").isEmpty, context == nil, isInCluster(environment: environment) {
            return try inCluster(environment: environment)
        }
        let paths = Kubeconfig.defaultPaths(environment: environment)
        return try KubernetesConfiguration(kubeconfig: Kubeconfig.load(paths: paths), context: context, environment: environment)
    }

    private static func names(_ names: [String]) -> String {
        names.isEmpty ? "none" : names.joined(separator: ", ")
    }

    private static func decodeBase64(_ text: String, what: String, source: String) throws -> String {
        let compact = text.filter { !$0.isWhitespace }
        guard let data = Data(base64Encoded: compact), let decoded = String(data: data, encoding: .utf8) else {
            throw KubernetesConfigurationError(source: source, message: "\(what) is not base64-encoded PEM")
        }
        return decoded
    }

    private static func readFile(_ path: String, what: String, source: String) throws -> String {
        do {
            return try String(contentsOfFile: path, encoding: .utf8)
        } catch {
            throw KubernetesConfigurationError(source: source, message: "\(what) \(path) cannot be read: \(error.localizedDescription)")
        }
    }
}
