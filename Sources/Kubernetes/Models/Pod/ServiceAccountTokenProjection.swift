/// A bound service-account token in a projected volume.
public struct ServiceAccountTokenProjection: Codable, Hashable, Sendable {
    public var path: String
    public var audience: String?
    public var expirationSeconds: Int64?

    public init(path: String, audience: String? = nil, expirationSeconds: Int64? = nil) {
        self.path = path
        self.audience = audience
        self.expirationSeconds = expirationSeconds
    }
}
