/// Container-level security settings (`v1.SecurityContext`).
public struct SecurityContext: Codable, Hashable, Sendable {
    public var runAsUser: Int64?
    public var runAsGroup: Int64?
    public var runAsNonRoot: Bool?
    public var privileged: Bool?
    public var allowPrivilegeEscalation: Bool?
    public var capabilities: Capabilities?
    public var readOnlyRootFilesystem: Bool?
    public var seccompProfile: SeccompProfile?
    public var procMount: String?

    public init(
        runAsUser: Int64? = nil, runAsGroup: Int64? = nil, runAsNonRoot: Bool? = nil, privileged: Bool? = nil,
        allowPrivilegeEscalation: Bool? = nil, capabilities: Capabilities? = nil,
        readOnlyRootFilesystem: Bool? = nil, seccompProfile: SeccompProfile? = nil, procMount: String? = nil
    ) {
        self.runAsUser = runAsUser
        self.runAsGroup = runAsGroup
        self.runAsNonRoot = runAsNonRoot
        self.privileged = privileged
        self.allowPrivilegeEscalation = allowPrivilegeEscalation
        self.capabilities = capabilities
        self.readOnlyRootFilesystem = readOnlyRootFilesystem
        self.seccompProfile = seccompProfile
        self.procMount = procMount
    }
}
