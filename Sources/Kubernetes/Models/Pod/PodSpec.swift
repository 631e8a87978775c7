/// What the pod runs (`v1.PodSpec`): the fields the agent and executor profiles use.
///
/// Every field is optional and `nil` fields are left out of the JSON, so a spec validates under
/// `kubernetes-validate --strict` (no nulls, no unknown fields).
public struct PodSpec: Codable, Hashable, Sendable {
    /// Run in order before `containers`; with `restartPolicy: Always` a native sidecar.
    public var initContainers: [Container]?
    public var containers: [Container]
    public var volumes: [Volume]?
    /// `Never` for job pods.
    public var restartPolicy: String?
    /// Seconds between SIGTERM and SIGKILL on delete (default 30).
    public var terminationGracePeriodSeconds: Int64?
    /// The pod fails with reason `DeadlineExceeded` after this many seconds: a safety net when the agent is gone.
    public var activeDeadlineSeconds: Int64?
    public var serviceAccountName: String?
    public var automountServiceAccountToken: Bool?
    public var enableServiceLinks: Bool?
    /// Set by the scheduler.
    public var nodeName: String?
    public var nodeSelector: [String: String]?
    /// Node/pod (anti-)affinity, passed through as JSON.
    public var affinity: JSONValue?
    public var tolerations: [Toleration]?
    /// Passed through as JSON.
    public var topologySpreadConstraints: [JSONValue]?
    public var priorityClassName: String?
    public var runtimeClassName: String?
    public var schedulerName: String?
    public var securityContext: PodSecurityContext?
    public var shareProcessNamespace: Bool?
    public var hostNetwork: Bool?
    public var hostname: String?
    public var subdomain: String?
    public var dnsPolicy: String?
    /// Passed through as JSON.
    public var dnsConfig: JSONValue?
    public var imagePullSecrets: [LocalObjectReference]?
    public var hostAliases: [HostAlias]?

    public init(
        initContainers: [Container]? = nil, containers: [Container] = [], volumes: [Volume]? = nil,
        restartPolicy: String? = nil, terminationGracePeriodSeconds: Int64? = nil,
        activeDeadlineSeconds: Int64? = nil, serviceAccountName: String? = nil,
        automountServiceAccountToken: Bool? = nil, enableServiceLinks: Bool? = nil, nodeName: String? = nil,
        nodeSelector: [String: String]? = nil, affinity: JSONValue? = nil, tolerations: [Toleration]? = nil,
        topologySpreadConstraints: [JSONValue]? = nil, priorityClassName: String? = nil,
        runtimeClassName: String? = nil, schedulerName: String? = nil, securityContext: PodSecurityContext? = nil,
        shareProcessNamespace: Bool? = nil, hostNetwork: Bool? = nil, hostname: String? = nil,
        subdomain: String? = nil, dnsPolicy: String? = nil, dnsConfig: JSONValue? = nil,
        imagePullSecrets: [LocalObjectReference]? = nil, hostAliases: [HostAlias]? = nil
    ) {
        self.initContainers = initContainers
        self.containers = containers
        self.volumes = volumes
        self.restartPolicy = restartPolicy
        self.terminationGracePeriodSeconds = terminationGracePeriodSeconds
        self.activeDeadlineSeconds = activeDeadlineSeconds
        self.serviceAccountName = serviceAccountName
        self.automountServiceAccountToken = automountServiceAccountToken
        self.enableServiceLinks = enableServiceLinks
        self.nodeName = nodeName
        self.nodeSelector = nodeSelector
        self.affinity = affinity
        self.tolerations = tolerations
        self.topologySpreadConstraints = topologySpreadConstraints
        self.priorityClassName = priorityClassName
        self.runtimeClassName = runtimeClassName
        self.schedulerName = schedulerName
        self.securityContext = securityContext
        self.shareProcessNamespace = shareProcessNamespace
        self.hostNetwork = hostNetwork
        self.hostname = hostname
        self.subdomain = subdomain
        self.dnsPolicy = dnsPolicy
        self.dnsConfig = dnsConfig
        self.imagePullSecrets = imagePullSecrets
        self.hostAliases = hostAliases
    }
}
