import Testing
@testable import RunnerConfiguration

@Suite("rendered()")
struct RenderingRoundTripTests {
    @Test func defaultsRoundTrip() throws {
        let original = AgentConfiguration()
        let parsed = try AgentConfiguration.parse(original.rendered(), path: ConfigurationText.path)
        #expect(parsed == original)
    }

    @Test func fullConfigurationRoundTrips() throws {
        let directory = try TemporaryDirectory()
        try directory.write("glrt-from-file\n", to: "token")
        let configPath = directory.file("config.toml")
        let original = AgentConfiguration(
            concurrent: 6, checkInterval: 0, shutdownTimeout: 90, logLevel: .warn, logFormat: .json,
            listenAddress: "0.0.0.0:9252",
            runners: [
                RunnerSettings(
                    name: "shell \"quoted\" \\ name\twith tab", url: "https://gitlab.example.com/sub",
                    token: "glrt-abc", id: 7, tokenObtainedAt: "2024-05-01T10:00:00Z", tokenExpiresAt: "0001-01-01T00:00:00Z",
                    executor: .shell, limit: 2, requestConcurrency: 3, outputLimitKiB: 1,
                    buildsDir: "/var/lib/flywheel/builds dir", shell: "sh",
                    environment: ["A=1", "QUOTE=\"x\"", "NEWLINE=a\nb", "UNICODE=é😀"]
                ),
                RunnerSettings(
                    name: "from-file", url: "http://localhost:8080", token: "glrt-from-file", tokenFile: "token",
                    executor: .kubernetes, buildsDir: RunnerSettings.defaultBuildsDir(configPath: configPath),
                    kubernetes: KubernetesSettings(
                        namespace: "ci", profile: "rocky9", profilesDir: "/etc/flywheel/executors", kubeconfig: "/root/.kube/config",
                        context: "prod", helperImage: "registry.local/flywheel:1", podRetention: 30, pollTimeout: 90
                    )
                ),
            ]
        )
        let text = original.rendered()
        let parsed = try AgentConfiguration.parse(text, path: configPath)
        #expect(parsed == original)
    }

    @Test func parsedFileRoundTrips() throws {
        let text = """
            concurrent = 4
            [[runners]]
            name = "one"
            url = "https://gitlab.example.com/ci/"
            token = "glrt-secret"
            token_obtained_at = 2024-01-02T03:04:05Z
            executor = "shell"
            environment = ["A=1"]
            """
        let parsed = try AgentConfiguration.parse(text, path: ConfigurationText.path)
        #expect(try AgentConfiguration.parse(parsed.rendered(), path: ConfigurationText.path) == parsed)
    }

    @Test func tokenFileIsRenderedInsteadOfTheToken() throws {
        let runner = RunnerSettings(
            name: "r", url: "https://gitlab.example.com", token: "glrt-must-not-leak", tokenFile: "/run/secrets/token",
            executor: .shell, buildsDir: "/b"
        )
        let text = AgentConfiguration(runners: [runner]).rendered()
        #expect(text.contains(#"token_file = "/run/secrets/token""#))
        #expect(!text.contains("glrt-must-not-leak"))
        #expect(!text.contains("token ="))
    }

    @Test func optionalValuesAreOmittedWhenNil() {
        let runner = RunnerSettings(name: "r", url: "https://gitlab.example.com", token: "t", executor: .shell, buildsDir: "/b")
        let text = AgentConfiguration(runners: [runner]).rendered()
        #expect(!text.contains("listen_address"))
        #expect(!text.contains("id ="))
        #expect(!text.contains("token_obtained_at"))
        #expect(!text.contains("token_expires_at"))
        #expect(text.contains("[[runners]]\n  name = \"r\"\n"))
    }
}
