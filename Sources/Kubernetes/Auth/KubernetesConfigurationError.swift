/// The Kubernetes connection could not be configured: a kubeconfig, the in-cluster environment or a TLS file is
/// missing or wrong. The message says which and what to change.
public struct KubernetesConfigurationError: Error, CustomStringConvertible, Sendable {
    /// Where the configuration came from: a kubeconfig path, `in-cluster`, a context name.
    public var source: String
    public var message: String

    public init(source: String, message: String) {
        self.source = source
        self.message = message
    }

    public var description: String { "Kubernetes configuration (\(source)): \(message)" }
}
