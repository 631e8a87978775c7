import Foundation

/// Settings of a ``KubernetesSimulator``. Every duration is simulated time the kubelet waits;
/// tests usually keep the defaults (fast) and shorten ``bookmarkInterval`` when they wait for
/// bookmarks.
public struct KubernetesSimulatorConfiguration: Sendable {
    /// Bearer token clients must send (`Authorization: Bearer <token>`, scheme case-insensitive).
    /// `nil` turns authentication off. Change the accepted tokens at run time with
    /// ``KubernetesSimulator/setTokens(_:)``.
    public var token: String?
    /// Serve HTTPS with this material; `nil` serves plain HTTP (kubectl then sends no token).
    public var tls: KubernetesSimulatorTLS?
    /// Namespaces that exist at start, besides `default`, `kube-system`, `kube-public` and
    /// `kube-node-lease`. Objects in other namespaces are refused (404) until the namespace is
    /// created (`POST /api/v1/namespaces`).
    public var namespaces: [String]
    /// Image descriptions (entrypoint, environment, pull failures) by pattern.
    public var images: KubernetesImageMap
    /// Image patterns that fail to pull with `ErrImagePull` → `ImagePullBackOff` (default `bad/*`,
    /// as in the research notes' fake).
    public var failingImagePatterns: [String]
    /// How containers are isolated.
    public var sandbox: KubernetesSandboxMode
    /// `gitVersion` served by `/version` (kubectl's dispatcher picks its client from it).
    public var kubernetesVersion: String
    /// Name of the one simulated node.
    public var nodeName: String
    /// Time from pod creation to scheduling.
    public var schedulingDelay: Duration
    /// Time between a container's creation and its process starting.
    public var containerStartDelay: Duration
    /// Time a failing pull shows `ErrImagePull` before `ImagePullBackOff`.
    public var imagePullBackOffDelay: Duration
    /// How often the kubelet retries a missing Secret/ConfigMap (env or volume).
    public var configRetryInterval: Duration
    /// Period of `BOOKMARK` events on watches that allow them.
    public var bookmarkInterval: Duration
    /// Watch duration when the client gives no `timeoutSeconds` (randomised up to twice this,
    /// like the API server's `--min-request-timeout`).
    public var defaultWatchTimeout: Duration
    /// Events a watcher may fall behind before its stream is closed.
    public var watchBufferCapacity: Int
    /// Most events kept for watches; older resourceVersions get 410.
    public var historyLimit: Int
    /// How long events are kept for watches (etcd compacts after 5 minutes).
    public var historyRetention: Duration
    /// resourceVersion of the empty cluster.
    public var initialResourceVersion: Int64
    /// Answer a watch from a compacted resourceVersion with HTTP 410 instead of a 200 stream
    /// holding one `ERROR` event (both happen on real clusters).
    public var expiredWatchAsHTTPStatus: Bool
    /// Bytes of log kept per container (older lines are dropped, like log rotation).
    public var logRetentionBytes: Int
    /// Largest request body (the API server's limit is 3 MiB).
    public var maximumRequestBodySize: Int
    /// Time in-flight requests get to finish on ``KubernetesSimulator/stop()``.
    public var shutdownGracePeriod: Duration
    /// Whether the kubelet and scheduler record `Event` objects.
    public var recordEvents: Bool
    /// Whether pods get the service-account token volume (`kube-api-access-*`) unless they set
    /// `automountServiceAccountToken: false`.
    public var serviceAccountTokenVolumes: Bool
    /// Most requests kept in ``KubernetesSimulator/requests``.
    public var maximumRecordedRequests: Int
    /// Directory for pod volumes; a fresh temporary directory when `nil`.
    public var workDirectory: String?
    /// Whether the Deployment controller runs (as in a real cluster). Turn it off to see Deployments
    /// as stored objects only.
    public var runsDeploymentController = true

    /// Creates a configuration.
    public init(
        token: String? = nil,
        tls: KubernetesSimulatorTLS? = nil,
        namespaces: [String] = [],
        images: KubernetesImageMap = KubernetesImageMap(),
        failingImagePatterns: [String] = ["bad/*"],
        sandbox: KubernetesSandboxMode = .automatic,
        kubernetesVersion: String = "v1.32.4",
        nodeName: String = "flywheel-sim-node",
        schedulingDelay: Duration = .milliseconds(50),
        containerStartDelay: Duration = .milliseconds(50),
        imagePullBackOffDelay: Duration = .milliseconds(300),
        configRetryInterval: Duration = .milliseconds(200),
        bookmarkInterval: Duration = .seconds(5),
        defaultWatchTimeout: Duration = .seconds(1800),
        watchBufferCapacity: Int = 1000,
        historyLimit: Int = 10_000,
        historyRetention: Duration = .seconds(300),
        initialResourceVersion: Int64 = 1000,
        expiredWatchAsHTTPStatus: Bool = false,
        logRetentionBytes: Int = 50 * 1024 * 1024,
        maximumRequestBodySize: Int = 3 * 1024 * 1024,
        shutdownGracePeriod: Duration = .seconds(2),
        recordEvents: Bool = true,
        serviceAccountTokenVolumes: Bool = true,
        maximumRecordedRequests: Int = 10_000,
        workDirectory: String? = nil
    ) {
        self.token = token
        self.tls = tls
        self.namespaces = namespaces
        self.images = images
        self.failingImagePatterns = failingImagePatterns
        self.sandbox = sandbox
        self.kubernetesVersion = kubernetesVersion
        self.nodeName = nodeName
        self.schedulingDelay = schedulingDelay
        self.containerStartDelay = containerStartDelay
        self.imagePullBackOffDelay = imagePullBackOffDelay
        self.configRetryInterval = configRetryInterval
        self.bookmarkInterval = bookmarkInterval
        self.defaultWatchTimeout = defaultWatchTimeout
        self.watchBufferCapacity = watchBufferCapacity
        self.historyLimit = historyLimit
        self.historyRetention = historyRetention
        self.initialResourceVersion = initialResourceVersion
        self.expiredWatchAsHTTPStatus = expiredWatchAsHTTPStatus
        self.logRetentionBytes = logRetentionBytes
        self.maximumRequestBodySize = maximumRequestBodySize
        self.shutdownGracePeriod = shutdownGracePeriod
        self.recordEvents = recordEvents
        self.serviceAccountTokenVolumes = serviceAccountTokenVolumes
        self.maximumRecordedRequests = maximumRecordedRequests
        self.workDirectory = workDirectory
    }
}
