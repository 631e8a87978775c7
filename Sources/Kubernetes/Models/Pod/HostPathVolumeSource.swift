/// A directory or file of the node.
public struct HostPathVolumeSource: Codable, Hashable, Sendable {
    public var path: String
    public var `type`: String?

    public init(path: String, type: String? = nil) {
        self.path = path
        self.type = `type`
    }
}
