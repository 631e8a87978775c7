/// Conditions a delete must meet, else 409 `Conflict`; use the uid when deleting by name after a restart.
public struct DeletePreconditions: Codable, Sendable, Hashable {
    public var uid: String?
    public var resourceVersion: String?

    public init(uid: String? = nil, resourceVersion: String? = nil) {
        self.uid = uid
        self.resourceVersion = resourceVersion
    }
}
