import Foundation
import Kubernetes
import Testing

@Suite struct ExecPluginTests {
    /// A plugin that counts its runs in `runs`, records its environment, and prints a token expiring at
    /// `$EXPIRY` (none when unset).
    static let script = """
        #!/bin/sh
        dir=$(dirname "$0")
        n=$(cat "$dir/runs" 2>/dev/null || echo 0)
        n=$((n + 1))
        echo "$n" > "$dir/runs"
        echo "$KUBERNETES_EXEC_INFO" > "$dir/info"
        echo "$PLUGIN_MODE $1 $2" > "$dir/args"
        if [ -n "$FAIL" ]; then echo "no credentials for you" >&2; exit 3; fi
        if [ -n "$EXPIRY" ]; then
          printf '{"apiVersion":"client.authentication.k8s.io/v1","kind":"ExecCredential","status":{"token":"exec-token-%s","expirationTimestamp":"%s"}}' "$n" "$EXPIRY"
        else
          printf '{"apiVersion":"client.authentication.k8s.io/v1","kind":"ExecCredential","status":{"token":"exec-token-%s"}}' "$n"
        fi
        """

    func provider(in directory: TemporaryDirectory, environment: [String: String] = [:], provideClusterInfo: Bool = false) throws -> KubernetesConfiguration {
        try directory.write("bin/plugin.sh", Self.script, executable: true)
        let yaml = """
            current-context: x
            clusters: [{name: c, cluster: {server: "https://127.0.0.1:18443", certificate-authority-data: "Q0E="}}]
            users:
            - name: u
              user:
                exec:
                  apiVersion: client.authentication.k8s.io/v1
                  command: bin/plugin.sh
                  args: [--cluster, dev]
                  env: [{name: PLUGIN_MODE, value: testing}]
                  provideClusterInfo: \(provideClusterInfo)
                  interactiveMode: Never
            contexts: [{name: x, context: {cluster: c, user: u}}]
            """
        let config = try Kubeconfig.parse(yaml: yaml, directory: directory.path)
        return try KubernetesConfiguration(kubeconfig: config, environment: ["PATH": "/usr/bin:/bin"].merging(environment) { $1 })
    }

    func runs(_ directory: TemporaryDirectory) -> Int {
        Int((try? String(contentsOfFile: directory.path + "/bin/runs", encoding: .utf8))?.trimmingCharacters(in: .whitespacesAndNewlines) ?? "0") ?? 0
    }

    @Test func runsThePluginAndCachesWithoutExpiry() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let configuration = try provider(in: directory)
        #expect(try await configuration.credentials.credential().bearerToken == "exec-token-1")
        #expect(try await configuration.credentials.credential().bearerToken == "exec-token-1")
        #expect(runs(directory) == 1)
        let args = try String(contentsOfFile: directory.path + "/bin/args", encoding: .utf8)
        #expect(args == "testing --cluster dev\n")
        let info = try String(contentsOfFile: directory.path + "/bin/info", encoding: .utf8)
        #expect(info.contains(#""kind":"ExecCredential""#))
        #expect(info.contains(#""apiVersion":"client.authentication.k8s.io/v1""#))
        #expect(info.contains(#""interactive":false"#))
        #expect(!info.contains("cluster"))
        // A 401 drops the cache.
        await configuration.credentials.invalidate()
        #expect(try await configuration.credentials.credential().bearerToken == "exec-token-2")
    }

    @Test func cachesUntilExpirationTimestamp() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let future = KubernetesTime(Date().addingTimeInterval(3600)).rawValue
        let configuration = try provider(in: directory, environment: ["EXPIRY": future])
        #expect(try await configuration.credentials.credential().bearerToken == "exec-token-1")
        #expect(try await configuration.credentials.credential().bearerToken == "exec-token-1")
        #expect(runs(directory) == 1)
    }

    @Test func anExpiredCredentialIsFetchedAgain() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let configuration = try provider(in: directory, environment: ["EXPIRY": "2000-01-01T00:00:00Z"])
        #expect(try await configuration.credentials.credential().bearerToken == "exec-token-1")
        #expect(try await configuration.credentials.credential().bearerToken == "exec-token-2")
        #expect(runs(directory) == 2)
    }

    @Test func concurrentCallersShareOneRun() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let configuration = try provider(in: directory)
        let provider = configuration.credentials
        let tokens = try await withThrowingTaskGroup(of: String?.self) { group in
            for _ in 0..<5 { group.addTask { try await provider.credential().bearerToken } }
            return try await group.reduce(into: Set<String?>()) { $0.insert($1) }
        }
        #expect(tokens == ["exec-token-1"])
        #expect(runs(directory) == 1)
    }

    @Test func passesClusterInfoWhenAsked() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let configuration = try provider(in: directory, provideClusterInfo: true)
        _ = try await configuration.credentials.credential()
        let info = try String(contentsOfFile: directory.path + "/bin/info", encoding: .utf8)
        #expect(info.contains("127.0.0.1:18443"))
        #expect(info.contains(#""certificate-authority-data":"Q0E=""#))
    }

    @Test func aFailingPluginExplainsItself() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let configuration = try provider(in: directory, environment: ["FAIL": "1"])
        do {
            _ = try await configuration.credentials.credential()
            Issue.record("expected an error")
        } catch let error as KubernetesClientError {
            #expect(error.code == .credentials)
            #expect(error.message.contains("exited with status 3"))
            #expect(error.message.contains("no credentials for you"))
        }
    }

    @Test func aMissingPluginSaysSo() async throws {
        let provider = ExecCredentialProvider(exec: Kubeconfig.ExecConfig(command: "no-such-plugin-xyz", installHint: "install it with apt"), environment: ["PATH": "/usr/bin"])
        await #expect(throws: KubernetesClientError.self) { try await provider.credential() }
        do {
            _ = try await provider.credential()
        } catch let error as KubernetesClientError {
            #expect(error.message.contains("install it with apt"))
        }
    }
}
