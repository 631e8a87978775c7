extension Kubeconfig {
    /// `users[].user`: how to authenticate. Secrets in here are never printed.
    public struct User: Codable, Sendable, Hashable {
        public var token: String?
        /// A file holding the token; re-read like the service-account token.
        public var tokenFile: String?
        public var clientCertificate: String?
        /// Base64 PEM.
        public var clientCertificateData: String?
        public var clientKey: String?
        /// Base64 PEM.
        public var clientKeyData: String?
        public var username: String?
        public var password: String?
        /// A credential plugin run to obtain a token or certificate.
        public var exec: ExecConfig?
        /// Legacy auth providers (removed from client-go); only detected, to report them.
        public var authProvider: AuthProvider?

        public init(
            token: String? = nil, tokenFile: String? = nil, clientCertificate: String? = nil, clientCertificateData: String? = nil,
            clientKey: String? = nil, clientKeyData: String? = nil, username: String? = nil, password: String? = nil,
            exec: ExecConfig? = nil, authProvider: AuthProvider? = nil
        ) {
            self.token = token
            self.tokenFile = tokenFile
            self.clientCertificate = clientCertificate
            self.clientCertificateData = clientCertificateData
            self.clientKey = clientKey
            self.clientKeyData = clientKeyData
            self.username = username
            self.password = password
            self.exec = exec
            self.authProvider = authProvider
        }

        private enum CodingKeys: String, CodingKey {
            case token, tokenFile, username, password, exec
            case clientCertificate = "client-certificate"
            case clientCertificateData = "client-certificate-data"
            case clientKey = "client-key"
            case clientKeyData = "client-key-data"
            case authProvider = "auth-provider"
        }
    }

    /// `users[].user.auth-provider` (legacy; only its name is read).
    public struct AuthProvider: Codable, Sendable, Hashable {
        public var name: String

        public init(name: String) {
            self.name = name
        }
    }

    /// `users[]`: a user and its name.
    public struct NamedUser: Codable, Sendable, Hashable {
        public var name: String
        public var user: User

        public init(name: String, user: User) {
            self.name = name
            self.user = user
        }
    }
}
