import Foundation
import Kubernetes
import Logging
import NIOHTTP1
import Testing

/// The exact requests of notes §1.1 and §1.4.
@Suite struct RequestShapeTests {
    @Test func listEscapesSelectors() async throws {
        let transport = ScriptedTransport([ScriptedTransport.json(Fixtures.podList(resourceVersion: "1", pods: []))])
        let client = KubernetesClient(transport: transport, retry: .fast, logger: .quiet)
        _ = try await client.list(Pod.self, namespace: "ci", options: ListOptions(labelSelector: "app.kubernetes.io/managed-by=flywheel,job in (1,2)", fieldSelector: "status.phase!=Succeeded", limit: 500))
        let request = try #require(transport.requests.first)
        #expect(request.path == "/api/v1/namespaces/ci/pods?labelSelector=app.kubernetes.io%2Fmanaged-by%3Dflywheel%2Cjob%20in%20%281%2C2%29&fieldSelector=status.phase%21%3DSucceeded&limit=500")
        #expect(request.method == .GET)
    }

    @Test func deleteSendsOptionsInQueryAndBody() async throws {
        let transport = ScriptedTransport([ScriptedTransport.json(Fixtures.podJSON())])
        let client = KubernetesClient(transport: transport, retry: .fast, logger: .quiet)
        let pod = try await client.delete(Pod.self, name: "job-1", namespace: "ci", gracePeriodSeconds: 0, propagationPolicy: .background, preconditions: DeletePreconditions(uid: "uid-1"))
        #expect(pod?.metadata.name == "job-1")
        let request = try #require(transport.requests.first)
        #expect(request.method == .DELETE)
        #expect(request.path == "/api/v1/namespaces/ci/pods/job-1?gracePeriodSeconds=0&propagationPolicy=Background")
        #expect(request.bodyText == #"{"apiVersion":"v1","gracePeriodSeconds":0,"kind":"DeleteOptions","preconditions":{"uid":"uid-1"},"propagationPolicy":"Background"}"#)
    }

    @Test func mergePatchUsesItsContentType() async throws {
        let transport = ScriptedTransport([ScriptedTransport.json(#"{"metadata":{"name":"ci-job"}}"#)])
        let client = KubernetesClient(transport: transport, retry: .fast, logger: .quiet)
        let owner = OwnerReference(apiVersion: "v1", kind: "Pod", name: "job-1", uid: "uid-1", controller: false, blockOwnerDeletion: false)
        struct Patch: Encodable, Sendable {
            struct Metadata: Encodable, Sendable { var ownerReferences: [OwnerReference] }
            var metadata: Metadata
        }
        _ = try await client.mergePatch(Secret.self, name: "ci-job", namespace: "ci", patch: Patch(metadata: .init(ownerReferences: [owner])))
        let request = try #require(transport.requests.first)
        #expect(request.method == .PATCH)
        #expect(request.path == "/api/v1/namespaces/ci/secrets/ci-job")
        #expect(request.headers.first(name: "Content-Type") == "application/merge-patch+json")
        #expect(request.bodyText == #"{"metadata":{"ownerReferences":[{"apiVersion":"v1","blockOwnerDeletion":false,"controller":false,"kind":"Pod","name":"job-1","uid":"uid-1"}]}}"#)
    }

    @Test func replaceAndGetLeases() async throws {
        let lease = #"{"apiVersion":"coordination.k8s.io/v1","kind":"Lease","metadata":{"name":"deploy","resourceVersion":"8"},"spec":{"holderIdentity":"a"}}"#
        let transport = ScriptedTransport([ScriptedTransport.json(lease), ScriptedTransport.status(409, reason: "Conflict", message: "the object has been modified")])
        let client = KubernetesClient(transport: transport, retry: .fast, logger: .quiet)
        var current = try await client.get(Lease.self, name: "deploy", namespace: "ci")
        current.spec?.holderIdentity = "b"
        do {
            _ = try await client.replace(current, namespace: "ci")
            Issue.record("expected a conflict")
        } catch let error as KubernetesError {
            #expect(error.isConflict)
        }
        #expect(transport.requests[1].method == .PUT)
        #expect(transport.requests[1].path == "/apis/coordination.k8s.io/v1/namespaces/ci/leases/deploy")
        #expect(transport.requests[1].bodyText.contains(#""resourceVersion":"8""#))
    }

    @Test func credentialsGoInTheHeaderOnly() async throws {
        let transport = ScriptedTransport([ScriptedTransport.json(Fixtures.podJSON()), ScriptedTransport.json(Fixtures.podJSON())])
        let token = KubernetesClient(transport: transport, credentials: StaticCredentialProvider(KubernetesCredential(bearerToken: "abc")), retry: .fast, logger: .quiet)
        _ = try await token.get(Pod.self, name: "job-1", namespace: "ci")
        let basic = KubernetesClient(transport: transport, credentials: StaticCredentialProvider(KubernetesCredential(basic: BasicCredentials(username: "u", password: "p"))), retry: .fast, logger: .quiet)
        _ = try await basic.get(Pod.self, name: "job-1", namespace: "ci")
        #expect(transport.requests.map { $0.headers.first(name: "Authorization") } == ["Bearer abc", "Basic dTpw"])
        #expect(transport.requests.allSatisfy { !$0.path.contains("abc") })
    }
}
