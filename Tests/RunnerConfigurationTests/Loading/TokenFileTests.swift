import Foundation
import Testing
@testable import RunnerConfiguration

@Suite("token_file")
struct TokenFileTests {
    private func config(tokenFile: String) -> String {
        """
        [[runners]]
        name = "one"
        url = "https://gitlab.example.com"
        token_file = "\(tokenFile)"
        executor = "shell"
        """
    }

    @Test func readsAndTrimsTheToken() throws {
        let directory = try TemporaryDirectory()
        let tokenPath = try directory.write("  glrt-from-file\n\n", to: "token")
        let configuration = try AgentConfiguration.parse(config(tokenFile: tokenPath), path: directory.file("config.toml"))
        let runner = try #require(configuration.runners.first)
        #expect(runner.token == "glrt-from-file")
        #expect(runner.tokenFile == tokenPath)
    }

    @Test func relativePathIsRelativeToTheConfigDirectory() throws {
        let directory = try TemporaryDirectory()
        try FileManager.default.createDirectory(atPath: directory.file("secrets"), withIntermediateDirectories: true)
        try directory.write("glrt-relative", to: "secrets/token")
        let configuration = try AgentConfiguration.parse(config(tokenFile: "secrets/token"), path: directory.file("config.toml"))
        #expect(configuration.runners.first?.token == "glrt-relative")
        #expect(configuration.runners.first?.tokenFile == "secrets/token")
    }

    @Test func missingFile() throws {
        let directory = try TemporaryDirectory()
        let error = try ConfigurationText.failure(config(tokenFile: "absent"), path: directory.file("config.toml"))
        #expect(error.key == "runners[0].token_file")
        #expect(error.line == 4)
        #expect(error.message.contains("\(directory.path)/absent"))
        #expect(error.message.contains("does not exist"))
    }

    @Test func emptyFile() throws {
        let directory = try TemporaryDirectory()
        try directory.write(" \n", to: "token")
        let error = try ConfigurationText.failure(config(tokenFile: "token"), path: directory.file("config.toml"))
        #expect(error.key == "runners[0].token_file")
        #expect(error.message.contains("must not be empty"))
    }

    @Test func directoryInsteadOfFile() throws {
        let directory = try TemporaryDirectory()
        let error = try ConfigurationText.failure(config(tokenFile: directory.path), path: directory.file("config.toml"))
        #expect(error.message.contains("is a directory"))
    }
}
