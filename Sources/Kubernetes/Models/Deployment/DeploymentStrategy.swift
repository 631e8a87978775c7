/// `RollingUpdate` (with ``RollingUpdateDeployment``) or `Recreate`.
public struct DeploymentStrategy: Codable, Hashable, Sendable {
    public var `type`: String?
    public var rollingUpdate: RollingUpdateDeployment?

    public init(type: String? = nil, rollingUpdate: RollingUpdateDeployment? = nil) {
        self.type = `type`
        self.rollingUpdate = rollingUpdate
    }
}
