/// A field of the pod itself (Downward API), e.g. `metadata.uid`.
public struct ObjectFieldSelector: Codable, Hashable, Sendable {
    public var fieldPath: String
    public var apiVersion: String?

    public init(fieldPath: String, apiVersion: String? = nil) {
        self.fieldPath = fieldPath
        self.apiVersion = apiVersion
    }
}
