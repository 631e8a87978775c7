/// Exited: `exitCode` with `reason` `Completed`, `Error`, `OOMKilled`, `ContainerCannotRun`, `StartError`, ….
public struct ContainerStateTerminated: Codable, Hashable, Sendable {
    public var exitCode: Int32
    public var signal: Int32?
    public var reason: String?
    public var message: String?
    public var startedAt: KubernetesTime?
    public var finishedAt: KubernetesTime?
    public var containerID: String?

    public init(
        exitCode: Int32, signal: Int32? = nil, reason: String? = nil, message: String? = nil,
        startedAt: KubernetesTime? = nil, finishedAt: KubernetesTime? = nil, containerID: String? = nil
    ) {
        self.exitCode = exitCode
        self.signal = signal
        self.reason = reason
        self.message = message
        self.startedAt = startedAt
        self.finishedAt = finishedAt
        self.containerID = containerID
    }
}
