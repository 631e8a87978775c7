import AsyncHTTPClient
import Foundation
import Kubernetes
import Logging
import Testing

/// ``AsyncHTTPClientTransport`` against a Python TLS server requiring client certificates (notes §1.10: auth needs
/// TLS): custom CA, client certificate from files, data and an exec plugin, bearer tokens, and plain HTTP sending
/// no credentials.
@Suite(.enabled(if: TestCertificates.opensslAvailable && PythonServer.pythonAvailable, "needs openssl and python3"))
struct TLSTransportTests {
    struct Fixture {
        let directory: TemporaryDirectory
        let certificates: TestCertificates
        let server: PythonServer

        init() throws {
            directory = try TemporaryDirectory()
            certificates = try TestCertificates.make(in: directory)
            let path = directory.path
            server = try PythonServer(script: PythonServer.echoScript, arguments: ["tls", "\(path)/server.crt", "\(path)/server.key", "\(path)/ca.crt"])
        }

        func stop() {
            server.stop()
            directory.remove()
        }

        func echo(_ configuration: KubernetesConfiguration, timeout: Duration = .seconds(30)) async throws -> [String: String] {
            try await HTTPClient.withHTTPClient { http in
                let client = try KubernetesClient(configuration: configuration, httpClient: http, retry: .none, requestTimeout: timeout, logger: .quiet)
                return try await client.get(Pod.self, name: "echo", namespace: "ci").metadata.annotations ?? [:]
            }
        }
    }

    @Test func caFileClientCertificateFilesAndToken() async throws {
        let fixture = try Fixture()
        defer { fixture.stop() }
        let yaml = """
            current-context: t
            clusters: [{name: c, cluster: {server: "https://127.0.0.1:\(fixture.server.port)", certificate-authority: ca.crt}}]
            users: [{name: u, user: {token: static-token-xyz, client-certificate: client.crt, client-key: client.key}}]
            contexts: [{name: t, context: {cluster: c, user: u}}]
            """
        let configuration = try KubernetesConfiguration(kubeconfig: Kubeconfig.parse(yaml: yaml, directory: fixture.directory.path))
        let seen = try await fixture.echo(configuration)
        #expect(seen["auth"] == "Bearer static-token-xyz")
        #expect(seen["cn"] == "ci-agent")
    }

    @Test func inlineDataAndInsecureSkipVerify() async throws {
        let fixture = try Fixture()
        defer { fixture.stop() }
        func b64(_ text: String) -> String { Data(text.utf8).base64EncodedString() }
        let certificates = fixture.certificates
        let yaml = """
            current-context: data
            clusters:
            - {name: c, cluster: {server: "https://127.0.0.1:\(fixture.server.port)", certificate-authority-data: \(b64(certificates.caPEM))}}
            - {name: i, cluster: {server: "https://127.0.0.1:\(fixture.server.port)", insecure-skip-tls-verify: true}}
            - {name: wrong, cluster: {server: "https://127.0.0.1:\(fixture.server.port)"}}
            users: [{name: u, user: {client-certificate-data: \(b64(certificates.clientCertificatePEM)), client-key-data: \(b64(certificates.clientKeyPEM))}}]
            contexts:
            - {name: data, context: {cluster: c, user: u}}
            - {name: insecure, context: {cluster: i, user: u}}
            - {name: untrusted, context: {cluster: wrong, user: u}}
            """
        let config = try Kubeconfig.parse(yaml: yaml, directory: fixture.directory.path)
        #expect(try await fixture.echo(KubernetesConfiguration(kubeconfig: config))["cn"] == "ci-agent")
        #expect(try await fixture.echo(KubernetesConfiguration(kubeconfig: config, context: "insecure"))["cn"] == "ci-agent")
        // The system roots do not trust our CA: verification is on by default.
        await #expect(throws: KubernetesClientError.self) { try await fixture.echo(KubernetesConfiguration(kubeconfig: config, context: "untrusted"), timeout: .seconds(2)) }
    }

    @Test func execPluginCertificate() async throws {
        let fixture = try Fixture()
        defer { fixture.stop() }
        let credential: [String: Any] = [
            "apiVersion": "client.authentication.k8s.io/v1", "kind": "ExecCredential",
            "status": ["clientCertificateData": fixture.certificates.clientCertificatePEM, "clientKeyData": fixture.certificates.clientKeyPEM],
        ]
        try fixture.directory.write("credential.json", String(decoding: try JSONSerialization.data(withJSONObject: credential), as: UTF8.self))
        try fixture.directory.write("plugin.sh", "#!/bin/sh\ncat \"$(dirname \"$0\")/credential.json\"\n", executable: true)
        let yaml = """
            current-context: t
            clusters: [{name: c, cluster: {server: "https://127.0.0.1:\(fixture.server.port)", certificate-authority: ca.crt}}]
            users: [{name: u, user: {exec: {apiVersion: client.authentication.k8s.io/v1, command: ./plugin.sh, interactiveMode: Never}}}]
            contexts: [{name: t, context: {cluster: c, user: u}}]
            """
        let configuration = try KubernetesConfiguration(kubeconfig: Kubeconfig.parse(yaml: yaml, directory: fixture.directory.path), environment: ["PATH": "/usr/bin:/bin"])
        let seen = try await fixture.echo(configuration)
        #expect(seen["cn"] == "ci-agent")
        #expect(seen["auth"] == "")
    }

    @Test func plainHTTPSendsNoCredentials() async throws {
        let server = try PythonServer(script: PythonServer.echoScript, arguments: ["plain"])
        defer { server.stop() }
        let configuration = KubernetesConfiguration(
            server: "http://127.0.0.1:\(server.port)", namespace: "ci", credentials: StaticCredentialProvider(KubernetesCredential(bearerToken: "leak-me-not"))
        )
        let seen = try await HTTPClient.withHTTPClient { http in
            let client = try KubernetesClient(configuration: configuration, httpClient: http, retry: .fast, logger: .quiet)
            return try await client.get(Pod.self, name: "echo").metadata.annotations ?? [:]
        }
        #expect(seen["auth"] == "")
    }

    @Test func aRefusedConnectionIsRecognised() async throws {
        let configuration = KubernetesConfiguration(server: "http://127.0.0.1:9", namespace: "ci")
        try await HTTPClient.withHTTPClient { http in
            let client = try KubernetesClient(configuration: configuration, httpClient: http, retry: .none, requestTimeout: .seconds(3), logger: .quiet)
            do {
                _ = try await client.get(Pod.self, name: "x")
                Issue.record("expected an error")
            } catch let error as KubernetesClientError {
                #expect(error.code == .connectionFailed)
            }
        }
    }
}
