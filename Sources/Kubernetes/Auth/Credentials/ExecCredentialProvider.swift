import Foundation

/// Credentials from an exec plugin (`users[].user.exec`, `client.authentication.k8s.io/v1`), as kubectl runs them
/// (notes §1.10).
///
/// The plugin gets the agent's environment plus `exec.env` and `KUBERNETES_EXEC_INFO` (an `ExecCredential` with
/// `spec.interactive: false`, and `spec.cluster` when `provideClusterInfo` is set); stdin is closed. It must print
/// an `ExecCredential` whose `status` has a `token` (or `clientCertificateData` + `clientKeyData`). The result is
/// cached until `status.expirationTimestamp` (for ever without one) and dropped on a 401. Concurrent callers share
/// one run.
public actor ExecCredentialProvider: KubernetesCredentialProvider {
    public nonisolated let exec: Kubeconfig.ExecConfig
    let cluster: ExecCredential.Cluster?
    let environment: [String: String]
    let timeout: Duration
    private var cached: (credential: KubernetesCredential, expiresAt: Date?)?
    private var running: Task<(KubernetesCredential, Date?), any Error>?

    /// - Parameters:
    ///   - cluster: passed to the plugin when `exec.provideClusterInfo` is true.
    ///   - environment: the base environment (the agent's by default).
    ///   - timeout: the plugin is killed after this long.
    public init(
        exec: Kubeconfig.ExecConfig, cluster: Kubeconfig.Cluster? = nil,
        environment: [String: String] = ProcessInfo.processInfo.environment, timeout: Duration = .seconds(60)
    ) {
        self.exec = exec
        self.cluster = cluster.map {
            ExecCredential.Cluster(server: $0.server, certificateAuthorityData: $0.certificateAuthorityData, insecureSkipTLSVerify: $0.insecureSkipTLSVerify)
        }
        self.environment = environment
        self.timeout = timeout
    }

    public func credential() async throws -> KubernetesCredential {
        if let cached, cached.expiresAt.map({ $0 > Date() }) ?? true {
            return cached.credential
        }
        let task: Task<(KubernetesCredential, Date?), any Error>
        if let running {
            task = running
        } else {
            let exec = exec, cluster = cluster, environment = environment, timeout = timeout
            task = Task { try await Self.fetch(exec: exec, cluster: cluster, environment: environment, timeout: timeout) }
            running = task
        }
        defer { if running == task { running = nil } }
        let (credential, expiresAt) = try await task.value
        cached = (credential, expiresAt)
        return credential
    }

    public func invalidate() async {
        cached = nil
    }

    static func fetch(exec: Kubeconfig.ExecConfig, cluster: ExecCredential.Cluster?, environment: [String: String], timeout: Duration) async throws -> (KubernetesCredential, Date?) {
        let operation = "run the exec credential plugin \(exec.command)"
        let hint = exec.installHint.map { " (\($0))" } ?? ""
        if exec.interactiveMode == "Always" {
            throw KubernetesClientError(
                code: .credentials, operation: operation,
                message: "the plugin requires an interactive terminal (interactiveMode: Always), which the agent never has; configure a non-interactive plugin"
            )
        }
        guard let executable = resolve(command: exec.command, path: environment["PATH"]) else {
            throw KubernetesClientError(code: .credentials, operation: operation, message: "the command was not found\(hint)")
        }
        let apiVersion = exec.apiVersion ?? "client.authentication.k8s.io/v1"
        let info = ExecCredential(
            apiVersion: apiVersion, kind: "ExecCredential",
            spec: .init(cluster: exec.provideClusterInfo == true ? cluster : nil, interactive: false), status: nil
        )
        var pluginEnvironment = environment
        for variable in exec.env ?? [] { pluginEnvironment[variable.name] = variable.value }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.withoutEscapingSlashes, .sortedKeys]
        pluginEnvironment["KUBERNETES_EXEC_INFO"] = String(decoding: try encoder.encode(info), as: UTF8.self)

        let output: ExecPluginRunner.Output
        do {
            output = try await ExecPluginRunner.run(executable: executable, arguments: exec.args ?? [], environment: pluginEnvironment, timeout: timeout)
        } catch {
            throw KubernetesClientError(code: .credentials, operation: operation, message: "cannot start it: \(error.localizedDescription)\(hint)")
        }
        guard output.exitCode == 0 else {
            let errors = String(decoding: output.stderr.prefix(500), as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
            throw KubernetesClientError(code: .credentials, operation: operation, message: "it exited with status \(output.exitCode): \(errors.isEmpty ? "(no error output)" : errors)")
        }
        let answer: ExecCredential
        do {
            answer = try JSONDecoder().decode(ExecCredential.self, from: output.stdout)
        } catch {
            throw KubernetesClientError(code: .credentials, operation: operation, message: "its output is not an ExecCredential JSON object")
        }
        if let kind = answer.kind, kind != "ExecCredential" {
            throw KubernetesClientError(code: .credentials, operation: operation, message: "it printed a \(kind), expected an ExecCredential")
        }
        if let version = answer.apiVersion, version != apiVersion {
            throw KubernetesClientError(code: .credentials, operation: operation, message: "it answered with apiVersion \(version), the kubeconfig asks for \(apiVersion)")
        }
        guard let status = answer.status else {
            throw KubernetesClientError(code: .credentials, operation: operation, message: "its ExecCredential has no status")
        }
        var credential = KubernetesCredential()
        if let token = status.token, !token.isEmpty { credential.bearerToken = token }
        if let certificate = status.clientCertificateData, let key = status.clientKeyData {
            credential.clientCertificate = ClientCertificate(certificatePEM: certificate, privateKeyPEM: key)
        }
        guard credential.bearerToken != nil || credential.clientCertificate != nil else {
            throw KubernetesClientError(code: .credentials, operation: operation, message: "its ExecCredential status has neither a token nor a client certificate and key")
        }
        let expiresAt = try status.expirationTimestamp.map { text in
            guard let date = KubernetesTime(rawValue: text).date else {
                throw KubernetesClientError(code: .credentials, operation: operation, message: "its expirationTimestamp \(text) is not RFC 3339")
            }
            return date
        }
        return (credential, expiresAt)
    }

    /// An absolute path stays; a bare name is looked up in `path` (`PATH`).
    static func resolve(command: String, path: String?) -> String? {
        if command.contains("/") {
            return FileManager.default.isExecutableFile(atPath: command) ? command : nil
        }
        for directory in (path ?? "/usr/local/bin:/usr/bin:/bin").split(separator: ":") {
            let candidate = "\(directory)/\(command)"
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        return nil
    }
}
