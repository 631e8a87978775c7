import Foundation
import Testing
@testable import RunnerConfiguration

@Suite("docs/configuration.md")
struct DocumentationExampleTests {
    /// The first ```toml block of docs/configuration.md.
    private func example() throws -> String {
        let docs = URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("docs/configuration.md")
        let text = try String(contentsOf: docs, encoding: .utf8)
        let start = try #require(text.range(of: "```toml\n"))
        let end = try #require(text.range(of: "\n```", range: start.upperBound..<text.endIndex))
        return String(text[start.upperBound..<end.lowerBound])
    }

    @Test func completeExampleParses() throws {
        let directory = try TemporaryDirectory()
        let tokenPath = try directory.write("glrt-from-secret\n", to: "runner-token")
        let text = try example().replacingOccurrences(of: "/run/secrets/runner-token", with: tokenPath)
        let configuration = try AgentConfiguration.parse(text, path: directory.file("config.toml"))
        #expect(configuration.concurrent == 4)
        #expect(configuration.logFormat == .json)
        #expect(configuration.listenAddress == ":9252")
        #expect(configuration.runners.map(\.name) == ["build-host-1", "build-host-1-secure"])
        #expect(configuration.runners[0].tokenObtainedAt == "2024-05-01T10:00:00Z")
        #expect(configuration.runners[1].url == "https://gitlab.example.com")
        #expect(configuration.runners[1].token == "glrt-from-secret")
        #expect(configuration.runners[1].buildsDir == directory.file("builds"))
    }
}
