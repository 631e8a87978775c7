import Foundation
import Kubernetes
import Logging
import NIOCore
import NIOHTTP1
import Testing

@Suite struct InClusterTests {
    func serviceAccount(namespace: String? = "ci") throws -> TemporaryDirectory {
        let directory = try TemporaryDirectory()
        try directory.write("token", "sa-token-v1\n")
        try directory.write("ca.crt", "-----BEGIN CERTIFICATE-----\nX\n-----END CERTIFICATE-----\n")
        if let namespace { try directory.write("namespace", namespace) }
        return directory
    }

    @Test func readsTheServiceAccount() async throws {
        let directory = try serviceAccount()
        defer { directory.remove() }
        let environment = ["KUBERNETES_SERVICE_HOST": "10.96.0.1", "KUBERNETES_SERVICE_PORT": "443"]
        #expect(KubernetesConfiguration.isInCluster(environment: environment))
        let configuration = try KubernetesConfiguration.inCluster(environment: environment, serviceAccountDirectory: directory.path)
        #expect(configuration.server == "https://10.96.0.1:443")
        #expect(configuration.namespace == "ci")
        #expect(configuration.tls.certificateAuthorityPEM?.hasPrefix("-----BEGIN CERTIFICATE-----") == true)
        #expect(try await configuration.credentials.credential().bearerToken == "sa-token-v1")
        #expect(configuration.source == "in-cluster")
    }

    @Test func bracketsIPv6AndDefaultsTheNamespace() throws {
        let directory = try serviceAccount(namespace: nil)
        defer { directory.remove() }
        let configuration = try KubernetesConfiguration.inCluster(
            environment: ["KUBERNETES_SERVICE_HOST": "fd00::1", "KUBERNETES_SERVICE_PORT": "6443"], serviceAccountDirectory: directory.path
        )
        #expect(configuration.server == "https://[fd00::1]:6443")
        #expect(configuration.namespace == "default")
    }

    @Test func notInAClusterIsAnError() throws {
        #expect(!KubernetesConfiguration.isInCluster(environment: ["KUBERNETES_SERVICE_HOST": "10.0.0.1"]))
        #expect(throws: KubernetesConfigurationError.self) {
            try KubernetesConfiguration.inCluster(environment: [:], serviceAccountDirectory: "/nowhere")
        }
        #expect(throws: KubernetesConfigurationError.self) {
            try KubernetesConfiguration.inCluster(environment: ["KUBERNETES_SERVICE_HOST": "a", "KUBERNETES_SERVICE_PORT": "1"], serviceAccountDirectory: "/nowhere")
        }
    }

    @Test func loadPrefersInClusterWithoutKubeconfig() throws {
        let directory = try serviceAccount()
        defer { directory.remove() }
        // `load` uses the default directory; only check the decision here.
        #expect(throws: KubernetesConfigurationError.self) {
            try KubernetesConfiguration.load(environment: ["KUBERNETES_SERVICE_HOST": "10.0.0.1", "KUBERNETES_SERVICE_PORT": "443", "HOME": directory.path])
        }
    }

    @Test func rotatedTokenIsPickedUpAfterTheRefreshInterval() async throws {
        let directory = try serviceAccount()
        defer { directory.remove() }
        let provider = TokenFileCredentialProvider(path: directory.path + "/token", refreshInterval: .milliseconds(300))
        #expect(try await provider.credential().bearerToken == "sa-token-v1")
        try directory.write("token", "sa-token-v2")
        #expect(try await provider.credential().bearerToken == "sa-token-v1")
        try await Task.sleep(for: .milliseconds(400))
        #expect(try await provider.credential().bearerToken == "sa-token-v2")
        // A briefly missing file keeps the last token.
        try FileManager.default.removeItem(atPath: directory.path + "/token")
        try await Task.sleep(for: .milliseconds(400))
        #expect(try await provider.credential().bearerToken == "sa-token-v2")
    }

    @Test func a401ReReadsTheTokenAndRetriesOnce() async throws {
        let directory = try serviceAccount()
        defer { directory.remove() }
        let provider = TokenFileCredentialProvider(path: directory.path + "/token", refreshInterval: .seconds(3600))
        #expect(try await provider.credential().bearerToken == "sa-token-v1")
        try directory.write("token", "sa-token-v2")
        let transport = ScriptedTransport([
            ScriptedTransport.status(401, reason: "Unauthorized", message: "Unauthorized"),
            ScriptedTransport.json(Fixtures.podJSON()),
        ])
        let client = KubernetesClient(transport: transport, credentials: provider, retry: .fast, logger: .quiet)
        let pod = try await client.get(Pod.self, name: "job-1", namespace: "ci")
        #expect(pod.metadata.name == "job-1")
        #expect(transport.requests.map { $0.headers.first(name: "Authorization") } == ["Bearer sa-token-v1", "Bearer sa-token-v2"])
    }

    @Test func aSecond401Fails() async throws {
        let transport = ScriptedTransport([
            ScriptedTransport.status(401, reason: "Unauthorized", message: "Unauthorized"),
            ScriptedTransport.status(401, reason: "Unauthorized", message: "Unauthorized"),
        ])
        let client = KubernetesClient(transport: transport, credentials: StaticCredentialProvider(KubernetesCredential(bearerToken: "t")), retry: .fast, logger: .quiet)
        await #expect(throws: KubernetesError.self) { try await client.get(Pod.self, name: "job-1", namespace: "ci") }
        #expect(transport.requests.count == 2)
    }
}
