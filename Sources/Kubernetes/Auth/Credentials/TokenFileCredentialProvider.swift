import Foundation

/// A bearer token read from a file that is rotated underneath us (the projected service-account token, or a
/// kubeconfig `tokenFile`).
///
/// Like client-go's `NewCachedFileTokenSource`: the file is re-read when the cached token is older than
/// `refreshInterval` (one minute by default) and right after a 401. When a re-read fails but a token was read
/// before, the old token is kept (the kubelet replaces the file atomically, so this is a transient state).
public actor TokenFileCredentialProvider: KubernetesCredentialProvider {
    /// The file holding the token.
    public nonisolated let path: String
    public nonisolated let refreshInterval: Duration
    private var cached: (token: String, readAt: ContinuousClock.Instant)?

    public init(path: String, refreshInterval: Duration = .seconds(60)) {
        self.path = path
        self.refreshInterval = refreshInterval
    }

    public func credential() async throws -> KubernetesCredential {
        let now = ContinuousClock.now
        if let cached, now - cached.readAt < refreshInterval {
            return KubernetesCredential(bearerToken: cached.token)
        }
        do {
            let token = try Self.read(path)
            cached = (token, now)
            return KubernetesCredential(bearerToken: token)
        } catch {
            if let cached { return KubernetesCredential(bearerToken: cached.token) }
            throw error
        }
    }

    public func invalidate() async {
        cached = nil
    }

    /// Reads and trims the token; an empty file is an error.
    static func read(_ path: String) throws -> String {
        let contents: String
        do {
            contents = try String(contentsOfFile: path, encoding: .utf8)
        } catch {
            throw KubernetesClientError(
                code: .credentials, operation: "read the token file \(path)",
                message: "\(error.localizedDescription); check that the service-account token is mounted (automountServiceAccountToken) or the kubeconfig's tokenFile exists"
            )
        }
        let token = contents.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !token.isEmpty else {
            throw KubernetesClientError(code: .credentials, operation: "read the token file \(path)", message: "the file is empty")
        }
        return token
    }
}
