import Foundation
import Kubernetes
import Logging
import NIOCore
import NIOHTTP1
import Testing

@Suite struct PodLogStreamTests {
    static func collect(_ stream: PodLogStream) async throws -> String {
        var text = ""
        for try await chunk in stream { text += String(buffer: chunk) }
        return text
    }

    @Test func followsAndResumesAfterACutWithoutRepeats() async throws {
        let transport = ScriptedTransport([
            ScriptedTransport.chunks(["2025-01-01T00:00:01.1Z line 1\n2025-01-01T00:00:01.2Z line", " 2 part"], thenFail: ConnectionReset()),
            ScriptedTransport.json(Fixtures.pod(state: "running")),
            ScriptedTransport.chunks(["2025-01-01T00:00:01.1Z line 1\n2025-01-01T00:00:01.2Z line 2 part two\n2025-01-01T00:00:02Z line 3\n"]),
            ScriptedTransport.json(Fixtures.pod(state: "terminated")),
            ScriptedTransport.chunks(["2025-01-01T00:00:02Z line 3\n2025-01-01T00:00:04Z last\n"]),
        ])
        let client = KubernetesClient(transport: transport, retry: .fast, logger: .quiet)
        let text = try await Self.collect(client.followLog(pod: "job-1", container: "build", namespace: "ci"))
        #expect(text == "line 1\nline 2 part two\nline 3\nlast\n")
        let logs = transport.requests.filter { $0.bare.hasSuffix("/log") }
        #expect(logs.count == 3)
        #expect(logs[0].path == "/api/v1/namespaces/ci/pods/job-1/log?container=build&follow=true&timestamps=true")
        #expect(logs[1].query("sinceTime") == "2025-01-01T00:00:01Z")
        #expect(logs[2].query("sinceTime") == "2025-01-01T00:00:02Z")
        #expect(transport.remainingSteps == 0)
    }

    @Test func keepsTimestampsWhenAskedAndHonoursSinceTime() async throws {
        let transport = ScriptedTransport([
            ScriptedTransport.chunks(["2025-01-01T00:00:05Z x\n"]),
            ScriptedTransport.json(Fixtures.pod(state: "terminated")),
            ScriptedTransport.chunks(["2025-01-01T00:00:05Z x\n"]),
        ])
        let client = KubernetesClient(transport: transport, retry: .fast, logger: .quiet)
        let since = Date(timeIntervalSince1970: 1_735_689_605)
        let text = try await Self.collect(client.followLog(pod: "job-1", container: "build", namespace: "ci", sinceTime: since, timestamps: true))
        #expect(text == "2025-01-01T00:00:05Z x\n")
        #expect(transport.requests[0].query("sinceTime") == "2025-01-01T00:00:05Z")
    }

    @Test func aVanishedPodEndsTheLog() async throws {
        let transport = ScriptedTransport([
            ScriptedTransport.chunks(["2025-01-01T00:00:05Z x\n"], thenFail: ConnectionReset()),
            ScriptedTransport.status(404, reason: "NotFound", message: #"pods "job-1" not found"#),
        ])
        let client = KubernetesClient(transport: transport, retry: .fast, logger: .quiet)
        #expect(try await Self.collect(client.followLog(pod: "job-1", container: "build", namespace: "ci")) == "x\n")
    }

    @Test func aContainerThatHasNotStartedIsAnError() async throws {
        let transport = ScriptedTransport([
            ScriptedTransport.status(400, reason: "BadRequest", message: #"container \"build\" in pod \"job-1\" is waiting to start: ContainerCreating"#)
        ])
        let client = KubernetesClient(transport: transport, retry: .fast, logger: .quiet)
        do {
            _ = try await Self.collect(client.followLog(pod: "job-1", container: "build", namespace: "ci"))
            Issue.record("expected an error")
        } catch let error as KubernetesError {
            #expect(error.isBadRequest)
            #expect(error.advice.contains("wait"))
        }
    }

    @Test func withoutResumeTheBodyPassesThrough() async throws {
        let transport = ScriptedTransport([ScriptedTransport.chunks(["raw 1\n", "raw 2\n"])])
        let client = KubernetesClient(transport: transport, retry: .fast, logger: .quiet)
        let options = LogOptions(follow: false, tailLines: 2, limitBytes: 100, resume: false)
        #expect(try await Self.collect(client.followLog(pod: "job-1", container: "build", namespace: "ci", options: options)) == "raw 1\nraw 2\n")
        #expect(transport.requests[0].path == "/api/v1/namespaces/ci/pods/job-1/log?container=build&tailLines=2&limitBytes=100")
    }
}
