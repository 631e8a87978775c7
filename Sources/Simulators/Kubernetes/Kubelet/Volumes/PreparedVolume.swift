/// A pod volume materialised on the host, ready to be bound into containers.
struct PreparedVolume: Sendable, Hashable {
    /// Host directory (or file) holding the volume's content.
    var hostPath: String
    /// Secret, ConfigMap, Downward API and projected volumes are always mounted read-only.
    var alwaysReadOnly: Bool
    /// emptyDir volumes may get missing `subPath` directories created.
    var createsSubPaths: Bool
}
