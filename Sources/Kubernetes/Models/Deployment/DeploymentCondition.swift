/// A Deployment condition, e.g. `Progressing=False` with reason `ProgressDeadlineExceeded`.
public struct DeploymentCondition: Codable, Hashable, Sendable {
    public var `type`: String
    public var status: String
    public var reason: String?
    public var message: String?
    public var lastUpdateTime: KubernetesTime?
    public var lastTransitionTime: KubernetesTime?

    public init(
        type: String, status: String, reason: String? = nil, message: String? = nil,
        lastUpdateTime: KubernetesTime? = nil, lastTransitionTime: KubernetesTime? = nil
    ) {
        self.type = `type`
        self.status = status
        self.reason = reason
        self.message = message
        self.lastUpdateTime = lastUpdateTime
        self.lastTransitionTime = lastTransitionTime
    }
}
