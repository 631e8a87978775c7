/// A container's resource request or limit (Downward API), e.g. `limits.memory`.
public struct ResourceFieldSelector: Codable, Hashable, Sendable {
    public var resource: String
    public var containerName: String?
    public var divisor: String?

    public init(resource: String, containerName: String? = nil, divisor: String? = nil) {
        self.resource = resource
        self.containerName = containerName
        self.divisor = divisor
    }
}
