import Foundation
import Kubernetes
import Testing

@Suite struct KubeconfigTests {
    static let sample = """
        apiVersion: v1
        kind: Config
        current-context: dev
        clusters:
        - name: dev-cluster
          cluster:
            server: https://127.0.0.1:18443
            certificate-authority: pki/ca.crt
        - name: prod-cluster
          cluster:
            server: https://prod.example.com
            certificate-authority-data: \(Data("-----BEGIN CERTIFICATE-----\nX\n-----END CERTIFICATE-----\n".utf8).base64EncodedString())
        - name: insecure
          cluster:
            server: https://10.0.0.1:6443
            insecure-skip-tls-verify: true
        users:
        - name: static
          user:
            token: static-token-xyz
        - name: file
          user:
            tokenFile: tokens/token
        - name: cert
          user:
            client-certificate: pki/client.crt
            client-key: /abs/client.key
        - name: plugin
          user:
            exec:
              apiVersion: client.authentication.k8s.io/v1
              command: ./bin/get-token
              args: ["--cluster", "dev"]
              env:
              - name: PLUGIN_MODE
                value: test
              interactiveMode: Never
        contexts:
        - name: dev
          context:
            cluster: dev-cluster
            user: static
            namespace: ci
        - name: prod
          context:
            cluster: prod-cluster
            user: file
        - name: lab
          context:
            cluster: insecure
            user: cert
        """

    @Test func parsesEveryForm() throws {
        let config = try Kubeconfig.parse(yaml: Self.sample, directory: "/etc/kube")
        #expect(config.currentContext == "dev")
        #expect(config.cluster(named: "dev-cluster")?.certificateAuthority == "/etc/kube/pki/ca.crt")
        #expect(config.cluster(named: "prod-cluster")?.certificateAuthorityData != nil)
        #expect(config.cluster(named: "insecure")?.insecureSkipTLSVerify == true)
        #expect(config.user(named: "static")?.token == "static-token-xyz")
        #expect(config.user(named: "file")?.tokenFile == "/etc/kube/tokens/token")
        #expect(config.user(named: "cert")?.clientCertificate == "/etc/kube/pki/client.crt")
        #expect(config.user(named: "cert")?.clientKey == "/abs/client.key")
        let exec = try #require(config.user(named: "plugin")?.exec)
        #expect(exec.command == "/etc/kube/bin/get-token")
        #expect(exec.args == ["--cluster", "dev"])
        #expect(exec.env == [Kubeconfig.ExecEnvVar(name: "PLUGIN_MODE", value: "test")])
        #expect(config.context(named: "dev") == Kubeconfig.Context(cluster: "dev-cluster", user: "static", namespace: "ci"))
    }

    @Test func currentContextAndExplicitContext() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        try directory.write("pki/ca.crt", "-----BEGIN CERTIFICATE-----\nX\n-----END CERTIFICATE-----\n")
        try directory.write("tokens/token", "file-token-abc\n")
        let path = try directory.write("config", Self.sample)
        let config = try Kubeconfig.load(path: path)

        let dev = try KubernetesConfiguration(kubeconfig: config)
        #expect(dev.server == "https://127.0.0.1:18443")
        #expect(dev.namespace == "ci")
        #expect(dev.tls.certificateAuthorityPEM?.contains("BEGIN CERTIFICATE") == true)
        #expect(try await dev.credentials.credential().bearerToken == "static-token-xyz")

        let prod = try KubernetesConfiguration(kubeconfig: config, context: "prod")
        #expect(prod.server == "https://prod.example.com")
        #expect(prod.namespace == "default")
        #expect(prod.tls.certificateAuthorityPEM == "-----BEGIN CERTIFICATE-----\nX\n-----END CERTIFICATE-----\n")
        #expect(try await prod.credentials.credential().bearerToken == "file-token-abc")
    }

    @Test func clientCertificatesFromFilesAndData() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        try directory.write("client.crt", "CERT")
        try directory.write("client.key", "KEY")
        let yaml = """
            current-context: a
            clusters:
            - name: c
              cluster: {server: "https://127.0.0.1:6443", insecure-skip-tls-verify: true}
            users:
            - name: files
              user: {client-certificate: client.crt, client-key: client.key}
            - name: data
              user: {client-certificate-data: \(Data("CERT2".utf8).base64EncodedString()), client-key-data: \(Data("KEY2".utf8).base64EncodedString())}
            - name: half
              user: {client-certificate-data: \(Data("CERT3".utf8).base64EncodedString())}
            contexts:
            - {name: a, context: {cluster: c, user: files}}
            - {name: b, context: {cluster: c, user: data}}
            - {name: h, context: {cluster: c, user: half}}
            """
        let config = try Kubeconfig.parse(yaml: yaml, directory: directory.path)
        let files = try KubernetesConfiguration(kubeconfig: config)
        #expect(files.tls.insecureSkipVerify)
        #expect(files.tls.clientCertificate == ClientCertificate(certificatePEM: "CERT", privateKeyPEM: "KEY"))
        let data = try KubernetesConfiguration(kubeconfig: config, context: "b")
        #expect(data.tls.clientCertificate == ClientCertificate(certificatePEM: "CERT2", privateKeyPEM: "KEY2"))
        #expect(throws: KubernetesConfigurationError.self) { try KubernetesConfiguration(kubeconfig: config, context: "h") }
        #expect(!"\(data.tls.clientCertificate!)".contains("KEY2"))
    }

    @Test func mergesFilesFirstWins() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let first = try directory.write("one", """
            current-context: ""
            clusters: [{name: shared, cluster: {server: "https://first"}}]
            users: [{name: u, user: {token: first}}]
            contexts: [{name: c1, context: {cluster: shared, user: u}}]
            """)
        let second = try directory.write("two", """
            current-context: c2
            clusters: [{name: shared, cluster: {server: "https://second"}}, {name: other, cluster: {server: "https://other"}}]
            users: [{name: u, user: {token: second}}]
            contexts: [{name: c2, context: {cluster: other, user: u, namespace: jobs}}]
            """)
        let merged = try Kubeconfig.load(paths: [directory.path + "/missing", first, second])
        #expect(merged.currentContext == "c2")
        #expect(merged.cluster(named: "shared")?.server == "https://first")
        #expect(merged.user(named: "u")?.token == "first")
        #expect(merged.clusters.count == 2)
        let paths = Kubeconfig.defaultPaths(environment: ["KUBECONFIG": "\(first)::\(second)", "HOME": "/home/x"])
        #expect(paths == [first, second])
        #expect(Kubeconfig.defaultPaths(environment: ["HOME": "/home/x"]) == ["/home/x/.kube/config"])
        let configuration = try KubernetesConfiguration.load(environment: ["KUBECONFIG": "\(first):\(second)", "KUBERNETES_SERVICE_HOST": "10.0.0.1", "KUBERNETES_SERVICE_PORT": "443"])
        #expect(configuration.server == "https://other")
        #expect(configuration.namespace == "jobs")
        #expect(configuration.source == "kubeconfig context c2")
    }

    @Test func errorsNameWhatIsWrong() throws {
        let config = try Kubeconfig.parse(yaml: Self.sample, directory: "/nowhere")
        do {
            _ = try KubernetesConfiguration(kubeconfig: config, context: "staging")
            Issue.record("expected an error")
        } catch let error as KubernetesConfigurationError {
            #expect(error.description.contains("no such context"))
            #expect(error.description.contains("dev, prod, lab"))
        }
        #expect(throws: KubernetesConfigurationError.self) { try KubernetesConfiguration(kubeconfig: Kubeconfig()) }
        #expect(throws: KubernetesConfigurationError.self) { try Kubeconfig.parse(yaml: "clusters: 7", directory: "/") }
        #expect(throws: KubernetesConfigurationError.self) { try Kubeconfig.load(paths: ["/does/not/exist"]) }
        let provider = Kubeconfig(
            currentContext: "x", clusters: [.init(name: "c", cluster: .init(server: "https://a"))],
            users: [.init(name: "u", user: .init(authProvider: .init(name: "gcp")))], contexts: [.init(name: "x", context: .init(cluster: "c", user: "u"))]
        )
        #expect(throws: KubernetesConfigurationError.self) { try KubernetesConfiguration(kubeconfig: provider) }
    }

    @Test func credentialsNeverPrint() {
        let credential = KubernetesCredential(bearerToken: "secret-token-123", basic: BasicCredentials(username: "me", password: "pw-456"))
        var dumped = ""
        dump(credential, to: &dumped)
        for text in ["\(credential)", String(reflecting: credential), dumped] {
            #expect(!text.contains("secret-token-123"))
            #expect(!text.contains("pw-456"))
        }
    }
}

extension KubeconfigTests {
    @Test func kubeconfigUsersNeverPrintSecrets() throws {
        let config = try Kubeconfig.parse(yaml: Self.sample, directory: "/etc/kube")
        var dumped = ""
        dump(config, to: &dumped)
        #expect(!dumped.contains("static-token-xyz"))
        #expect(!"\(config)".contains("static-token-xyz"))
        #expect("\(config.user(named: "static")!)" == "User(token)")
    }
}
