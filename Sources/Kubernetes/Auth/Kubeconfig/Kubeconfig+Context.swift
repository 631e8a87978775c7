extension Kubeconfig {
    /// `contexts[].context`: a cluster, a user and a default namespace.
    public struct Context: Codable, Sendable, Hashable {
        public var cluster: String
        public var user: String?
        public var namespace: String?

        public init(cluster: String, user: String? = nil, namespace: String? = nil) {
            self.cluster = cluster
            self.user = user
            self.namespace = namespace
        }
    }

    /// `contexts[]`: a context and its name.
    public struct NamedContext: Codable, Sendable, Hashable {
        public var name: String
        public var context: Context

        public init(name: String, context: Context) {
            self.name = name
            self.context = context
        }
    }
}
