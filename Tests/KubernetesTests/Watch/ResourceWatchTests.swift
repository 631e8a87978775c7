import Foundation
import Kubernetes
import Logging
import NIOCore
import NIOHTTP1
import Testing

/// The list/watch/resume/relist state machine against a scripted server (notes §1.3).
@Suite struct ResourceWatchTests {
    /// A compact description of an update: `+a@1`, `~a@2`, `-a@3`, `=5[a,b]`.
    static func describe(_ update: WatchUpdate<Pod>) -> String {
        switch update {
        case .added(let pod): "+\(pod.metadata.name!)@\(pod.metadata.resourceVersion!)"
        case .modified(let pod): "~\(pod.metadata.name!)@\(pod.metadata.resourceVersion!)"
        case .deleted(let pod): "-\(pod.metadata.name!)@\(pod.metadata.resourceVersion!)"
        case .resync(let pods, let version): "=\(version)[\(pods.map { $0.metadata.name! }.joined(separator: ","))]"
        }
    }

    /// Takes `count` updates.
    static func take(_ count: Int, from watch: ResourceWatch<Pod>) async throws -> [String] {
        var result: [String] = []
        for try await update in watch {
            result.append(describe(update))
            if result.count == count { break }
        }
        return result
    }

    @Test func listsThenWatchesFromTheListVersion() async throws {
        let transport = ScriptedTransport([
            ScriptedTransport.json(Fixtures.podList(resourceVersion: "10", pods: [("a", "5", "ua"), ("b", "7", "ub")])),
            ScriptedTransport.chunks([Fixtures.event("MODIFIED", name: "a", rv: "11", uid: "ua"), Fixtures.event("ADDED", name: "c", rv: "12", uid: "uc")]),
        ])
        let client = KubernetesClient(transport: transport, retry: .fast, logger: .quiet)
        let watch = client.watch(Pod.self, namespace: "ci", options: WatchOptions(labelSelector: "app=ci", timeoutSeconds: 30))
        #expect(try await Self.take(5, from: watch) == ["+a@5", "+b@7", "=10[a,b]", "~a@11", "+c@12"])
        let list = transport.requests[0]
        #expect(list.path == "/api/v1/namespaces/ci/pods?labelSelector=app%3Dci")
        let watchRequest = transport.requests[1]
        #expect(watchRequest.bare == "/api/v1/namespaces/ci/pods")
        #expect(watchRequest.query("watch") == "true")
        #expect(watchRequest.query("resourceVersion") == "10")
        #expect(watchRequest.query("allowWatchBookmarks") == "true")
        #expect(watchRequest.query("timeoutSeconds") == "30")
        #expect(watchRequest.query("labelSelector") == "app=ci")
    }

    @Test func startsFromAGivenVersionWithoutListing() async throws {
        let transport = ScriptedTransport([ScriptedTransport.chunks([Fixtures.event("DELETED", name: "a", rv: "21")])])
        let client = KubernetesClient(transport: transport, retry: .fast, logger: .quiet)
        let watch = client.watch(Pod.self, namespace: "ci", options: WatchOptions(resourceVersion: "20"))
        #expect(try await Self.take(1, from: watch) == ["-a@21"])
        #expect(transport.requests.count == 1)
        #expect(transport.requests[0].query("resourceVersion") == "20")
    }

    @Test func framesOnNewlinesNotChunks() async throws {
        let event = Fixtures.event("ADDED", name: "a", rv: "21") + Fixtures.event("MODIFIED", name: "a", rv: "22")
        let pieces = stride(from: 0, to: event.utf8.count, by: 7).map { start -> String in
            let bytes = Array(event.utf8)
            return String(decoding: bytes[start..<min(start + 7, bytes.count)], as: UTF8.self)
        }
        let transport = ScriptedTransport([ScriptedTransport.chunks(pieces)])
        let client = KubernetesClient(transport: transport, retry: .fast, logger: .quiet)
        #expect(try await Self.take(2, from: client.watch(Pod.self, namespace: "ci", options: WatchOptions(resourceVersion: "20"))) == ["+a@21", "~a@22"])
    }

    @Test func aCutStreamResumesFromTheLastVersionIncludingBookmarks() async throws {
        let transport = ScriptedTransport([
            ScriptedTransport.chunks([Fixtures.event("ADDED", name: "a", rv: "21"), Fixtures.bookmark("30"), #"{"type":"MODIF"#], thenFail: ConnectionReset()),
            ScriptedTransport.chunks([Fixtures.event("MODIFIED", name: "a", rv: "31")]),
            // Clean end (server timeout): reconnect from 31.
            ScriptedTransport.chunks([Fixtures.event("MODIFIED", name: "a", rv: "32")]),
        ])
        let client = KubernetesClient(transport: transport, retry: .fast, logger: .quiet)
        let watch = client.watch(Pod.self, namespace: "ci", options: WatchOptions(resourceVersion: "20"))
        #expect(try await Self.take(3, from: watch) == ["+a@21", "~a@31", "~a@32"])
        #expect(transport.requests.map { $0.query("resourceVersion") } == ["20", "30", "31"])
    }

    @Test func expiredErrorEventRelistsAndDiffs() async throws {
        let transport = ScriptedTransport([
            ScriptedTransport.json(Fixtures.podList(resourceVersion: "10", pods: [("a", "5", "ua"), ("b", "7", "ub"), ("c", "8", "uc")])),
            ScriptedTransport.chunks([Fixtures.event("MODIFIED", name: "b", rv: "11", uid: "ub"), Fixtures.expired]),
            // The relist: a vanished, b unchanged since its last event, c modified, d new, e recreated under c's old name? no: e new.
            ScriptedTransport.json(Fixtures.podList(resourceVersion: "50", pods: [("b", "11", "ub"), ("c", "40", "uc"), ("d", "45", "ud")])),
            ScriptedTransport.chunks([Fixtures.event("MODIFIED", name: "d", rv: "51", uid: "ud")]),
        ])
        let client = KubernetesClient(transport: transport, retry: .fast, logger: .quiet)
        let watch = client.watch(Pod.self, namespace: "ci", options: WatchOptions())
        let updates = try await Self.take(10, from: watch)
        #expect(updates == ["+a@5", "+b@7", "+c@8", "=10[a,b,c]", "~b@11", "-a@5", "~c@40", "+d@45", "=50[b,c,d]", "~d@51"])
        #expect(transport.requests.map { $0.query("resourceVersion") } == [nil, "10", nil, "50"])
        #expect(transport.requests[2].query("watch") == nil)
    }

    @Test func http410RelistsToo() async throws {
        let transport = ScriptedTransport([
            ScriptedTransport.status(410, reason: "Gone", message: "too old resource version"),
            ScriptedTransport.json(Fixtures.podList(resourceVersion: "90", pods: [("a", "80", "ua")])),
            ScriptedTransport.chunks([Fixtures.event("DELETED", name: "a", rv: "91", uid: "ua")]),
        ])
        let client = KubernetesClient(transport: transport, retry: .fast, logger: .quiet)
        let watch = client.watch(Pod.self, namespace: "ci", options: WatchOptions(resourceVersion: "3"))
        #expect(try await Self.take(3, from: watch) == ["+a@80", "=90[a]", "-a@91"])
    }

    @Test func recreatedObjectsAreDeletedThenAdded() async throws {
        let transport = ScriptedTransport([
            ScriptedTransport.json(Fixtures.podList(resourceVersion: "10", pods: [("a", "5", "old")])),
            ScriptedTransport.chunks([Fixtures.expired]),
            ScriptedTransport.json(Fixtures.podList(resourceVersion: "20", pods: [("a", "15", "new")])),
        ], fallback: ScriptedTransport.chunks([]))
        let client = KubernetesClient(transport: transport, retry: .fast, logger: .quiet)
        #expect(try await Self.take(5, from: client.watch(Pod.self, namespace: "ci", options: WatchOptions())) == ["+a@5", "=10[a]", "-a@5", "+a@15", "=20[a]"])
    }

    @Test func duplicateEventsAreDropped() async throws {
        let transport = ScriptedTransport([
            ScriptedTransport.chunks([
                Fixtures.event("ADDED", name: "a", rv: "21"), Fixtures.event("MODIFIED", name: "a", rv: "21"),
                Fixtures.event("MODIFIED", name: "a", rv: "22"),
            ])
        ])
        let client = KubernetesClient(transport: transport, retry: .fast, logger: .quiet)
        #expect(try await Self.take(2, from: client.watch(Pod.self, namespace: "ci", options: WatchOptions(resourceVersion: "20"))) == ["+a@21", "~a@22"])
    }

    @Test func serverErrorsWhileOpeningAreRetried() async throws {
        let transport = ScriptedTransport([
            ScriptedTransport.status(429, reason: "TooManyRequests", headers: [("Retry-After", "0")]),
            ScriptedTransport.status(500, reason: "InternalError"),
            ScriptedTransport.chunks([Fixtures.event("ADDED", name: "a", rv: "21")]),
        ])
        let client = KubernetesClient(transport: transport, retry: .fast, logger: .quiet)
        #expect(try await Self.take(1, from: client.watch(Pod.self, namespace: "ci", options: WatchOptions(resourceVersion: "20"))) == ["+a@21"])
    }

    @Test func otherErrorEventsReconnect() async throws {
        let internalError = #"{"type":"ERROR","object":{"kind":"Status","apiVersion":"v1","status":"Failure","message":"etcd hiccup","reason":"InternalError","code":500}}"# + "\n"
        let transport = ScriptedTransport([
            ScriptedTransport.chunks([Fixtures.event("ADDED", name: "a", rv: "21"), internalError]),
            ScriptedTransport.chunks([Fixtures.event("MODIFIED", name: "a", rv: "22")]),
        ])
        let client = KubernetesClient(transport: transport, retry: .fast, logger: .quiet)
        #expect(try await Self.take(2, from: client.watch(Pod.self, namespace: "ci", options: WatchOptions(resourceVersion: "20"))) == ["+a@21", "~a@22"])
        #expect(transport.requests[1].query("resourceVersion") == "21")
    }

    @Test func forbiddenEndsTheWatch() async throws {
        let transport = ScriptedTransport([ScriptedTransport.status(403, reason: "Forbidden", message: "cannot watch pods")])
        let client = KubernetesClient(transport: transport, retry: .fast, logger: .quiet)
        await #expect(throws: KubernetesError.self) {
            _ = try await Self.take(1, from: client.watch(Pod.self, namespace: "ci", options: WatchOptions(resourceVersion: "1")))
        }
    }

    @Test func persistentCutsEventuallyThrow() async throws {
        let transport = ScriptedTransport([], fallback: ScriptedTransport.chunks([], thenFail: ConnectionReset()))
        let client = KubernetesClient(transport: transport, retry: .fast, logger: .quiet)
        await #expect(throws: KubernetesClientError.self) {
            _ = try await Self.take(1, from: client.watch(Pod.self, namespace: "ci", options: WatchOptions(resourceVersion: "1")))
        }
        #expect(transport.requests.count == KubernetesRetryPolicy.fast.maxAttempts)
    }

    @Test func mockWatchesDeliverTheirSequence() async throws {
        let (stream, continuation) = AsyncStream<WatchUpdate<Pod>>.makeStream()
        continuation.yield(.added(Pod(metadata: ObjectMeta(name: "m", resourceVersion: "1"))))
        continuation.finish()
        #expect(try await Self.take(5, from: ResourceWatch(stream)) == ["+m@1"])
    }
}
