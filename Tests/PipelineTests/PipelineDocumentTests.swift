import GitLabRunnerAPI
import Pipeline
import Testing

@Suite struct PipelineDocumentTests {
    @Test func extendsMergesDeeplyInOrderAndTheJobWins() throws {
        let fixture = try PipelineFixture([".gitlab-ci.yml": """
            .base:
              image: alpine:3.20
              variables: {A: base, B: base}
              script: [echo base]
            .more:
              extends: .base
              variables: {B: more, C: more}
              timeout: 1h 30m
            .other:
              variables: {C: other}
            job:
              extends: [.more, .other]
              variables: {D: job}
              script: [echo job]
            """])
        defer { fixture.remove() }
        let job = try fixture.job("job")
        #expect(job.image?.name == "alpine:3.20")
        #expect(job.script == ["echo job"])
        #expect(job.timeoutSeconds == 5400)
        #expect(job.variables.map { "\($0.key)=\($0.value)" } == ["A=base", "B=more", "C=other", "D=job"])
        #expect(try fixture.load().jobNames == ["job"])
    }

    @Test func referencesIncludesAnchorsAndDefaults() throws {
        let fixture = try PipelineFixture([
            ".gitlab-ci.yml": """
                include:
                  - local: ci/shared.yml
                  - /ci/more.yml
                default:
                  before_script: [echo default-before]
                  after_script: [echo default-after]
                .vars: &vars
                  FROM_ANCHOR: anchored
                variables:
                  GLOBAL: g
                  RAW: {value: "$GLOBAL", expand: false}
                build:
                  variables:
                    <<: *vars
                    OWN: own
                  script:
                    - !reference [.setup, script]
                    - echo build
                isolated:
                  inherit: {default: false, variables: false}
                  script: echo alone
                """,
            "ci/shared.yml": ".setup:\n  script: [echo one, echo two]\n",
            "ci/more.yml": "variables:\n  GLOBAL: from-include\n  INCLUDED: yes-really\n",
        ])
        defer { fixture.remove() }
        let build = try fixture.job("build")
        #expect(build.beforeScript == ["echo default-before"])
        #expect(build.afterScript == ["echo default-after"])
        #expect(build.script == ["echo one", "echo two", "echo build"])
        let variables = Dictionary(uniqueKeysWithValues: build.variables.map { ($0.key, $0) })
        #expect(variables["GLOBAL"]?.value == "g", "the including file wins over the included one")
        #expect(variables["INCLUDED"]?.value == "yes-really")
        #expect(variables["RAW"]?.raw == true && variables["RAW"]?.value == "$GLOBAL")
        #expect(variables["FROM_ANCHOR"]?.value == "anchored")
        #expect(variables["OWN"]?.value == "own")
        let isolated = try fixture.job("isolated")
        #expect(isolated.beforeScript.isEmpty && isolated.afterScript.isEmpty && isolated.variables.isEmpty)
        #expect(isolated.script == ["echo alone"])
    }

    @Test func unsupportedKeywordsAreNamedNotDropped() throws {
        let fixture = try PipelineFixture([".gitlab-ci.yml": """
            job:
              script: [make]
              artifacts: {paths: [out/]}
              cache: {paths: [.cache]}
              rules: [{when: always}]
              tags: [nix]
            """])
        defer { fixture.remove() }
        let job = try fixture.job("job")
        #expect(job.ignoredKeywords == ["artifacts", "cache"])
        #expect(job.pipelineOnlyKeywords == ["rules", "tags"])
    }

    @Test(arguments: [
        ("a:\n  extends: b\n  script: [x]\nb:\n  extends: a\n", "a", "`extends` cycle: a → b → a"),
        ("a:\n  extends: .missing\n  script: [x]\n", "a", "extends `.missing`, which is not a job"),
        ("a:\n  script: [x]\n", "b", "no job `b` (jobs: a)"),
        ("a:\n  image: alpine\n", "a", "a job needs a non-empty `script`"),
        ("a:\n  script: [!reference [.nope, script]]\n", "a", "!reference [\".nope\", \"script\"]: no `.nope`"),
        ("include: https://example.com/ci.yml\na:\n  script: [x]\n", "a", "is remote; flywheel exec supports `include: local` only"),
        ("a:\n  script: [x]\n  timeout: soon\n", "a", "`soon` is not a duration"),
        ("a: [unclosed\n", "a", "not valid YAML"),
    ])
    func badPipelinesGetClearErrors(yaml: String, job: String, message: String) throws {
        let fixture = try PipelineFixture([".gitlab-ci.yml": yaml])
        defer { fixture.remove() }
        let error = #expect(throws: PipelineError.self) { try fixture.job(job) }
        #expect(error?.message.contains(message) == true, "\(error?.message ?? "no error")")
        #expect(error?.message.contains(".gitlab-ci.yml") == true)
    }
}
