import AsyncHTTPClient
import Foundation
import GitLabRunnerAPI
import NIOCore
import NIOHTTP1
import Pipeline
import Simulators
import Testing

/// The payload `flywheel exec` builds is the one GitLab sends: queued in the GitLab simulator and
/// taken by a runner, it comes back unchanged (the simulator adds GitLab's defaults only where a
/// field is missing).
@Suite struct PayloadAsGitLabSendsItTests {
    @Test func execPayloadEqualsWhatTheSimulatorDelivers() async throws {
        let fixture = try PipelineFixture([".gitlab-ci.yml": """
            variables: {GLOBAL: one, RAW: {value: "$GLOBAL", expand: false}}
            .template:
              image: {name: "alpine:3.20", entrypoint: [""]}
              services: [{name: "postgres:16", alias: db, variables: {POSTGRES_PASSWORD: pw}}]
              timeout: 20m
            job:
              extends: .template
              stage: check
              before_script: [echo before]
              script: [echo one, echo two]
              after_script: [echo after]
              variables: {OWN: "1"}
            """])
        defer { fixture.remove() }
        let job = try fixture.job("job")
        let simulator = GitLabSimulator(configuration: GitLabSimulatorConfiguration())
        _ = try await simulator.start()
        defer { Task { await simulator.stop() } }

        var context = LocalJobContext(
            jobToken: "glcbt-exec-compare", projectFullPath: "group/project", repositoryURL: "file:///src/project",
            ref: "main", sha: "0123456789abcdef0123456789abcdef01234567", serverURL: simulator.baseURL
        )
        context.jobID = 4242
        context.extraVariables = [JobVariable(key: "FROM_CLI", value: "x")]
        let payload = job.payload(context)
        _ = try simulator.enqueue(jobJSON: Array(try JSONEncoder().encode(payload)))

        var request = HTTPClientRequest(url: simulator.baseURL + "/api/v4/jobs/request")
        request.method = .POST
        request.headers.add(name: "Content-Type", value: "application/json")
        request.body = .bytes(ByteBuffer(string: #"{"token": "\#(GitLabSimulatorConfiguration().runnerToken)", "info": {"features": {"trace_sections": true}}}"#))
        let response = try await HTTPClient.shared.execute(request, timeout: .seconds(30))
        #expect(response.status.code == 201)
        let body = try await response.body.collect(upTo: 1 << 20)
        let delivered = try JSONDecoder().decode(JobPayload.self, from: Data(body.readableBytesView))
        #expect(delivered == payload)
        // And the parts that come from the YAML are what GitLab derives from it.
        #expect(payload.steps.map(\.name) == ["script", "after_script"])
        #expect(payload.steps[0].script == ["echo before", "echo one", "echo two"])
        #expect(payload.steps.allSatisfy { $0.timeout == 1200 })
        #expect(payload.image == JobImage(name: "alpine:3.20", entrypoint: [""]))
        #expect(payload.services.first?.alias == "db")
        #expect(payload.variables.suffix(4).map(\.key) == ["GLOBAL", "RAW", "OWN", "FROM_CLI"])
        #expect(payload.variables.first { $0.key == "CI_JOB_TOKEN" }?.isPublic == false)
    }
}
