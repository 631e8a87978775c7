/// An `/etc/hosts` entry for the pod.
public struct HostAlias: Codable, Hashable, Sendable {
    public var ip: String
    public var hostnames: [String]?

    public init(ip: String, hostnames: [String]? = nil) {
        self.ip = ip
        self.hostnames = hostnames
    }
}
