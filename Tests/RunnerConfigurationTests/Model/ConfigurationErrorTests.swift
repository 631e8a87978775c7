import Testing
@testable import RunnerConfiguration

@Suite("ConfigurationError")
struct ConfigurationErrorTests {
    @Test func descriptionIncludesWhatIsKnown() {
        #expect(ConfigurationError(path: "config.toml", line: 12, key: "runners[0].limit", message: "must be ≥ 0, got -1").description
            == "config.toml:12: runners[0].limit: must be ≥ 0, got -1")
        #expect(ConfigurationError(path: "config.toml", line: 3, column: 9, message: "invalid TOML: x").description
            == "config.toml:3:9: invalid TOML: x")
        #expect(ConfigurationError(path: "/etc/flywheel/config.toml", message: "configuration file not found").description
            == "/etc/flywheel/config.toml: configuration file not found")
        #expect(ConfigurationError(path: "c.toml", column: 4, key: "k", message: "m").description == "c.toml: k: m",
                "a column without a line is not shown")
    }
}
