/// A ConfigMap in a projected volume.
public struct ConfigMapProjection: Codable, Hashable, Sendable {
    public var name: String
    public var items: [KeyToPath]?
    public var optional: Bool?

    public init(name: String, items: [KeyToPath]? = nil, optional: Bool? = nil) {
        self.name = name
        self.items = items
        self.optional = optional
    }
}
