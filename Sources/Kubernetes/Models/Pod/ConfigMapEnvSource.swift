/// A ConfigMap used by ``EnvFromSource``.
public struct ConfigMapEnvSource: Codable, Hashable, Sendable {
    public var name: String
    public var optional: Bool?

    public init(name: String, optional: Bool? = nil) {
        self.name = name
        self.optional = optional
    }
}
