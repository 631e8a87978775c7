/// Standard object metadata (`metav1.ObjectMeta`): the fields the agent sets or reads.
public struct ObjectMeta: Codable, Hashable, Sendable {
    /// Unique within the namespace; DNS-1123 subdomain, at most 253 characters.
    public var name: String?
    /// A prefix the server completes with random characters when `name` is empty. Retried creates with it make
    /// duplicates, so the agent prefers deterministic names.
    public var generateName: String?
    public var namespace: String?
    /// Assigned by the server; identifies one incarnation of a name.
    public var uid: String?
    /// Opaque; only equality is meaningful.
    public var resourceVersion: String?
    /// Sequence number of spec changes, set by the server.
    public var generation: Int64?
    public var creationTimestamp: KubernetesTime?
    /// Set when a graceful deletion started: the time the object will be removed.
    public var deletionTimestamp: KubernetesTime?
    public var deletionGracePeriodSeconds: Int64?
    public var labels: [String: String]?
    public var annotations: [String: String]?
    public var ownerReferences: [OwnerReference]?
    public var finalizers: [String]?

    public init(
        name: String? = nil, generateName: String? = nil, namespace: String? = nil, uid: String? = nil,
        resourceVersion: String? = nil, generation: Int64? = nil, creationTimestamp: KubernetesTime? = nil,
        deletionTimestamp: KubernetesTime? = nil, deletionGracePeriodSeconds: Int64? = nil,
        labels: [String: String]? = nil, annotations: [String: String]? = nil,
        ownerReferences: [OwnerReference]? = nil, finalizers: [String]? = nil
    ) {
        self.name = name
        self.generateName = generateName
        self.namespace = namespace
        self.uid = uid
        self.resourceVersion = resourceVersion
        self.generation = generation
        self.creationTimestamp = creationTimestamp
        self.deletionTimestamp = deletionTimestamp
        self.deletionGracePeriodSeconds = deletionGracePeriodSeconds
        self.labels = labels
        self.annotations = annotations
        self.ownerReferences = ownerReferences
        self.finalizers = finalizers
    }
}
