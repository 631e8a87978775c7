import AsyncHTTPClient
import Foundation
import Kubernetes
import Logging
import NIOCore
import Simulators
import Testing

/// The client over real HTTP against the in-process ``KubernetesSimulator`` (API server + kubelet): the job pod
/// lifecycle, 410 relists, cut watch and log streams, injected 429/500/503/reset faults, and TLS with a rotated
/// bearer token.
@Suite struct KubernetesSimulatorTests {
    static let retry = KubernetesRetryPolicy(maxAttempts: 5, initialBackoff: .milliseconds(20), maxBackoff: .milliseconds(200))

    /// Runs `body` with a started simulator (namespace `ci`, plain processes) and a client for it.
    func withSimulator(
        _ configuration: KubernetesSimulatorConfiguration = KubernetesSimulatorConfiguration(namespaces: ["ci"], sandbox: .processes),
        clientConfiguration: ((KubernetesSimulator) throws -> KubernetesConfiguration)? = nil,
        _ body: (KubernetesClient, KubernetesSimulator) async throws -> Void
    ) async throws {
        let simulator = KubernetesSimulator(configuration: configuration, logger: .quiet)
        try await simulator.start()
        do {
            try await HTTPClient.withHTTPClient { http in
                let settings = try clientConfiguration?(simulator) ?? KubernetesConfiguration(server: simulator.baseURL, namespace: "ci")
                let client = try KubernetesClient(configuration: settings, httpClient: http, retry: Self.retry, logger: .quiet)
                try await body(client, simulator)
            }
        } catch {
            await simulator.stop()
            throw error
        }
        await simulator.stop()
    }

    static func jobPod(_ name: String, script: String) -> Pod {
        Pod(
            metadata: ObjectMeta(name: name, labels: ["app.kubernetes.io/managed-by": "flywheel", "flywheel.dev/job-id": name]),
            spec: PodSpec(
                containers: [Container(name: "build", image: "alpine:3", command: ["/bin/sh", "-c", script])], restartPolicy: "Never",
                terminationGracePeriodSeconds: 1, automountServiceAccountToken: false
            )
        )
    }

    /// Watches `name` until its `build` container terminates; returns the pod.
    static func waitForTermination(_ client: KubernetesClient, _ name: String) async throws -> Pod? {
        let watch = client.watch(Pod.self, namespace: "ci", options: WatchOptions(fieldSelector: "metadata.name=\(name)", timeoutSeconds: 60))
        for try await update in watch {
            if let pod = update.object, pod.status?.containerStatus(named: "build")?.state?.terminated != nil { return pod }
        }
        return nil
    }

    /// Watches `name` until its `build` container runs.
    static func waitForRunning(_ client: KubernetesClient, _ name: String) async throws {
        let watch = client.watch(Pod.self, namespace: "ci", options: WatchOptions(fieldSelector: "metadata.name=\(name)", timeoutSeconds: 60))
        for try await update in watch {
            if let state = update.object?.status?.containerStatus(named: "build")?.state, state.running != nil || state.terminated != nil { return }
        }
    }

    @Test func jobPodLifecycle() async throws {
        try await withSimulator { client, simulator in
            _ = try await client.create(Secret(metadata: ObjectMeta(name: "job-1"), type: "Opaque", stringData: ["script.sh": "echo hi"]), namespace: "ci", options: CreateOptions())
            let created = try await client.create(Self.jobPod("job-1", script: "echo one; sleep 0.3; echo two; exit 3"), namespace: "ci", options: CreateOptions())
            let uid = try #require(created.metadata.uid)
            let secret = try await client.mergePatch(
                Secret.self, name: "job-1", namespace: "ci", patch: ["metadata": ["ownerReferences": [try OwnerReference(to: created)]]]
            )
            #expect(secret.metadata.ownerReferences?.first?.uid == uid)
            #expect(secret.data?["script.sh"] == Data("echo hi".utf8))

            let finished = try #require(try await Self.waitForTermination(client, "job-1"))
            #expect(finished.status?.containerStatus(named: "build")?.state?.terminated?.exitCode == 3)

            let log = try await PodLogStreamTests.collect(client.followLog(pod: "job-1", container: "build", namespace: "ci"))
            #expect(log == "one\ntwo\n")

            let listed = try await client.list(Pod.self, namespace: "ci", labelSelector: "flywheel.dev/job-id=job-1")
            #expect(listed.items.map(\.metadata.name) == ["job-1"])

            _ = try await client.delete(Pod.self, name: "job-1", namespace: "ci", gracePeriodSeconds: 0, preconditions: DeletePreconditions(uid: uid))
            try await simulator.waitForDeletion("pods", name: "job-1", namespace: "ci")
            do {
                _ = try await client.get(Pod.self, name: "job-1", namespace: "ci")
                Issue.record("the pod should be gone")
            } catch let error as KubernetesError {
                #expect(error.isNotFound)
            }
            try await simulator.waitForDeletion("secrets", name: "job-1", namespace: "ci")
        }
    }

    @Test func followingARunningContainerSurvivesCutLogStreams() async throws {
        try await withSimulator { client, simulator in
            _ = try await client.create(Self.jobPod("chatty", script: "for i in 1 2 3 4 5 6 7 8; do echo line $i; sleep 0.5; done"), namespace: "ci", options: CreateOptions())
            try await Self.waitForRunning(client, "chatty")
            var text = ""
            var cuts = 0
            for try await chunk in client.followLog(pod: "chatty", container: "build", namespace: "ci") {
                text += String(buffer: chunk)
                if cuts < 2, text.hasSuffix("\n") {
                    cuts += 1
                    simulator.cutLogStreams(abrupt: cuts == 2)
                }
            }
            #expect(text == (1...8).map { "line \($0)\n" }.joined())
            #expect(simulator.requests(pathContains: "/chatty/log").count >= 3)
        }
    }

    @Test(arguments: [false, true])
    func compactionMakesTheWatchRelist(asHTTPStatus: Bool) async throws {
        let configuration = KubernetesSimulatorConfiguration(namespaces: ["ci"], sandbox: .processes, expiredWatchAsHTTPStatus: asHTTPStatus)
        try await withSimulator(configuration) { client, simulator in
            _ = try await client.create(Self.jobPod("a", script: "sleep 30"), namespace: "ci", options: CreateOptions())
            var iterator = client.watch(Pod.self, namespace: "ci", options: WatchOptions(labelSelector: "flywheel.dev/job-id", allowBookmarks: false)).makeAsyncIterator()
            while let update = try await iterator.next() {
                if case .resync = update { break }
            }
            // Move the store past our resourceVersion without touching pods, expire the history, cut the stream.
            _ = try await client.create(Secret(metadata: ObjectMeta(name: "bump"), stringData: ["a": "b"]), namespace: "ci", options: CreateOptions())
            simulator.compact()
            simulator.cutWatches()
            var relisted: [String]?
            while let update = try await iterator.next() {
                if case .resync(let pods, _) = update {
                    relisted = pods.compactMap(\.metadata.name)
                    break
                }
            }
            #expect(relisted == ["a"])
            _ = try await client.delete(Pod.self, name: "a", namespace: "ci", gracePeriodSeconds: 0)
        }
    }

    @Test func aCutWatchResumesWithoutRelisting() async throws {
        try await withSimulator { client, simulator in
            let watch = client.watch(Pod.self, namespace: "ci", options: WatchOptions(labelSelector: "flywheel.dev/job-id"))
            let consumer = Task {
                var resyncs: [String] = []
                for try await update in watch {
                    if case .resync(_, let version) = update { resyncs.append(version) }
                    if case .added(let pod) = update { return (pod.metadata.name, resyncs) }
                }
                return (nil, resyncs)
            }
            @Sendable func watches(_ simulator: KubernetesSimulator) -> [KubernetesRecordedRequest] {
                simulator.requests(pathContains: "/namespaces/ci/pods", method: "GET").filter { $0.queryValue("watch") == "true" }
            }
            try await simulator.wait(for: "the first watch") { watches($0).count >= 1 }
            // Cut (abruptly) until the client has reconnected.
            for _ in 0..<25 where watches(simulator).count < 2 {
                simulator.cutWatches(abrupt: true)
                try? await simulator.wait(for: "a reconnect", timeout: .milliseconds(200)) { watches($0).count >= 2 }
            }
            _ = try await client.create(Self.jobPod("b", script: "true"), namespace: "ci", options: CreateOptions())
            let (added, resyncs) = try await consumer.value
            #expect(added == "b")
            #expect(resyncs.count == 1, "a cut stream must not relist")
            let opened = watches(simulator)
            #expect(opened.count >= 2)
            #expect(opened.first?.queryValue("resourceVersion") == resyncs.first)
            #expect(opened.dropFirst().allSatisfy { $0.queryValue("resourceVersion") != nil })
        }
    }

    @Test func injectedFaultsAreRetried() async throws {
        try await withSimulator { client, simulator in
            _ = try await client.create(Self.jobPod("f", script: "true"), namespace: "ci", options: CreateOptions())
            simulator.inject(KubernetesHTTPFault(.status(500), pathContains: "/pods/f", count: 2))
            #expect(try await client.get(Pod.self, name: "f", namespace: "ci").metadata.name == "f")
            simulator.inject(KubernetesHTTPFault(.status(429, retryAfterSeconds: 1), pathContains: "/pods/f", count: 1))
            let start = ContinuousClock.now
            #expect(try await client.get(Pod.self, name: "f", namespace: "ci").metadata.name == "f")
            #expect(ContinuousClock.now - start >= .milliseconds(900))

            // A create answered 503: checked with a GET (404), then posted again.
            simulator.inject(KubernetesHTTPFault(.status(503), pathContains: "/namespaces/ci/pods", method: "POST", count: 1))
            let created = try await client.create(Self.jobPod("g", script: "true"), namespace: "ci", options: CreateOptions())
            #expect(created.metadata.name == "g")
            let methods = simulator.requests(pathContains: "/namespaces/ci/pods").filter { $0.path.hasSuffix("/pods") || $0.path.hasSuffix("/pods/g") }.map(\.method)
            #expect(methods.suffix(3) == ["POST", "GET", "POST"])
        }
    }

    @Test func tlsWithARotatedToken() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let tls = try KubernetesSimulator.generateTLS(in: directory.path)
        try directory.write("token", "token-v1\n")
        let configuration = KubernetesSimulatorConfiguration(token: "token-v1", tls: tls, namespaces: ["ci"], sandbox: .processes)
        try await withSimulator(configuration, clientConfiguration: { simulator in
            let yaml = """
                current-context: sim
                clusters: [{name: sim, cluster: {server: "\(simulator.baseURL)", certificate-authority: "\(tls.caFile)"}}]
                users: [{name: agent, user: {tokenFile: token}}]
                contexts: [{name: sim, context: {cluster: sim, user: agent, namespace: ci}}]
                """
            return try KubernetesConfiguration(kubeconfig: Kubeconfig.parse(yaml: yaml, directory: directory.path))
        }) { client, simulator in
            #expect(client.defaultNamespace == "ci")
            _ = try await client.create(Self.jobPod("t", script: "true"), options: CreateOptions())
            // The token rotates: the server only accepts v2, the file now holds v2; a 401 makes the client re-read it.
            try directory.write("token", "token-v2\n")
            simulator.setTokens(["token-v2"])
            #expect(try await client.get(Pod.self, name: "t").metadata.name == "t")
            let statuses = simulator.requests(pathContains: "/pods/t", method: "GET").compactMap(\.responseStatus)
            #expect(statuses == [401, 200])
        }
    }
}
