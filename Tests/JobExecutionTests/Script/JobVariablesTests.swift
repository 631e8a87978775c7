import GitLabRunnerAPI
import JobExecution
import Testing

@Suite struct JobVariablesTests {
    static func variables(_ variables: [JobVariable], runner: RunnerContext = RunnerContext(), image: String? = nil) throws -> JobVariables {
        var job = try JobFixtures.job(variables: variables)
        if let image { job.image = JobImage(name: image) }
        return JobVariables(job: job, layout: JobLayout(buildsDir: "/builds/", job: job), runner: runner)
    }

    @Test func runnerAddsPredefinedVariables() throws {
        let runner = RunnerContext(concurrentID: 3, concurrentProjectID: 1, shortToken: "t1_abcdef", version: "9.9.9", revision: "abc123", executableArch: "linux/amd64")
        let variables = try Self.variables([], runner: runner, image: "alpine:3")
        #expect(variables.value(of: "CI_BUILDS_DIR") == "/builds")
        #expect(variables.value(of: "CI_PROJECT_DIR") == "/builds/acme/widget")
        #expect(variables.value(of: "RUNNER_TEMP_PROJECT_DIR") == "/builds/acme/widget.tmp")
        #expect(variables.value(of: "CI_SERVER") == "yes")
        #expect(variables.value(of: "CI_JOB_STATUS") == "running")
        #expect(variables.value(of: "CI_JOB_TIMEOUT") == "3600")
        #expect(variables.value(of: "CI_CONCURRENT_ID") == "3")
        #expect(variables.value(of: "CI_CONCURRENT_PROJECT_ID") == "1")
        #expect(variables.value(of: "CI_RUNNER_SHORT_TOKEN") == "t1_abcdef")
        #expect(variables.value(of: "CI_RUNNER_VERSION") == "9.9.9")
        #expect(variables.value(of: "CI_RUNNER_REVISION") == "abc123")
        #expect(variables.value(of: "CI_RUNNER_EXECUTABLE_ARCH") == "linux/amd64")
        #expect(variables.value(of: "CI_SHARED_ENVIRONMENT") == "true")
        #expect(variables.value(of: "CI_DISPOSABLE_ENVIRONMENT") == nil)
        #expect(variables.value(of: "CI_JOB_IMAGE") == "alpine:3")
        let pod = try Self.variables([], runner: RunnerContext(disposableEnvironment: true))
        #expect(pod.value(of: "CI_DISPOSABLE_ENVIRONMENT") == "true")
        #expect(pod.value(of: "CI_SHARED_ENVIRONMENT") == nil)
        #expect(pod.value(of: "CI_RUNNER_SHORT_TOKEN") == nil)
        #expect(Set(variables.all.map(\.key)).count == variables.all.count, "every key once")
    }

    @Test func precedenceJobOverRunnerExceptRunnerOwnedDirectories() throws {
        let runner = RunnerContext(environment: ["CI_SERVER=env", "FROM_ENV=env", "SHARED=env", "NO_EQUALS", "CI_PROJECT_DIR=/elsewhere", "WITH_EQ=a=b"])
        let variables = try Self.variables([
            JobVariable(key: "SHARED", value: "job"),
            JobVariable(key: "CI_PROJECT_DIR", value: "/hijack"),
            JobVariable(key: "CI_BUILDS_DIR", value: "/hijack"),
            JobVariable(key: "CI_JOB_STATUS", value: "job-said"),
        ], runner: runner)
        #expect(variables.value(of: "CI_SERVER") == "env")
        #expect(variables.value(of: "FROM_ENV") == "env")
        #expect(variables.value(of: "SHARED") == "job")
        #expect(variables.value(of: "WITH_EQ") == "a=b")
        #expect(variables.value(of: "NO_EQUALS") == nil)
        #expect(variables.value(of: "CI_PROJECT_DIR") == "/builds/acme/widget")
        #expect(variables.value(of: "CI_BUILDS_DIR") == "/builds")
        #expect(variables.value(of: "CI_JOB_STATUS") == "job-said")
    }

    @Test func expansion() throws {
        let variables = try Self.variables([
            JobVariable(key: "A", value: "x"),
            JobVariable(key: "B", value: "$A-${A}-$A_SUFFIX"),
            JobVariable(key: "C", value: "$A literal", raw: true),
            JobVariable(key: "D", value: "$$A costs $$5"),
            JobVariable(key: "E", value: "[$UNKNOWN][${UNKNOWN}]"),
            JobVariable(key: "F", value: "$CI_PROJECT_DIR/sub"),
            JobVariable(key: "G", value: "$B and $C"),
            JobVariable(key: "H", value: "$ alone, ${not closed, ${}, $1, trailing $"),
            JobVariable(key: "LOOP1", value: "<$LOOP2>"),
            JobVariable(key: "LOOP2", value: "($LOOP1)"),
            JobVariable(key: "SELF", value: "/opt/bin:$SELF"),
            JobVariable(key: "USES_LATER", value: "$LATER"),
            JobVariable(key: "LATER", value: "later"),
            JobVariable(key: "UNI", value: "ü$A🚀"),
        ])
        #expect(variables.value(of: "B") == "x-x-")
        #expect(variables.value(of: "C") == "$A literal")
        #expect(variables.value(of: "D") == "$A costs $5")
        #expect(variables.value(of: "E") == "[][]")
        #expect(variables.value(of: "F") == "/builds/acme/widget/sub")
        #expect(variables.value(of: "G") == "x-x- and $A literal")
        #expect(variables.value(of: "H") == "$ alone, ${not closed, ${}, $1, trailing $")
        #expect(variables.value(of: "LOOP1") == "<()>")
        #expect(variables.value(of: "SELF") == "/opt/bin:")
        #expect(variables.value(of: "USES_LATER") == "later")
        #expect(variables.value(of: "UNI") == "üx🚀")
        #expect(variables.variable("C")?.raw == true)
    }

    @Test func maskedValuesIncludeTheJobTokenAndMaskedVariables() throws {
        let variables = try Self.variables([
            JobVariable(key: "API_SECRET", value: "s3cr3tValue1234", isPublic: false, masked: true),
            JobVariable(key: "DERIVED", value: "pre-$API_SECRET", masked: true),
            JobVariable(key: "PUBLIC", value: "visible"),
            JobVariable(key: "EMPTY_MASKED", value: "", masked: true),
        ])
        #expect(variables.maskedValues.contains(JobFixtures.token))
        #expect(variables.maskedValues.contains("s3cr3tValue1234"))
        #expect(variables.maskedValues.contains("pre-$API_SECRET"))
        #expect(variables.maskedValues.contains("pre-s3cr3tValue1234"))
        #expect(!variables.maskedValues.contains("visible"))
        #expect(!variables.maskedValues.contains(""))
        #expect(variables.maskedValues.count == Set(variables.maskedValues).count)
    }

    @Test func jobTokenIsExportedWhenGitLabDidNotSendIt() {
        let job = JobPayload(id: 1, token: "glcbt-only-in-payload")
        let variables = JobVariables(job: job, layout: JobLayout(buildsDir: "/b", job: job))
        #expect(variables.value(of: "CI_JOB_TOKEN") == "glcbt-only-in-payload")
        #expect(variables.variable("CI_JOB_TOKEN")?.masked == true)
        #expect(variables.maskedValues == ["glcbt-only-in-payload"])
    }
}
