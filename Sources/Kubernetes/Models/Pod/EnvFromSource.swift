/// Every key of a Secret or ConfigMap as environment variables.
public struct EnvFromSource: Codable, Hashable, Sendable {
    public var prefix: String?
    public var secretRef: SecretEnvSource?
    public var configMapRef: ConfigMapEnvSource?

    public init(
        prefix: String? = nil, secretRef: SecretEnvSource? = nil, configMapRef: ConfigMapEnvSource? = nil
    ) {
        self.prefix = prefix
        self.secretRef = secretRef
        self.configMapRef = configMapRef
    }
}
