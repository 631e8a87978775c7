import Foundation
import Testing
@testable import RunnerConfiguration

@Suite("Runner URL normalisation")
struct RunnerURLTests {
    @Test(arguments: [
        ("https://gitlab.example.com", "https://gitlab.example.com"),
        ("https://gitlab.example.com/", "https://gitlab.example.com"),
        ("https://gitlab.example.com/ci", "https://gitlab.example.com"),
        ("https://gitlab.example.com/ci/", "https://gitlab.example.com"),
        ("http://localhost:8080/gitlab/ci", "http://localhost:8080/gitlab"),
        ("HTTPS://gitlab.example.com//", "HTTPS://gitlab.example.com"),
        ("https://gitlab.example.com/cicd", "https://gitlab.example.com/cicd"),
    ])
    func normalises(_ raw: String, _ expected: String) throws {
        let text = ConfigurationText.runner().replacingOccurrences(of: "https://gitlab.example.com", with: raw)
        let configuration = try AgentConfiguration.parse(text, path: ConfigurationText.path)
        #expect(configuration.runners.first?.url == expected)
    }

    @Test(arguments: [
        "gitlab.example.com",
        "ftp://gitlab.example.com",
        "https://",
        "https://gitlab.example.com/?x=1",
        "https://gitlab.example.com/#top",
        "https://gitlab example.com",
        "",
    ])
    func rejects(_ raw: String) throws {
        #expect(RunnerURL.normalized(raw) == nil)
        let text = ConfigurationText.runner().replacingOccurrences(of: "https://gitlab.example.com", with: raw)
        let error = try ConfigurationText.failure(text)
        #expect(error.key == "runners[0].url")
        #expect(error.line == 3)
        #expect(error.message.contains("must be an http(s) URL"))
    }
}
