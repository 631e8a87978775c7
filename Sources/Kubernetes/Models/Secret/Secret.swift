import Foundation

/// A Secret (`v1/Secret`): the job payload, token and masked variables (notes §1.7).
///
/// `data` values are bytes and travel base64-encoded; `stringData` is write-only plain text the server folds into
/// `data` (a GET returns only `data`). At most 1 MiB per Secret.
public struct Secret: KubernetesResource, Hashable {
    public var apiVersion: String?
    public var kind: String?
    public var metadata: ObjectMeta
    /// `Opaque` unless another type is needed.
    public var `type`: String?
    /// Binary values; JSON carries them base64-encoded.
    public var data: [String: Data]?
    /// Plain-text values merged into `data` by the server on write.
    public var stringData: [String: String]?
    public var immutable: Bool?

    public init(
        apiVersion: String? = Secret.apiVersion, kind: String? = Secret.kind, metadata: ObjectMeta = ObjectMeta(),
        type: String? = nil, data: [String: Data]? = nil, stringData: [String: String]? = nil, immutable: Bool? = nil
    ) {
        self.apiVersion = apiVersion
        self.kind = kind
        self.metadata = metadata
        self.type = `type`
        self.data = data
        self.stringData = stringData
        self.immutable = immutable
    }

    public static let apiVersion = "v1"
    public static let kind = "Secret"
    public static let resource = "secrets"
}
