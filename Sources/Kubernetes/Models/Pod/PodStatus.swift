/// What the kubelet reports (`v1.PodStatus`); how to read it is in notes §1.6 and `PodStatus+lookup.swift`.
public struct PodStatus: Codable, Hashable, Sendable {
    public var phase: PodPhase?
    public var conditions: [PodCondition]?
    /// Pod-level reason: `Evicted`, `DeadlineExceeded`, `Terminated`, …
    public var reason: String?
    public var message: String?
    public var hostIP: String?
    public var podIP: String?
    public var startTime: KubernetesTime?
    public var qosClass: String?
    public var nominatedNodeName: String?
    public var initContainerStatuses: [ContainerStatus]?
    public var containerStatuses: [ContainerStatus]?

    public init(
        phase: PodPhase? = nil, conditions: [PodCondition]? = nil, reason: String? = nil, message: String? = nil,
        hostIP: String? = nil, podIP: String? = nil, startTime: KubernetesTime? = nil, qosClass: String? = nil,
        nominatedNodeName: String? = nil, initContainerStatuses: [ContainerStatus]? = nil,
        containerStatuses: [ContainerStatus]? = nil
    ) {
        self.phase = phase
        self.conditions = conditions
        self.reason = reason
        self.message = message
        self.hostIP = hostIP
        self.podIP = podIP
        self.startTime = startTime
        self.qosClass = qosClass
        self.nominatedNodeName = nominatedNodeName
        self.initContainerStatuses = initContainerStatuses
        self.containerStatuses = containerStatuses
    }
}
