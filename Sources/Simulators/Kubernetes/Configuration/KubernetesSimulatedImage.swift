/// What the simulated kubelet knows about an image: the image's `ENTRYPOINT`/`CMD`,
/// environment and working directory (used when the container spec leaves them out), a
/// pull failure to simulate, or a stand-in that runs nothing.
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
    /// A stand-in: containers of this image run no process. A container is running from its start
    /// until the pod stops (an init container completes at once), then ends with exit code 0 — for
    /// benchmarks that hold a thousand sleeping pods on one machine.
    public var standIn: Bool

    /// Creates an image description.
    public init(
        entrypoint: [String]? = nil,
        cmd: [String]? = nil,
        environment: [String: String] = [:],
        workingDir: String? = nil,
        pullError: String? = nil,
        standIn: Bool = false
    ) {
        self.entrypoint = entrypoint
        self.cmd = cmd
        self.environment = environment
        self.workingDir = workingDir
        self.pullError = pullError
        self.standIn = standIn
    }
}
