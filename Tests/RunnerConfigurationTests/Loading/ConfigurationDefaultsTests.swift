import Foundation
import Testing
@testable import RunnerConfiguration

@Suite("Configuration defaults")
struct ConfigurationDefaultsTests {
    @Test func emptyFileGivesGlobalDefaults() throws {
        let configuration = try AgentConfiguration.parse("", path: ConfigurationText.path)
        #expect(configuration.concurrent == 1)
        #expect(configuration.checkInterval == 3)
        #expect(configuration.shutdownTimeout == 30)
        #expect(configuration.logLevel == .info)
        #expect(configuration.logFormat == .text)
        #expect(configuration.listenAddress == nil)
        #expect(configuration.runners.isEmpty)
        #expect(configuration == AgentConfiguration())
    }

    @Test func minimalRunnerGetsDefaults() throws {
        let configuration = try AgentConfiguration.parse(ConfigurationText.runner(), path: ConfigurationText.path)
        let runner = try #require(configuration.runners.first)
        #expect(runner.name == "one")
        #expect(runner.url == "https://gitlab.example.com")
        #expect(runner.token == "glrt-secret")
        #expect(runner.tokenFile == nil)
        #expect(runner.id == nil)
        #expect(runner.tokenObtainedAt == nil)
        #expect(runner.tokenExpiresAt == nil)
        #expect(runner.executor == .shell)
        #expect(runner.limit == 0)
        #expect(runner.requestConcurrency == 1)
        #expect(runner.outputLimitKiB == 4096)
        #expect(runner.buildsDir == "/etc/flywheel/builds")
        #expect(runner.shell == "bash")
        #expect(runner.environment == [])
    }

    @Test func everyKeyIsRead() throws {
        let text = """
            concurrent = 8
            check_interval = 0
            shutdown_timeout = 120
            log_level = "debug"
            log_format = "json"
            listen_address = "[::]:9252"

            [[runners]]
            name = "k8s"
            url = "https://gitlab.example.com/gitlab/"
            id = 42
            token = "glrt-abc"
            token_obtained_at = 2024-01-02T03:04:05Z
            token_expires_at = "0001-01-01T00:00:00Z"
            executor = "kubernetes"
            limit = 4
            request_concurrency = 2
            output_limit = 16384
            builds_dir = "/var/lib/flywheel/builds"
            shell = "sh"
            environment = ["A=1", "B=two=2", "EMPTY="]
              [runners.kubernetes]
              profile = "docker"
            """
        let configuration = try AgentConfiguration.parse(text, path: ConfigurationText.path)
        let expected = AgentConfiguration(
            concurrent: 8, checkInterval: 0, shutdownTimeout: 120, logLevel: .debug, logFormat: .json,
            listenAddress: "[::]:9252",
            runners: [
                RunnerSettings(
                    name: "k8s", url: "https://gitlab.example.com/gitlab", token: "glrt-abc", id: 42,
                    tokenObtainedAt: "2024-01-02T03:04:05Z", tokenExpiresAt: "0001-01-01T00:00:00Z",
                    executor: .kubernetes, limit: 4, requestConcurrency: 2, outputLimitKiB: 16384,
                    buildsDir: "/var/lib/flywheel/builds", shell: "sh", environment: ["A=1", "B=two=2", "EMPTY="],
                    kubernetes: KubernetesSettings(profile: "docker", profilesDir: (ConfigurationText.path as NSString).deletingLastPathComponent + "/executors")
                ),
            ]
        )
        #expect(configuration == expected)
    }

    @Test func relativeBuildsDirIsResolvedAgainstTheConfigDirectory() throws {
        let text = ConfigurationText.runner(#"builds_dir = "work/../builds-here""#)
        let configuration = try AgentConfiguration.parse(text, path: "/srv/agent/config.toml")
        #expect(configuration.runners.first?.buildsDir == "/srv/agent/builds-here")
    }

    @Test func defaultBuildsDirFollowsTheConfigPath() {
        #expect(RunnerSettings.defaultBuildsDir(configPath: "/a/b/config.toml") == "/a/b/builds")
        #expect(RunnerSettings.defaultBuildsDir(configPath: "/a/./b/../c/config.toml") == "/a/c/builds")
        let currentDirectory = FileManager.default.currentDirectoryPath
        #expect(RunnerSettings.defaultBuildsDir(configPath: "config.toml") == URL(fileURLWithPath: currentDirectory).appendingPathComponent("builds").standardized.path)
    }

    @Test func runnersKeepFileOrder() throws {
        let text = ConfigurationText.runner(name: "b") + "\n" + ConfigurationText.runner(name: "a")
        let configuration = try AgentConfiguration.parse(text, path: ConfigurationText.path)
        #expect(configuration.runners.map(\.name) == ["b", "a"])
    }
}
