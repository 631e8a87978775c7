import Testing
@testable import RunnerConfiguration

@Suite("Unknown keys")
struct UnknownKeyTests {
    @Test func unknownGlobalKeyWithSuggestion() throws {
        let error = try ConfigurationText.failure("log_level = \"info\"\nconcurent = 2", path: "config.toml")
        #expect(error.key == "concurent")
        #expect(error.line == 2)
        #expect(error.description == "config.toml:2: concurent: unknown key; did you mean `concurrent`?")
    }

    @Test func unknownRunnerKeyNamesTheFullPath() throws {
        let text = ConfigurationText.runner(name: "a") + "\n" + ConfigurationText.runner(name: "b", "limt = 2")
        let error = try ConfigurationText.failure(text)
        #expect(error.key == "runners[1].limt")
        #expect(error.line == 12)
        #expect(error.message == "unknown key; did you mean `limit`?")
    }

    @Test func misspeltGlobalKeyInsideARunner() throws {
        let error = try ConfigurationText.failure(ConfigurationText.runner("concurent = 2"))
        #expect(error.key == "runners[0].concurent")
        #expect(error.message.contains("did you mean `concurrent`?"))
        #expect(error.message.contains("global setting"))
    }

    @Test func unknownKeyWithoutSuggestionListsKnownKeys() throws {
        let error = try ConfigurationText.failure("sentry_dsn = \"x\"")
        #expect(error.key == "sentry_dsn")
        #expect(!error.message.contains("did you mean"))
        #expect(error.message.contains("`concurrent`"))
        #expect(error.message.contains("`listen_address`"))
    }

    @Test func unknownRunnerSection() throws {
        let error = try ConfigurationText.failure(ConfigurationText.runner("[runners.docker]\nimage = \"alpine\""))
        #expect(error.key == "runners[0].docker")
        #expect(error.line == 6)
        #expect(error.message.contains("unknown key"))
    }

    @Test func unknownKubernetesKeyIsNamed() throws {
        let error = try ConfigurationText.failure(ConfigurationText.runner("[runners.kubernetes]\nprofile = \"docker\"\nnamespce = \"ci\""))
        #expect(error.key == "runners[0].kubernetes.namespce")
        #expect(error.message.contains("namespace"))
    }

    @Test func globalKeyAfterRunnersHeaderIsExplained() throws {
        let error = try ConfigurationText.failure(ConfigurationText.runner("concurrent = 4"))
        #expect(error.key == "runners[0].concurrent")
        #expect(error.message.contains("move it above the first [[runners]] section"))
    }

    @Test func runnerKeyAtTopLevelIsExplained() throws {
        let error = try ConfigurationText.failure("executor = \"shell\"")
        #expect(error.key == "executor")
        #expect(error.message.contains("move it into a [[runners]] section"))
    }

    @Test func unknownKeysAreReportedBeforeMissingOnes() throws {
        let error = try ConfigurationText.failure("[[runners]]\nnmae = \"x\"")
        #expect(error.key == "runners[0].nmae")
        #expect(error.message.contains("did you mean `name`?"))
    }
}
