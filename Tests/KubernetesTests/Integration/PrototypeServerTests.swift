import AsyncHTTPClient
import Foundation
import Kubernetes
import Logging
import NIOCore
import Testing

/// The client over real HTTP against the research prototype fake API server
/// (`shared/research/kubernetes-fakeapi-prototype.py`, plain HTTP, runs pods as local processes): the job pod
/// lifecycle, 410 relists after a compaction, and injected 500/429 faults.
@Suite(.enabled(if: PythonServer.pythonAvailable && PythonServer.prototypePath != nil, "needs python3 and shared/research/kubernetes-fakeapi-prototype.py"))
struct PrototypeServerTests {
    static let retry = KubernetesRetryPolicy(maxAttempts: 5, initialBackoff: .milliseconds(20), maxBackoff: .milliseconds(200))

    func withServer(_ body: (KubernetesClient, HTTPClient, String) async throws -> Void) async throws {
        let server = try PythonServer(prototype: PythonServer.prototypePath!)
        defer { server.stop() }
        let base = "http://127.0.0.1:\(server.port)"
        try await HTTPClient.withHTTPClient { http in
            let client = try KubernetesClient(configuration: KubernetesConfiguration(server: base, namespace: "ci"), httpClient: http, retry: Self.retry, logger: .quiet)
            try await body(client, http, base)
        }
    }

    func control(_ http: HTTPClient, _ url: String) async throws {
        let response = try await http.execute(HTTPClientRequest(url: url), timeout: .seconds(60))
        _ = try await response.body.collect(upTo: 1 << 20)
    }

    static func jobPod(_ name: String, script: String) -> Pod {
        Pod(
            metadata: ObjectMeta(name: name, labels: ["app.kubernetes.io/managed-by": "flywheel"]),
            spec: PodSpec(containers: [Container(name: "build", image: "alpine:3", command: ["sh", "-c", script])], restartPolicy: "Never")
        )
    }

    @Test func jobPodLifecycle() async throws {
        try await withServer { client, _, _ in
            let secret = try await client.create(
                Secret(metadata: ObjectMeta(name: "job-1"), type: "Opaque", stringData: ["script.sh": "echo hi"]), namespace: "ci", options: CreateOptions()
            )
            #expect(secret.data?["script.sh"] == Data("echo hi".utf8))
            let created = try await client.create(Self.jobPod("job-1", script: "echo one; sleep 0.5; echo two; exit 3"), namespace: "ci", options: CreateOptions())
            let uid = try #require(created.metadata.uid)
            #expect(created.status?.phase == .pending)

            // Attach the Secret to the pod so the garbage collector removes it with the pod (notes §1.8).
            struct OwnerPatch: Encodable, Sendable {
                struct Metadata: Encodable, Sendable { var ownerReferences: [OwnerReference] }
                var metadata: Metadata
            }
            let patched = try await client.mergePatch(Secret.self, name: "job-1", namespace: "ci", patch: OwnerPatch(metadata: .init(ownerReferences: [try OwnerReference(to: created)])))
            #expect(patched.metadata.ownerReferences?.first?.uid == uid)

            // Watch the pod until its build container terminates.
            var exitCode: Int32?
            var phases: [String] = []
            let watch = client.watch(Pod.self, namespace: "ci", options: WatchOptions(fieldSelector: "metadata.name=job-1", timeoutSeconds: 30))
            for try await update in watch {
                guard let pod = update.object else { continue }
                phases.append(pod.status?.phase?.rawValue ?? "?")
                if let terminated = pod.status?.containerStatus(named: "build")?.state?.terminated {
                    exitCode = terminated.exitCode
                    break
                }
            }
            #expect(exitCode == 3)
            #expect(phases.last == "Failed")

            let log = try await PodLogStreamTests.collect(client.followLog(pod: "job-1", container: "build", namespace: "ci"))
            #expect(log == "one\ntwo\n")
            let stamped = try await PodLogStreamTests.collect(client.followLog(pod: "job-1", container: "build", namespace: "ci", timestamps: true))
            #expect(stamped.split(separator: "\n").map { $0.split(separator: " ", maxSplits: 1).last.map(String.init) } == ["one", "two"])

            let listed = try await client.list(Pod.self, labelSelector: "app.kubernetes.io/managed-by=flywheel")
            #expect(listed.items.map(\.metadata.name) == ["job-1"])

            let deleted = try await client.delete(Pod.self, name: "job-1", gracePeriodSeconds: 0, preconditions: DeletePreconditions(uid: uid))
            #expect(deleted?.metadata.uid == uid)
            do {
                _ = try await client.get(Pod.self, name: "job-1")
                Issue.record("the pod should be gone")
            } catch let error as KubernetesError {
                #expect(error.isNotFound)
            }
            await #expect(throws: KubernetesError.self) { try await client.get(Secret.self, name: "job-1") }
        }
    }

    @Test func duplicateCreateIsAlreadyExists() async throws {
        try await withServer { client, _, _ in
            _ = try await client.create(Self.jobPod("dup", script: "true"), namespace: "ci", options: CreateOptions())
            do {
                _ = try await client.create(Self.jobPod("dup", script: "true"), namespace: "ci", options: CreateOptions())
                Issue.record("expected AlreadyExists")
            } catch let error as KubernetesError {
                #expect(error.isAlreadyExists)
            }
        }
    }

    @Test func compactionMakesTheWatchRelist() async throws {
        try await withServer { client, http, base in
            _ = try await client.create(Self.jobPod("a", script: "sleep 30"), namespace: "ci", options: CreateOptions())
            var iterator = client.watch(Pod.self, namespace: "ci", options: WatchOptions(allowBookmarks: false)).makeAsyncIterator()
            var resyncs = 0
            while resyncs < 1, let update = try await iterator.next() {
                if case .resync = update { resyncs += 1 }
            }
            // Move the store on without touching pods, then expire everything older and cut the stream.
            _ = try await client.create(Secret(metadata: ObjectMeta(name: "bump"), stringData: ["a": "b"]), namespace: "ci", options: CreateOptions())
            try await control(http, base + "/_fake/compact")
            var sawRelist = false
            while let update = try await iterator.next() {
                if case .resync(let pods, _) = update {
                    #expect(pods.map(\.metadata.name) == ["a"])
                    sawRelist = true
                    break
                }
            }
            #expect(sawRelist)
            _ = try await client.delete(Pod.self, name: "a", gracePeriodSeconds: 0)
        }
    }

    @Test func injectedFaultsAreRetried() async throws {
        try await withServer { client, http, base in
            _ = try await client.create(Self.jobPod("f", script: "true"), namespace: "ci", options: CreateOptions())
            try await control(http, base + "/_fake/fault?code=500&n=2&path=/pods/f")
            #expect(try await client.get(Pod.self, name: "f").metadata.name == "f")
            try await control(http, base + "/_fake/fault?code=429&n=1&path=/pods/f")
            let start = ContinuousClock.now
            #expect(try await client.get(Pod.self, name: "f").metadata.name == "f")
            #expect(ContinuousClock.now - start >= .milliseconds(900))
        }
    }
}
