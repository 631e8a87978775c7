import Foundation
import Kubernetes
import Testing

@Suite struct ResourceEncodingTests {
    @Test func secretDataTravelsAsBase64() throws {
        let secret = Secret(
            metadata: ObjectMeta(name: "ci-job", labels: ["flywheel.dev/job-id": "1"]), type: "Opaque",
            data: ["bin": Data([0, 1, 2, 255])], stringData: ["script.sh": "echo hi\n"]
        )
        let json = try PodEncodingTests.encode(secret)
        #expect(json == #"{"apiVersion":"v1","data":{"bin":"AAEC/w=="},"kind":"Secret","metadata":{"labels":{"flywheel.dev/job-id":"1"},"name":"ci-job"},"stringData":{"script.sh":"echo hi\n"},"type":"Opaque"}"#)
        let decoded = try JSONDecoder().decode(Secret.self, from: Data(json.utf8))
        #expect(decoded.data?["bin"] == Data([0, 1, 2, 255]))
        #expect(decoded == secret)
    }

    @Test func leaseUsesMicroTime() throws {
        let renew = KubernetesTime(Date(timeIntervalSince1970: 1_700_000_000.25), fractionDigits: 6)
        #expect(renew.rawValue == "2023-11-14T22:13:20.250000Z")
        let lease = Lease(metadata: ObjectMeta(name: "deploy-prod"), spec: LeaseSpec(holderIdentity: "me", leaseDurationSeconds: 30, renewTime: renew))
        let json = try PodEncodingTests.encode(lease)
        #expect(json == #"{"apiVersion":"coordination.k8s.io/v1","kind":"Lease","metadata":{"name":"deploy-prod"},"spec":{"holderIdentity":"me","leaseDurationSeconds":30,"renewTime":"2023-11-14T22:13:20.250000Z"}}"#)
        #expect(Lease.collectionPath(namespace: "ci") == "/apis/coordination.k8s.io/v1/namespaces/ci/leases")
    }

    @Test func deploymentRoundTrips() throws {
        let json = #"""
        {"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"flywheel","namespace":"ci","generation":4},
         "spec":{"replicas":2,"selector":{"matchLabels":{"app":"flywheel"}},
          "strategy":{"type":"RollingUpdate","rollingUpdate":{"maxSurge":"25%","maxUnavailable":0}},
          "template":{"metadata":{"labels":{"app":"flywheel"}},"spec":{"containers":[{"name":"agent","image":"flywheel:2"}],"terminationGracePeriodSeconds":3600}}},
         "status":{"observedGeneration":4,"replicas":2,"updatedReplicas":2,"readyReplicas":2,"availableReplicas":2,
          "conditions":[{"type":"Progressing","status":"True","reason":"NewReplicaSetAvailable"}]}}
        """#
        let deployment = try JSONDecoder().decode(Deployment.self, from: Data(json.utf8))
        #expect(deployment.spec?.strategy?.rollingUpdate?.maxSurge == .string("25%"))
        #expect(deployment.spec?.strategy?.rollingUpdate?.maxUnavailable == .int(0))
        #expect(deployment.status?.availableReplicas == 2)
        #expect(deployment.metadata.generation == 4)
        let again = try JSONDecoder().decode(Deployment.self, from: Data(try PodEncodingTests.encode(deployment).utf8))
        #expect(again == deployment)
        #expect(Deployment.objectPath(name: "flywheel", namespace: "ci") == "/apis/apps/v1/namespaces/ci/deployments/flywheel")
    }

    @Test func listsDecodeWithoutItemKinds() throws {
        let list = try JSONDecoder().decode(ObjectList<Pod>.self, from: Data(Fixtures.podList(resourceVersion: "55", pods: [("a", "1", "u1"), ("b", "2", "u2")]).utf8))
        #expect(list.metadata.resourceVersion == "55")
        #expect(list.items.map(\.metadata.name) == ["a", "b"])
        #expect(list.items[0].kind == nil)
        let empty = try JSONDecoder().decode(ObjectList<Secret>.self, from: Data(#"{"kind":"SecretList","metadata":{"resourceVersion":"9"},"items":null}"#.utf8))
        #expect(empty.items.isEmpty)
    }

    @Test func watchEventsDecodeEveryType() throws {
        let decoder = JSONDecoder()
        let added = try decoder.decode(WatchEvent<Pod>.self, from: Data(Fixtures.event("ADDED", name: "a", rv: "5").utf8))
        #expect(added.type == .added)
        #expect(added.object?.metadata.name == "a")
        #expect(added.resourceVersion == "5")
        let bookmark = try decoder.decode(WatchEvent<Pod>.self, from: Data(Fixtures.bookmark("12746").utf8))
        guard case .bookmark(let version) = bookmark else {
            Issue.record("not a bookmark")
            return
        }
        #expect(version == "12746")
        let error = try decoder.decode(WatchEvent<Pod>.self, from: Data(Fixtures.expired.utf8))
        guard case .error(let status) = error else {
            Issue.record("not an error")
            return
        }
        #expect(status.code == 410)
        #expect(status.reason == "Expired")
        #expect(KubernetesError(operation: "watch", status: status).isGone)
        let deleted = try decoder.decode(WatchEvent<Pod>.self, from: Data(Fixtures.event("DELETED", name: "a", rv: "6").utf8))
        #expect(deleted.type == .deleted)
        // And back: the wire shape survives.
        let text = try PodEncodingTests.encode(WatchEvent<Pod>.bookmark(resourceVersion: "7"))
        #expect(text == #"{"object":{"apiVersion":"v1","kind":"Pod","metadata":{"resourceVersion":"7"}},"type":"BOOKMARK"}"#)
    }

    @Test(arguments: [
        ("2025-01-01T00:00:00Z", 1_735_689_600, 0),
        ("2025-01-01T00:00:00.5Z", 1_735_689_600, 500_000_000),
        ("2025-01-01T00:00:00.123456789Z", 1_735_689_600, 123_456_789),
        ("2025-01-01T02:00:00+02:00", 1_735_689_600, 0),
        ("1969-12-31T23:59:59Z", -1, 0),
    ])
    func timestampsParseExactly(text: String, seconds: Int64, nanoseconds: Int32) throws {
        let date = try #require(KubernetesTime(rawValue: text).date)
        #expect(abs(date.timeIntervalSince1970 - (Double(seconds) + Double(nanoseconds) / 1e9)) < 1e-6)
    }

    @Test func timestampsFormatInUTCSeconds() {
        #expect(KubernetesTime(Date(timeIntervalSince1970: 1_735_689_600.9)).rawValue == "2025-01-01T00:00:00Z")
        #expect(KubernetesTime(Date(timeIntervalSince1970: 951_782_400)).rawValue == "2000-02-29T00:00:00Z")
        #expect(KubernetesTime(rawValue: "yesterday").date == nil)
    }
}
