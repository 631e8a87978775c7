/// Pod-level security settings (`v1.PodSecurityContext`).
public struct PodSecurityContext: Codable, Hashable, Sendable {
    public var runAsUser: Int64?
    public var runAsGroup: Int64?
    public var runAsNonRoot: Bool?
    public var fsGroup: Int64?
    public var fsGroupChangePolicy: String?
    public var supplementalGroups: [Int64]?
    public var seccompProfile: SeccompProfile?
    /// Passed through as JSON.
    public var sysctls: [JSONValue]?

    public init(
        runAsUser: Int64? = nil, runAsGroup: Int64? = nil, runAsNonRoot: Bool? = nil, fsGroup: Int64? = nil,
        fsGroupChangePolicy: String? = nil, supplementalGroups: [Int64]? = nil,
        seccompProfile: SeccompProfile? = nil, sysctls: [JSONValue]? = nil
    ) {
        self.runAsUser = runAsUser
        self.runAsGroup = runAsGroup
        self.runAsNonRoot = runAsNonRoot
        self.fsGroup = fsGroup
        self.fsGroupChangePolicy = fsGroupChangePolicy
        self.supplementalGroups = supplementalGroups
        self.seccompProfile = seccompProfile
        self.sysctls = sysctls
    }
}
