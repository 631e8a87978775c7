/// CPU, memory and other requests and limits, as quantity strings (`500m`, `1Gi`).
public struct ResourceRequirements: Codable, Hashable, Sendable {
    public var requests: [String: String]?
    public var limits: [String: String]?

    public init(requests: [String: String]? = nil, limits: [String: String]? = nil) {
        self.requests = requests
        self.limits = limits
    }
}
