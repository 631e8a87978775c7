/// A pod condition, e.g. `PodScheduled=False` with reason `Unschedulable`, or `DisruptionTarget=True`.
public struct PodCondition: Codable, Hashable, Sendable {
    public var `type`: String
    /// `True`, `False` or `Unknown`.
    public var status: String
    public var reason: String?
    public var message: String?
    public var lastProbeTime: KubernetesTime?
    public var lastTransitionTime: KubernetesTime?

    public init(
        type: String, status: String, reason: String? = nil, message: String? = nil,
        lastProbeTime: KubernetesTime? = nil, lastTransitionTime: KubernetesTime? = nil
    ) {
        self.type = `type`
        self.status = status
        self.reason = reason
        self.message = message
        self.lastProbeTime = lastProbeTime
        self.lastTransitionTime = lastTransitionTime
    }
}
