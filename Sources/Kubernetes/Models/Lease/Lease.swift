/// A Lease (`coordination.k8s.io/v1`): a lock with a holder and a renew time, used to serialize deploys.
public struct Lease: KubernetesResource, Hashable {
    public var apiVersion: String?
    public var kind: String?
    public var metadata: ObjectMeta
    public var spec: LeaseSpec?

    public init(
        apiVersion: String? = Lease.apiVersion, kind: String? = Lease.kind, metadata: ObjectMeta = ObjectMeta(),
        spec: LeaseSpec? = nil
    ) {
        self.apiVersion = apiVersion
        self.kind = kind
        self.metadata = metadata
        self.spec = spec
    }

    public static let apiVersion = "coordination.k8s.io/v1"
    public static let kind = "Lease"
    public static let resource = "leases"
}
