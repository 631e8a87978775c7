import Testing
@testable import RunnerConfiguration

/// Configuration snippets and helpers shared by the configuration tests.
enum ConfigurationText {
    /// The path the tests pretend the configuration was read from.
    static let path = "/etc/flywheel/config.toml"

    /// A `[[runners]]` section with only the required keys, plus `extra`
    /// lines appended to it.
    static func runner(name: String = "one", _ extra: String = "") -> String {
        """
        [[runners]]
        name = "\(name)"
        url = "https://gitlab.example.com"
        token = "glrt-secret"
        executor = "shell"
        \(extra)
        """
    }

    /// The error thrown when parsing `text` at ``path``.
    static func failure(_ text: String, path: String = path, sourceLocation: SourceLocation = #_sourceLocation) throws -> ConfigurationError {
        try #require(throws: ConfigurationError.self, sourceLocation: sourceLocation) {
            try AgentConfiguration.parse(text, path: path)
        }
    }
}
