/// One source of a ``ProjectedVolumeSource``; set exactly one.
public struct VolumeProjection: Codable, Hashable, Sendable {
    public var secret: SecretProjection?
    public var configMap: ConfigMapProjection?
    public var downwardAPI: DownwardAPIProjection?
    public var serviceAccountToken: ServiceAccountTokenProjection?

    public init(
        secret: SecretProjection? = nil, configMap: ConfigMapProjection? = nil,
        downwardAPI: DownwardAPIProjection? = nil, serviceAccountToken: ServiceAccountTokenProjection? = nil
    ) {
        self.secret = secret
        self.configMap = configMap
        self.downwardAPI = downwardAPI
        self.serviceAccountToken = serviceAccountToken
    }
}
