/// Several sources (Secrets, ConfigMaps, Downward API, service-account tokens) in one directory.
public struct ProjectedVolumeSource: Codable, Hashable, Sendable {
    public var sources: [VolumeProjection]
    public var defaultMode: Int32?

    public init(sources: [VolumeProjection] = [], defaultMode: Int32? = nil) {
        self.sources = sources
        self.defaultMode = defaultMode
    }
}
