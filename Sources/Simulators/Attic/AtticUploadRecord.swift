/// One `PUT /_api/v1/upload-path` as the ``AtticSimulator`` received it.
public struct AtticUploadRecord: Sendable, Hashable {
    /// Whether the info came in `X-Attic-Nar-Info` or as a body preamble.
    public enum InfoTransport: String, Sendable, Hashable {
        case header
        case preamble
    }

    /// How the upload info travelled.
    public var transport: InfoTransport
    /// The upload info JSON exactly as sent.
    public var infoJSON: String
    /// `store_path` from the info.
    public var storePath: String
    /// `references` from the info, in the order sent.
    public var references: [String]
    /// `nar_hash` from the info, as sent.
    public var narHash: String
    /// `nar_size` from the info.
    public var narSize: Int
    /// Bytes of the NAR part of the body.
    public var narBodySize: Int
    /// `Content-Encoding` sent, if any (stock Attic ignores it).
    public var contentEncoding: String?
    /// The status answered.
    public var status: Int
    /// `Uploaded` or `Deduplicated` on success.
    public var kind: String?
}
