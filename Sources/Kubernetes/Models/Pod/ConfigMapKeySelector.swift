/// One key of a ConfigMap.
public struct ConfigMapKeySelector: Codable, Hashable, Sendable {
    public var name: String
    public var key: String
    public var optional: Bool?

    public init(name: String, key: String, optional: Bool? = nil) {
        self.name = name
        self.key = key
        self.optional = optional
    }
}
