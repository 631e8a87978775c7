/// A kubeconfig file (`clientcmd/v1` `Config`): clusters, users, contexts and the current context.
///
/// Load it with ``load(paths:)`` or ``parse(yaml:directory:)``, then turn a context into a
/// ``KubernetesConfiguration`` with ``KubernetesConfiguration/init(kubeconfig:context:)``. Relative file paths
/// (`certificate-authority`, `client-certificate`, `client-key`, `tokenFile`, an exec `command` containing `/`) are
/// resolved against the directory of the file that names them.
public struct Kubeconfig: Codable, Sendable, Hashable {
    public var currentContext: String?
    public var clusters: [NamedCluster]
    public var users: [NamedUser]
    public var contexts: [NamedContext]

    public init(currentContext: String? = nil, clusters: [NamedCluster] = [], users: [NamedUser] = [], contexts: [NamedContext] = []) {
        self.currentContext = currentContext
        self.clusters = clusters
        self.users = users
        self.contexts = contexts
    }

    private enum CodingKeys: String, CodingKey {
        case currentContext = "current-context"
        case clusters, users, contexts
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        currentContext = try container.decodeIfPresent(String.self, forKey: .currentContext)
        clusters = try container.decodeIfPresent([NamedCluster].self, forKey: .clusters) ?? []
        users = try container.decodeIfPresent([NamedUser].self, forKey: .users) ?? []
        contexts = try container.decodeIfPresent([NamedContext].self, forKey: .contexts) ?? []
    }

    /// The cluster called `name`.
    public func cluster(named name: String) -> Cluster? { clusters.first { $0.name == name }?.cluster }
    /// The user called `name`.
    public func user(named name: String) -> User? { users.first { $0.name == name }?.user }
    /// The context called `name`.
    public func context(named name: String) -> Context? { contexts.first { $0.name == name }?.context }
}
