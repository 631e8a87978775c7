/// Not running yet: `ContainerCreating`, `PodInitializing`, `ErrImagePull`, `ImagePullBackOff`,
/// `CreateContainerConfigError`, `CrashLoopBackOff`, …
public struct ContainerStateWaiting: Codable, Hashable, Sendable {
    public var reason: String?
    public var message: String?

    public init(reason: String? = nil, message: String? = nil) {
        self.reason = reason
        self.message = message
    }
}
