/// Metadata of a list answer (`metav1.ListMeta`).
public struct ListMeta: Codable, Hashable, Sendable {
    /// The version the list is consistent with; start a watch from it.
    public var resourceVersion: String?
    /// Token for the next page when the list was limited.
    public var `continue`: String?
    public var remainingItemCount: Int64?

    public init(resourceVersion: String? = nil, continue: String? = nil, remainingItemCount: Int64? = nil) {
        self.resourceVersion = resourceVersion
        self.continue = `continue`
        self.remainingItemCount = remainingItemCount
    }
}
