/// A link from a dependent to its owner; the garbage collector deletes the dependent when the owner goes
/// (notes §1.8: the job Secret points at its pod).
public struct OwnerReference: Codable, Hashable, Sendable {
    public var apiVersion: String
    public var kind: String
    public var name: String
    public var uid: String
    public var controller: Bool?
    public var blockOwnerDeletion: Bool?

    public init(apiVersion: String, kind: String, name: String, uid: String, controller: Bool? = nil, blockOwnerDeletion: Bool? = nil) {
        self.apiVersion = apiVersion
        self.kind = kind
        self.name = name
        self.uid = uid
        self.controller = controller
        self.blockOwnerDeletion = blockOwnerDeletion
    }
}

extension OwnerReference {
    /// A reference to `owner`, which must have been read back from the server (it needs the uid).
    ///
    /// - Throws: ``KubernetesClientError`` when the owner has no name or uid yet.
    public init<Owner: KubernetesResource>(to owner: Owner, controller: Bool = false, blockOwnerDeletion: Bool = false) throws {
        guard let name = owner.metadata.name, let uid = owner.metadata.uid else {
            throw KubernetesClientError(
                code: .invalidArgument, operation: "build an ownerReference to a \(Owner.kind)",
                message: "the owner has no name or uid yet; use the object the server returned from create or get"
            )
        }
        self.init(apiVersion: Owner.apiVersion, kind: Owner.kind, name: name, uid: uid, controller: controller, blockOwnerDeletion: blockOwnerDeletion)
    }
}
