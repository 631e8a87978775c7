/// A pod volume; set exactly one source.
public struct Volume: Codable, Hashable, Sendable {
    public var name: String
    public var emptyDir: EmptyDirVolumeSource?
    public var secret: SecretVolumeSource?
    public var configMap: ConfigMapVolumeSource?
    public var hostPath: HostPathVolumeSource?
    public var persistentVolumeClaim: PersistentVolumeClaimVolumeSource?
    public var projected: ProjectedVolumeSource?
    public var downwardAPI: DownwardAPIVolumeSource?

    public init(
        name: String, emptyDir: EmptyDirVolumeSource? = nil, secret: SecretVolumeSource? = nil,
        configMap: ConfigMapVolumeSource? = nil, hostPath: HostPathVolumeSource? = nil,
        persistentVolumeClaim: PersistentVolumeClaimVolumeSource? = nil, projected: ProjectedVolumeSource? = nil,
        downwardAPI: DownwardAPIVolumeSource? = nil
    ) {
        self.name = name
        self.emptyDir = emptyDir
        self.secret = secret
        self.configMap = configMap
        self.hostPath = hostPath
        self.persistentVolumeClaim = persistentVolumeClaim
        self.projected = projected
        self.downwardAPI = downwardAPI
    }
}
