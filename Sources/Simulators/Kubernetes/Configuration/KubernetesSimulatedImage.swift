/// What the simulated kubelet knows about an image: the image's `ENTRYPOINT`/`CMD`,
/// environment and working directory (used when the container spec leaves them out), or a
/// pull failure to simulate.
public struct KubernetesSimulatedImage: Sendable, Hashable {
    /// The image's `ENTRYPOINT` (Kubernetes `command` replaces it).
    public var entrypoint: [String]?
    /// The image's `CMD` (Kubernetes `args` replaces it; dropped when `command` is given).
    public var cmd: [String]?
    /// Image environment, overridden by the container's `env`.
    public var environment: [String: String]
    /// Image `WORKDIR`, used when the container has no `workingDir`.
    public var workingDir: String?
    /// When set, pulling fails with this reason: `ErrImagePull` (then `ImagePullBackOff`),
    /// `InvalidImageName` or `ErrImageNeverPull`.
    public var pullError: String?

    /// Creates an image description.
    public init(
        entrypoint: [String]? = nil,
        cmd: [String]? = nil,
        environment: [String: String] = [:],
        workingDir: String? = nil,
        pullError: String? = nil
    ) {
        self.entrypoint = entrypoint
        self.cmd = cmd
        self.environment = environment
        self.workingDir = workingDir
        self.pullError = pullError
    }
}
