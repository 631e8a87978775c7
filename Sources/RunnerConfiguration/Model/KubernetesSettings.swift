/// `[runners.kubernetes]`: where and how the Kubernetes executor runs this runner's job pods.
public struct KubernetesSettings: Sendable, Equatable {
    public static let defaultNamespace = "default"
    public static let defaultHelperImage = "flywheel/flywheel:0.1.0"
    public static let defaultPollTimeout = 180

    /// Namespace of the job pods and secrets.
    public var namespace: String
    /// Executor profile: `<profiles_dir>/<profile>.yaml` (docker, dind, rocky8, rocky9, nix).
    public var profile: String
    /// Directory of the profile files.
    public var profilesDir: String
    /// Kubeconfig to use; `nil` means in-cluster (service account).
    public var kubeconfig: String?
    /// Context of the kubeconfig; `nil` means its current context.
    public var context: String?
    /// The flywheel image for the `prepare` and `supervisor` containers.
    public var helperImage: String
    /// Seconds a finished job pod is kept before it is deleted (0: at once).
    public var podRetention: Int
    /// Seconds a pod may stay unscheduled before the job fails with `runner_system_failure`.
    public var pollTimeout: Int

    public init(
        namespace: String = KubernetesSettings.defaultNamespace, profile: String, profilesDir: String,
        kubeconfig: String? = nil, context: String? = nil, helperImage: String = KubernetesSettings.defaultHelperImage,
        podRetention: Int = 0, pollTimeout: Int = KubernetesSettings.defaultPollTimeout
    ) {
        self.namespace = namespace
        self.profile = profile
        self.profilesDir = profilesDir
        self.kubeconfig = kubeconfig
        self.context = context
        self.helperImage = helperImage
        self.podRetention = podRetention
        self.pollTimeout = pollTimeout
    }
}
