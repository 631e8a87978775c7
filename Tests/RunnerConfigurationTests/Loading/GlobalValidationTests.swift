import Testing
@testable import RunnerConfiguration

@Suite("Global setting validation")
struct GlobalValidationTests {
    @Test func descriptionNamesFileLineKeyAndProblem() throws {
        let error = try ConfigurationText.failure("log_level = \"info\"\nconcurrent = 0\n", path: "config.toml")
        #expect(error.path == "config.toml")
        #expect(error.line == 2)
        #expect(error.key == "concurrent")
        #expect(error.description.hasPrefix("config.toml:2: concurrent: must be ≥ 1, got 0"))
    }

    @Test func wrongTypeSaysWhatWasExpected() throws {
        let error = try ConfigurationText.failure(#"concurrent = "4""#)
        #expect(error.key == "concurrent")
        #expect(error.line == 1)
        #expect(error.message.hasPrefix(#"must be an integer, got string "4""#))
        #expect(error.message.contains("remove the quotes"))

        let float = try ConfigurationText.failure("check_interval = 1.5")
        #expect(float.key == "check_interval")
        #expect(float.message.hasPrefix("must be an integer, got float 1.5"))

        let number = try ConfigurationText.failure("log_level = 3")
        #expect(number.key == "log_level")
        #expect(number.message.hasPrefix("must be a string, got integer 3"))
    }

    @Test(arguments: [
        ("concurrent = 0", "concurrent", "must be ≥ 1, got 0"),
        ("concurrent = -2", "concurrent", "must be ≥ 1, got -2"),
        ("check_interval = -1", "check_interval", "must be ≥ 0, got -1"),
        ("shutdown_timeout = -5", "shutdown_timeout", "must be ≥ 0, got -5"),
    ])
    func ranges(_ text: String, _ key: String, _ message: String) throws {
        let error = try ConfigurationText.failure(text)
        #expect(error.key == key)
        #expect(error.message.hasPrefix(message), "\(error.message)")
    }

    @Test func logLevelListsAllowedValuesAndSuggests() throws {
        let error = try ConfigurationText.failure(#"log_level = "warning""#)
        #expect(error.key == "log_level")
        #expect(error.message.contains("must be one of `debug`, `info`, `warn`, `error`"))
        #expect(error.message.contains("did you mean `warn`?"))

        let format = try ConfigurationText.failure(#"log_format = "xml""#)
        #expect(format.key == "log_format")
        #expect(format.message.contains("must be one of `text`, `json`"))
    }

    @Test(arguments: ["127.0.0.1:9252", ":9252", "[::1]:9252", "metrics.local:65535"])
    func validListenAddresses(_ address: String) throws {
        let configuration = try AgentConfiguration.parse("listen_address = \"\(address)\"", path: ConfigurationText.path)
        #expect(configuration.listenAddress == address)
    }

    @Test(arguments: ["9252", "host:0", "host:70000", "host:http", "::1:9252", "host:", "a b:1"])
    func invalidListenAddresses(_ address: String) throws {
        let error = try ConfigurationText.failure("listen_address = \"\(address)\"")
        #expect(error.key == "listen_address")
        #expect(error.message.contains("must be host:port"))
    }

    @Test func runnersMustBeAnArrayOfTables() throws {
        let single = try ConfigurationText.failure("[runners]\nname = \"x\"")
        #expect(single.key == "runners")
        #expect(single.line == 1)
        #expect(single.message.contains("write [[runners]]"))

        let scalar = try ConfigurationText.failure("runners = 1")
        #expect(scalar.message.contains("got integer 1"))

        let array = try ConfigurationText.failure("runners = [1]")
        #expect(array.key == "runners[0]")
        #expect(array.message.contains("got integer 1"))
    }

    @Test func syntaxErrorsKeepLineAndColumn() throws {
        let error = try ConfigurationText.failure("concurrent = 1\nlog_level = info", path: "config.toml")
        #expect(error.line == 2)
        #expect(error.column == 13)
        #expect(error.key == nil)
        #expect(error.description.hasPrefix("config.toml:2:13: invalid TOML: "))
        #expect(error.message.contains("strings must be quoted"))
    }
}
