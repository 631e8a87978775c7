/// A request addressed at a resource: a collection (`name == nil`), an object, or an object's
/// subresource (`log`, `status`).
struct ResourceRequest: Sendable {
    var resource: ResourceType
    /// The namespace from the path; `nil` for cluster-scoped resources and all-namespace lists.
    var namespace: String?
    var name: String?
    var subresource: String?

    /// The key of the addressed object (requires a name).
    var key: ObjectKey {
        ObjectKey(resource, namespace: namespace ?? "", name: name ?? "")
    }
}
