/// A Secret's keys as files. JSON has no octal: mode 0755 is 493, 0644 is 420.
public struct SecretVolumeSource: Codable, Hashable, Sendable {
    public var secretName: String
    public var items: [KeyToPath]?
    public var defaultMode: Int32?
    public var optional: Bool?

    public init(
        secretName: String, items: [KeyToPath]? = nil, defaultMode: Int32? = nil, optional: Bool? = nil
    ) {
        self.secretName = secretName
        self.items = items
        self.defaultMode = defaultMode
        self.optional = optional
    }
}
