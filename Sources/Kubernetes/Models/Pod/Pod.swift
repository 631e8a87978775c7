/// A pod (`v1/Pod`): the job's containers, volumes and scheduling, and what the kubelet reports about them.
public struct Pod: KubernetesResource, Hashable {
    public var apiVersion: String?
    public var kind: String?
    public var metadata: ObjectMeta
    public var spec: PodSpec?
    /// Set by the server; never sent on create.
    public var status: PodStatus?

    public init(
        apiVersion: String? = Pod.apiVersion, kind: String? = Pod.kind, metadata: ObjectMeta = ObjectMeta(),
        spec: PodSpec? = nil, status: PodStatus? = nil
    ) {
        self.apiVersion = apiVersion
        self.kind = kind
        self.metadata = metadata
        self.spec = spec
        self.status = status
    }

    public static let apiVersion = "v1"
    public static let kind = "Pod"
    public static let resource = "pods"
}
