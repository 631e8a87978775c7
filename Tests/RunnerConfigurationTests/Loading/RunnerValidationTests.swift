import Testing
@testable import RunnerConfiguration

@Suite("Runner setting validation")
struct RunnerValidationTests {
    /// A runner section whose line `line` is replaced by `replacement`
    /// (lines: 1 header, 2 name, 3 url, 4 token, 5 executor).
    private func runner(replacingLine line: Int, with replacement: String) -> String {
        var lines = ConfigurationText.runner().split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        lines[line - 1] = replacement
        return lines.joined(separator: "\n")
    }

    @Test(arguments: [
        (2, "name"),
        (3, "url"),
        (4, "token"),
        (5, "executor"),
    ])
    func requiredKeys(_ line: Int, _ key: String) throws {
        let text = "concurrent = 2\n" + runner(replacingLine: line, with: "")
        let error = try ConfigurationText.failure(text)
        #expect(error.key == "runners[0].\(key)")
        #expect(error.line == 2, "reported at the [[runners]] header")
        #expect(error.message.contains("is required"))
    }

    @Test func missingTokenMentionsTokenFile() throws {
        let error = try ConfigurationText.failure(runner(replacingLine: 4, with: ""))
        #expect(error.message.contains("`token_file`"))
    }

    @Test func limitDescriptionMatchesTheDocumentedShape() throws {
        let text = ConfigurationText.runner("limit = -1")
        let error = try ConfigurationText.failure(text, path: "config.toml")
        #expect(error.description.hasPrefix("config.toml:6: runners[0].limit: must be ≥ 0, got -1"))
    }

    @Test(arguments: [
        ("limit = -1", "limit", "must be ≥ 0, got -1"),
        ("request_concurrency = 0", "request_concurrency", "must be ≥ 1, got 0"),
        ("output_limit = 0", "output_limit", "must be ≥ 1, got 0"),
        ("id = -3", "id", "must be ≥ 0, got -3"),
        (#"id = "12""#, "id", "must be an integer, got string \"12\""),
        ("limit = true", "limit", "must be an integer, got boolean true"),
        ("token_obtained_at = 5", "token_obtained_at", "must be a string, got integer 5"),
        ("token_expires_at = false", "token_expires_at", "must be a string, got boolean false"),
        (#"builds_dir = " ""#, "builds_dir", "must not be empty"),
        (#"shell = "zsh""#, "shell", "must be one of `bash`, `sh`; got \"zsh\""),
        (#"environment = "A=1""#, "environment", "must be an array of strings"),
        ("environment = [1]", "environment[0]", "must be a string, got integer 1"),
        (#"environment = ["A=1", "NOEQUALS"]"#, "environment[1]", "must be \"KEY=VALUE\""),
        (#"environment = ["=value"]"#, "environment[0]", "must be \"KEY=VALUE\""),
        (#"environment = ["1A=b"]"#, "environment[0]", "must be \"KEY=VALUE\""),
        (#"environment = ["MY VAR=b"]"#, "environment[0]", "must be \"KEY=VALUE\""),
    ])
    func invalidValues(_ line: String, _ key: String, _ message: String) throws {
        let error = try ConfigurationText.failure(ConfigurationText.runner(line))
        #expect(error.key == "runners[0].\(key)")
        #expect(error.line == 6)
        #expect(error.message.hasPrefix(message), "\(error.message)")
    }

    @Test func unknownExecutorListsAllowedValues() throws {
        let error = try ConfigurationText.failure(runner(replacingLine: 5, with: #"executor = "docker""#))
        #expect(error.key == "runners[0].executor")
        #expect(error.line == 5)
        #expect(error.message.contains("must be one of `shell`, `kubernetes`"))
        #expect(error.message.contains(#"got "docker""#))
    }

    @Test func kubernetesExecutorNeedsItsSection() throws {
        let error = try ConfigurationText.failure(runner(replacingLine: 5, with: #"executor = "kubernetes""#))
        #expect(error.key == "runners[0].kubernetes")
        #expect(error.message.contains("[runners.kubernetes]"))
    }

    @Test func kubernetesExecutorWithItsSection() throws {
        let text = runner(replacingLine: 5, with: #"executor = "kubernetes""#) + "\n[runners.kubernetes]\nprofile = \"nix\"\nnamespace = \"ci\"\npod_retention = 60\n"
        let configuration = try AgentConfiguration.parse(text, path: "/etc/flywheel/config.toml")
        let kubernetes = try #require(configuration.runners.first?.kubernetes)
        #expect(configuration.runners.first?.executor == .kubernetes)
        #expect(kubernetes.profile == "nix")
        #expect(kubernetes.namespace == "ci")
        #expect(kubernetes.podRetention == 60)
        #expect(kubernetes.profilesDir == "/etc/flywheel/executors")
        #expect(kubernetes.kubeconfig == nil)
    }

    @Test func emptyName() throws {
        let error = try ConfigurationText.failure(runner(replacingLine: 2, with: #"name = """#))
        #expect(error.key == "runners[0].name")
        #expect(error.message.contains("must not be empty"))
    }

    @Test func duplicateRunnerNames() throws {
        let text = ConfigurationText.runner(name: "same") + "\n" + ConfigurationText.runner(name: "other") + "\n" + ConfigurationText.runner(name: "same")
        let error = try ConfigurationText.failure(text)
        #expect(error.key == "runners[2].name")
        #expect(error.line == 14)
        #expect(error.message.contains(#"duplicate runner name "same""#))
        #expect(error.message.contains("runners[0] at line 2"))
    }

    @Test func tokenProblems() throws {
        let both = try ConfigurationText.failure(ConfigurationText.runner(#"token_file = "/run/secrets/token""#))
        #expect(both.key == "runners[0].token_file")
        #expect(both.message.contains("not both"))

        let empty = try ConfigurationText.failure(runner(replacingLine: 4, with: #"token = """#))
        #expect(empty.key == "runners[0].token")
        #expect(empty.message.contains("must not be empty"))

        let spaced = try ConfigurationText.failure(runner(replacingLine: 4, with: #"token = "glrt-a b""#))
        #expect(spaced.key == "runners[0].token")
        #expect(spaced.message.contains("whitespace"))
    }

    @Test func errorsNameTheRightRunner() throws {
        let text = ConfigurationText.runner(name: "a") + "\n" + ConfigurationText.runner(name: "b", "limit = -1")
        let error = try ConfigurationText.failure(text)
        #expect(error.key == "runners[1].limit")
        #expect(error.line == 12)
    }
}
