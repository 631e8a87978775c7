/// Running since `startedAt`.
public struct ContainerStateRunning: Codable, Hashable, Sendable {
    public var startedAt: KubernetesTime?

    public init(startedAt: KubernetesTime? = nil) {
        self.startedAt = startedAt
    }
}
