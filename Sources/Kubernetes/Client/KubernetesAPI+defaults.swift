import Foundation

extension KubernetesAPI {
    /// Creates `object` in its own `metadata.namespace`, else in ``defaultNamespace``.
    public func create<Object: KubernetesResource>(_ object: Object, options: CreateOptions = CreateOptions()) async throws -> Object {
        try await create(object, namespace: object.metadata.namespace ?? defaultNamespace, options: options)
    }

    /// Reads `name` from ``defaultNamespace``.
    public func get<Object: KubernetesResource>(_ type: Object.Type, name: String) async throws -> Object {
        try await get(type, name: name, namespace: defaultNamespace)
    }

    /// Lists in ``defaultNamespace``.
    public func list<Object: KubernetesResource>(_ type: Object.Type, options: ListOptions) async throws -> ObjectList<Object> {
        try await list(type, namespace: defaultNamespace, options: options)
    }

    /// Lists by label selector in `namespace` (``defaultNamespace`` when nil).
    public func list<Object: KubernetesResource>(
        _ type: Object.Type, namespace: String? = nil, labelSelector: String? = nil, fieldSelector: String? = nil
    ) async throws -> ObjectList<Object> {
        try await list(type, namespace: namespace ?? defaultNamespace, options: ListOptions(labelSelector: labelSelector, fieldSelector: fieldSelector))
    }

    /// Deletes `name` from `namespace` (``defaultNamespace`` when nil) with the given grace period and propagation.
    @discardableResult
    public func delete<Object: KubernetesResource>(
        _ type: Object.Type, name: String, namespace: String? = nil, gracePeriodSeconds: Int64? = nil,
        propagationPolicy: PropagationPolicy? = .background, preconditions: DeletePreconditions? = nil
    ) async throws -> Object? {
        try await delete(
            type, name: name, namespace: namespace ?? defaultNamespace,
            options: DeleteOptions(gracePeriodSeconds: gracePeriodSeconds, propagationPolicy: propagationPolicy, preconditions: preconditions)
        )
    }

    /// Merge-patches `name` in ``defaultNamespace``.
    public func mergePatch<Object: KubernetesResource, Patch: Encodable & Sendable>(_ type: Object.Type, name: String, patch: Patch) async throws -> Object {
        try await mergePatch(type, name: name, namespace: defaultNamespace, patch: patch)
    }

    /// Watches `namespace` (``defaultNamespace`` when nil).
    public func watch<Object: KubernetesResource>(_ type: Object.Type, namespace: String? = nil, options: WatchOptions = WatchOptions()) -> ResourceWatch<Object> {
        watch(type, namespace: namespace ?? defaultNamespace, options: options)
    }

    /// Follows `container` of `pod`, optionally from `sinceTime`, with or without timestamps.
    public func followLog(pod: String, container: String, namespace: String? = nil, sinceTime: Date? = nil, timestamps: Bool = false) -> PodLogStream {
        followLog(pod: pod, container: container, namespace: namespace ?? defaultNamespace, options: LogOptions(timestamps: timestamps, sinceTime: sinceTime))
    }
}
