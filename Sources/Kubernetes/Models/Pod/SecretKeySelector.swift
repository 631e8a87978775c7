/// One key of a Secret.
public struct SecretKeySelector: Codable, Hashable, Sendable {
    public var name: String
    public var key: String
    public var optional: Bool?

    public init(name: String, key: String, optional: Bool? = nil) {
        self.name = name
        self.key = key
        self.optional = optional
    }
}
