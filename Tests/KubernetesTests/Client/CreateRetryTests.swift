import Foundation
import Kubernetes
import Logging
import NIOHTTP1
import Testing

/// Creates are never repeated blindly (notes §1.9).
@Suite struct CreateRetryTests {
    let pod = Pod(metadata: ObjectMeta(name: "job-1"), spec: PodSpec(containers: [Container(name: "build", image: "alpine")]))

    @Test func throttledCreateIsRetried() async throws {
        let transport = ScriptedTransport([
            ScriptedTransport.status(429, reason: "TooManyRequests", headers: [("Retry-After", "0")]),
            ScriptedTransport.json(Fixtures.podJSON(), status: .created),
        ])
        let client = KubernetesClient(transport: transport, retry: .fast, logger: .quiet)
        let created = try await client.create(pod, namespace: "ci", options: CreateOptions())
        #expect(created.metadata.uid == "uid-1")
        #expect(transport.requests.map(\.method) == [.POST, .POST])
    }

    @Test func unknownOutcomeIsCheckedBeforePostingAgain() async throws {
        let transport = ScriptedTransport([
            ScriptedTransport.status(500, reason: "InternalError"),
            ScriptedTransport.status(404, reason: "NotFound"),
            ScriptedTransport.json(Fixtures.podJSON(), status: .created),
        ])
        let client = KubernetesClient(transport: transport, retry: .fast, logger: .quiet)
        _ = try await client.create(pod, namespace: "ci", options: CreateOptions())
        #expect(transport.requests.map(\.method) == [.POST, .GET, .POST])
        #expect(transport.requests[1].path == "/api/v1/namespaces/ci/pods/job-1")
    }

    @Test func aTimedOutCreateThatWentThroughIsAdopted() async throws {
        let transport = ScriptedTransport([
            ScriptedTransport.fail(KubernetesClientError(code: .transport, operation: "POST", message: "read timeout")),
            ScriptedTransport.json(Fixtures.podJSON()),
        ])
        let client = KubernetesClient(transport: transport, retry: .fast, logger: .quiet)
        let created = try await client.create(pod, namespace: "ci", options: CreateOptions())
        #expect(created.metadata.uid == "uid-1")
        #expect(transport.requests.map(\.method) == [.POST, .GET])
    }

    @Test func alreadyExistsOnARetryMeansSuccess() async throws {
        let transport = ScriptedTransport([
            ScriptedTransport.status(504, reason: "Timeout"),
            ScriptedTransport.status(404, reason: "NotFound"),
            ScriptedTransport.status(409, reason: "AlreadyExists", message: #"pods \"job-1\" already exists"#),
            ScriptedTransport.json(Fixtures.podJSON()),
        ])
        let client = KubernetesClient(transport: transport, retry: .fast, logger: .quiet)
        let created = try await client.create(pod, namespace: "ci", options: CreateOptions())
        #expect(created.metadata.name == "job-1")
        #expect(transport.requests.map(\.method) == [.POST, .GET, .POST, .GET])
    }

    @Test func alreadyExistsOnTheFirstTryIsAnError() async throws {
        let transport = ScriptedTransport([ScriptedTransport.status(409, reason: "AlreadyExists", message: "exists")])
        let client = KubernetesClient(transport: transport, retry: .fast, logger: .quiet)
        do {
            _ = try await client.create(pod, namespace: "ci", options: CreateOptions())
            Issue.record("expected an error")
        } catch let error as KubernetesError {
            #expect(error.isAlreadyExists)
        }
        #expect(transport.requests.count == 1)
    }

    @Test func generateNameCannotBeVerifiedSoIsNotRetried() async throws {
        let transport = ScriptedTransport([ScriptedTransport.status(503, reason: "ServiceUnavailable")])
        let client = KubernetesClient(transport: transport, retry: .fast, logger: .quiet)
        await #expect(throws: KubernetesError.self) {
            try await client.create(Pod(metadata: ObjectMeta(generateName: "job-")), namespace: "ci", options: CreateOptions())
        }
        #expect(transport.requests.count == 1)
    }

    @Test func aRefusedConnectionIsRetriedEvenForGenerateName() async throws {
        let transport = ScriptedTransport([
            ScriptedTransport.fail(KubernetesClientError(code: .connectionFailed, operation: "POST", message: "connection refused")),
            ScriptedTransport.json(Fixtures.podJSON(), status: .created),
        ])
        let client = KubernetesClient(transport: transport, retry: .fast, logger: .quiet)
        _ = try await client.create(Pod(metadata: ObjectMeta(generateName: "job-")), namespace: "ci", options: CreateOptions())
        #expect(transport.requests.map(\.method) == [.POST, .POST])
    }

    @Test func createSendsTheObjectAndOptions() async throws {
        let transport = ScriptedTransport([ScriptedTransport.json(Fixtures.podJSON(), status: .created)])
        let client = KubernetesClient(transport: transport, retry: .fast, logger: .quiet)
        _ = try await client.create(Pod(apiVersion: nil, kind: nil, metadata: ObjectMeta(name: "job-1")), namespace: "ci", options: CreateOptions(dryRun: true))
        let request = try #require(transport.requests.first)
        #expect(request.bare == "/api/v1/namespaces/ci/pods")
        #expect(request.query("fieldManager") == "flywheel")
        #expect(request.query("fieldValidation") == "Strict")
        #expect(request.query("dryRun") == "All")
        #expect(request.headers.first(name: "Content-Type") == "application/json")
        #expect(request.headers.first(name: "Accept") == "application/json")
        #expect(request.bodyText == #"{"apiVersion":"v1","kind":"Pod","metadata":{"name":"job-1"}}"#)
    }
}

extension CreateRetryTests {
    @Test func quotaRefusalsAreRetriedWithBackoff() async throws {
        let transport = ScriptedTransport([
            ScriptedTransport.status(403, reason: "Forbidden", message: #"pods \"job-1\" is forbidden: exceeded quota: compute, requested: cpu=1, used: cpu=4, limited: cpu=4"#),
            ScriptedTransport.json(Fixtures.podJSON(), status: .created),
        ])
        let client = KubernetesClient(transport: transport, retry: .fast, logger: .quiet)
        _ = try await client.create(pod, namespace: "ci", options: CreateOptions())
        #expect(transport.requests.map(\.method) == [.POST, .POST])
    }
}
