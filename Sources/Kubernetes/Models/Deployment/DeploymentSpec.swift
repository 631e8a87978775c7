/// Desired state of a ``Deployment``.
public struct DeploymentSpec: Codable, Hashable, Sendable {
    public var replicas: Int32?
    public var selector: LabelSelector
    public var template: PodTemplateSpec
    public var strategy: DeploymentStrategy?
    public var minReadySeconds: Int32?
    public var revisionHistoryLimit: Int32?
    public var progressDeadlineSeconds: Int32?
    public var paused: Bool?

    public init(
        replicas: Int32? = nil, selector: LabelSelector = LabelSelector(),
        template: PodTemplateSpec = PodTemplateSpec(), strategy: DeploymentStrategy? = nil,
        minReadySeconds: Int32? = nil, revisionHistoryLimit: Int32? = nil, progressDeadlineSeconds: Int32? = nil,
        paused: Bool? = nil
    ) {
        self.replicas = replicas
        self.selector = selector
        self.template = template
        self.strategy = strategy
        self.minReadySeconds = minReadySeconds
        self.revisionHistoryLimit = revisionHistoryLimit
        self.progressDeadlineSeconds = progressDeadlineSeconds
        self.paused = paused
    }
}
