/// A namespaced Kubernetes object the client can create, read, list, watch, patch and delete.
///
/// Conforming types name their REST location (`apiVersion` and the plural resource name); the client builds
/// `/api/v1/namespaces/{ns}/{resource}` for the core group and `/apis/{group}/{version}/namespaces/{ns}/{resource}`
/// for the others.
public protocol KubernetesResource: Codable, Sendable {
    /// `v1` for the core group, `group/version` otherwise (e.g. `apps/v1`).
    static var apiVersion: String { get }
    /// The object's kind, e.g. `Pod`.
    static var kind: String { get }
    /// The plural resource name in URLs, e.g. `pods`.
    static var resource: String { get }

    /// `apiVersion` as stored in the object; list items from a real API server carry none.
    var apiVersion: String? { get set }
    /// `kind` as stored in the object; list items from a real API server carry none.
    var kind: String? { get set }
    /// Standard object metadata.
    var metadata: ObjectMeta { get set }
}

extension KubernetesResource {
    /// The collection path in `namespace`, e.g. `/api/v1/namespaces/ci/pods`.
    public static func collectionPath(namespace: String) -> String {
        let prefix = apiVersion.contains("/") ? "/apis/\(apiVersion)" : "/api/\(apiVersion)"
        return "\(prefix)/namespaces/\(KubernetesPath.escape(namespace))/\(resource)"
    }

    /// The path of one object, e.g. `/api/v1/namespaces/ci/pods/job-1`.
    public static func objectPath(name: String, namespace: String) -> String {
        collectionPath(namespace: namespace) + "/" + KubernetesPath.escape(name)
    }

    /// `namespace/name`: the key the watch helper tracks objects by.
    var cacheKey: String {
        "\(metadata.namespace ?? "")/\(metadata.name ?? "")"
    }
}
