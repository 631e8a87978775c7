/// The Kubernetes calls the agent and executors make (notes §1.1), on namespaced pods, secrets, leases and
/// deployments. ``KubernetesClient`` implements it over HTTP; loops depending on it are tested with mocks.
public protocol KubernetesAPI: Sendable {
    /// The namespace to use when the caller has none of its own (from the kubeconfig context or service account).
    var defaultNamespace: String { get }

    /// `POST` the object. A create whose outcome was unknown (5xx, timeout) is verified with a GET before it is
    /// repeated, and a repeated create answered 409 `AlreadyExists` returns the existing object.
    func create<Object: KubernetesResource>(_ object: Object, namespace: String, options: CreateOptions) async throws -> Object
    /// `GET` one object; ``KubernetesError/isNotFound`` when it does not exist.
    func get<Object: KubernetesResource>(_ type: Object.Type, name: String, namespace: String) async throws -> Object
    /// `GET` the collection, filtered by label and field selectors.
    func list<Object: KubernetesResource>(_ type: Object.Type, namespace: String, options: ListOptions) async throws -> ObjectList<Object>
    /// `PUT` the whole object; its `metadata.resourceVersion` makes it conditional (409 `Conflict` when stale).
    func replace<Object: KubernetesResource>(_ object: Object, namespace: String) async throws -> Object
    /// `PATCH` with `application/merge-patch+json`; `patch` is the partial object, e.g.
    /// `["metadata": ["ownerReferences": […]]]`.
    func mergePatch<Object: KubernetesResource, Patch: Encodable & Sendable>(
        _ type: Object.Type, name: String, namespace: String, patch: Patch
    ) async throws -> Object
    /// `DELETE` one object. Returns the object when the server sent it back (a pod in graceful deletion carries
    /// `metadata.deletionTimestamp`), `nil` when it answered with a `Status`.
    @discardableResult
    func delete<Object: KubernetesResource>(_ type: Object.Type, name: String, namespace: String, options: DeleteOptions) async throws -> Object?
    /// LIST + WATCH as one resumable sequence of changes; see ``ResourceWatch`` for the exact semantics.
    func watch<Object: KubernetesResource>(_ type: Object.Type, namespace: String, options: WatchOptions) -> ResourceWatch<Object>
    /// A container's log as byte chunks, following it while the container runs; see ``PodLogStream``.
    func followLog(pod: String, container: String, namespace: String, options: LogOptions) -> PodLogStream
}
