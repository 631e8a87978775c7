import Foundation
import Kubernetes
import Logging
import NIOHTTP1
import Testing

@Suite struct RetryPolicyTests {
    @Test func backoffGrowsAndIsCapped() {
        let policy = KubernetesRetryPolicy(maxAttempts: 10, initialBackoff: .milliseconds(100), maxBackoff: .seconds(1))
        for _ in 0..<50 {
            let first = policy.delay(afterAttempt: 1)
            #expect(first >= .milliseconds(50) && first <= .milliseconds(150))
            let third = policy.delay(afterAttempt: 3)
            #expect(third >= .milliseconds(200) && third <= .milliseconds(600))
            #expect(policy.delay(afterAttempt: 9) <= .seconds(1))
        }
        #expect(policy.delay(afterAttempt: 1, retryAfter: .seconds(7)) == .seconds(7))
        #expect(policy.delay(afterAttempt: 1, retryAfter: .seconds(600)) == .seconds(60))
    }

    @Test func whatIsRetryable() {
        #expect(KubernetesRetryPolicy.isRetryable(code: 429, idempotent: false))
        for code in [500, 502, 503, 504] {
            #expect(KubernetesRetryPolicy.isRetryable(code: code, idempotent: true))
            #expect(!KubernetesRetryPolicy.isRetryable(code: code, idempotent: false))
        }
        for code in [400, 401, 403, 404, 409, 410, 422, 501] {
            #expect(!KubernetesRetryPolicy.isRetryable(code: code, idempotent: true))
        }
    }

    @Test func tooManyRequestsHonoursRetryAfter() async throws {
        let transport = ScriptedTransport([
            ScriptedTransport.status(429, reason: "TooManyRequests", message: "slow down", headers: [("Retry-After", "1")]),
            ScriptedTransport.json(Fixtures.podJSON()),
        ])
        let client = KubernetesClient(transport: transport, retry: .fast, logger: .quiet)
        let start = ContinuousClock.now
        _ = try await client.get(Pod.self, name: "job-1", namespace: "ci")
        #expect(ContinuousClock.now - start >= .milliseconds(950))
        #expect(transport.requests.count == 2)
    }

    @Test func idempotentCallsRetryServerErrors() async throws {
        let transport = ScriptedTransport([
            ScriptedTransport.status(500, reason: "InternalError"),
            ScriptedTransport.status(503, reason: "ServiceUnavailable"),
            ScriptedTransport.fail(ConnectionReset()),
            ScriptedTransport.json(Fixtures.podList(resourceVersion: "5", pods: [("a", "4", "ua")])),
        ])
        let client = KubernetesClient(transport: transport, retry: .fast, logger: .quiet)
        let list = try await client.list(Pod.self, namespace: "ci", options: ListOptions(labelSelector: "app=ci"))
        #expect(list.metadata.resourceVersion == "5")
        #expect(list.items.map(\.kind) == ["Pod"])
        #expect(list.items.map(\.apiVersion) == ["v1"])
        #expect(transport.requests.count == 4)
    }

    @Test func attemptsRunOut() async throws {
        let transport = ScriptedTransport([], fallback: ScriptedTransport.status(504, reason: "Timeout"))
        let client = KubernetesClient(transport: transport, retry: .fast, logger: .quiet)
        await #expect(throws: KubernetesError.self) { try await client.get(Pod.self, name: "x", namespace: "ci") }
        #expect(transport.requests.count == KubernetesRetryPolicy.fast.maxAttempts)
    }

    @Test func clientErrorsAreNotRetried() async throws {
        let transport = ScriptedTransport([ScriptedTransport.status(403, reason: "Forbidden", message: "pods is forbidden")])
        let client = KubernetesClient(transport: transport, retry: .fast, logger: .quiet)
        await #expect(throws: KubernetesError.self) { try await client.delete(Pod.self, name: "x", namespace: "ci") }
        #expect(transport.requests.count == 1)
    }

    @Test func deleteAndPatchRetryToo() async throws {
        let transport = ScriptedTransport([
            ScriptedTransport.status(502, reason: "InternalError"),
            ScriptedTransport.json(#"{"kind":"Status","apiVersion":"v1","status":"Success","details":{"name":"s","kind":"secrets"}}"#),
            ScriptedTransport.fail(ConnectionReset()),
            ScriptedTransport.json(#"{"kind":"Secret","apiVersion":"v1","metadata":{"name":"s"}}"#),
        ])
        let client = KubernetesClient(transport: transport, retry: .fast, logger: .quiet)
        let deleted = try await client.delete(Secret.self, name: "s", namespace: "ci")
        #expect(deleted == nil)
        let patched = try await client.mergePatch(Secret.self, name: "s", namespace: "ci", patch: ["metadata": ["labels": ["a": "b"]]])
        #expect(patched.metadata.name == "s")
    }
}
