/// Hands out the credential for each request and refreshes it.
///
/// The client asks before every request and calls ``invalidate()`` when the server answers 401, then retries that
/// request once with a fresh credential (client-go's behaviour, notes §1.10).
public protocol KubernetesCredentialProvider: Sendable {
    /// The credential to use now; may come from a cache.
    func credential() async throws -> KubernetesCredential
    /// Forgets any cached credential: the server refused it. The next ``credential()`` reads or fetches anew.
    func invalidate() async
}
