/// A credential that never changes (a `token` written into the kubeconfig, or none).
public struct StaticCredentialProvider: KubernetesCredentialProvider {
    let value: KubernetesCredential

    public init(_ credential: KubernetesCredential = .none) {
        value = credential
    }

    public func credential() async throws -> KubernetesCredential { value }

    public func invalidate() async {}
}
