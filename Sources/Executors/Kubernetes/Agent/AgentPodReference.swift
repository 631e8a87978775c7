/// The agent's own pod, from the Downward API (`POD_NAME`, `POD_NAMESPACE`).
public struct AgentPodReference: Sendable, Equatable {
    public var name: String
    public var namespace: String

    public init(name: String, namespace: String) {
        self.name = name
        self.namespace = namespace
    }
}
