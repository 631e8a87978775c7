/// Where an object is stored: resource, namespace (`""` when cluster-scoped) and name.
/// Ordered as etcd orders keys, so lists come out sorted by namespace, then name.
struct ObjectKey: Sendable, Hashable, Comparable, CustomStringConvertible {
    var resource: String
    var namespace: String
    var name: String

    init(_ resource: ResourceType, namespace: String, name: String) {
        self.resource = resource.id
        self.namespace = resource.namespaced ? namespace : ""
        self.name = name
    }

    static func < (lhs: ObjectKey, rhs: ObjectKey) -> Bool {
        (lhs.resource, lhs.namespace, lhs.name) < (rhs.resource, rhs.namespace, rhs.name)
    }

    var description: String { "\(resource)/\(namespace)/\(name)" }
}
