/// A reference by name to an object in the same namespace, e.g. an image pull Secret.
public struct LocalObjectReference: Codable, Hashable, Sendable {
    public var name: String

    public init(name: String) {
        self.name = name
    }
}
