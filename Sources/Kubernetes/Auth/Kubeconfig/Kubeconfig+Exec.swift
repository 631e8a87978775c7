extension Kubeconfig {
    /// `users[].user.exec`: a credential plugin (`client.authentication.k8s.io/v1` ExecCredential).
    public struct ExecConfig: Codable, Sendable, Hashable {
        /// The program; a relative path containing `/` is resolved against the kubeconfig's directory, a bare name
        /// is looked up in `PATH`.
        public var command: String
        public var args: [String]?
        /// Added to the agent's environment for the plugin.
        public var env: [ExecEnvVar]?
        /// `client.authentication.k8s.io/v1` (or `v1beta1`).
        public var apiVersion: String?
        /// Shown when the command cannot be run.
        public var installHint: String?
        /// Pass the cluster (server, CA) in `KUBERNETES_EXEC_INFO`.
        public var provideClusterInfo: Bool?
        /// `Never`, `IfAvailable` or `Always`; the agent never has a terminal, so `Always` cannot work.
        public var interactiveMode: String?

        public init(
            command: String, args: [String]? = nil, env: [ExecEnvVar]? = nil, apiVersion: String? = "client.authentication.k8s.io/v1",
            installHint: String? = nil, provideClusterInfo: Bool? = nil, interactiveMode: String? = "Never"
        ) {
            self.command = command
            self.args = args
            self.env = env
            self.apiVersion = apiVersion
            self.installHint = installHint
            self.provideClusterInfo = provideClusterInfo
            self.interactiveMode = interactiveMode
        }
    }

    /// One `exec.env` entry.
    public struct ExecEnvVar: Codable, Sendable, Hashable {
        public var name: String
        public var value: String

        public init(name: String, value: String) {
            self.name = name
            self.value = value
        }
    }
}
