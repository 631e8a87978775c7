import AsyncHTTPClient
import Deploy
import Foundation
import Kubernetes
import Logging
import NIOCore
import NIOHTTP1
import Simulators
import Synchronization
import Testing

/// `SelfDeploy` against the Kubernetes simulator and its Deployment controller: the agent pods are
/// shell loops, so a rollout replaces them for real; an image that cannot be pulled never finishes.
@Suite(.timeLimit(.minutes(2))) struct SelfDeployTests {
    static let namespace = "ci"

    func withCluster(_ body: (KubernetesClient, KubernetesSimulator, HTTPClient) async throws -> Void) async throws {
        var logger = Logger(label: "test")
        logger.logLevel = .critical
        var configuration = KubernetesSimulatorConfiguration(namespaces: [Self.namespace], sandbox: .processes)
        configuration.failingImagePatterns = ["*:unpullable"]
        let simulator = KubernetesSimulator(configuration: configuration, logger: logger)
        try await simulator.start()
        do {
            try await HTTPClient.withHTTPClient { http in
                let client = try KubernetesClient(configuration: KubernetesConfiguration(server: simulator.baseURL, namespace: Self.namespace), httpClient: http, logger: logger)
                try simulator.create([
                    "apiVersion": "apps/v1", "kind": "Deployment",
                    "metadata": ["name": "flywheel", "namespace": .string(Self.namespace), "annotations": ["flywheel.dev/revision": "5"]],
                    "spec": [
                        "replicas": 2, "selector": ["matchLabels": ["app": "flywheel"]],
                        "strategy": ["rollingUpdate": ["maxSurge": 1, "maxUnavailable": 0]],
                        "template": [
                            "metadata": ["labels": ["app": "flywheel"]],
                            "spec": [
                                "automountServiceAccountToken": false, "terminationGracePeriodSeconds": 5,
                                "containers": [["name": "agent", "image": "flywheel/flywheel:v1",
                                                "command": ["sh", "-c", "trap 'exit 0' TERM; while :; do sleep 0.1; done"]]],
                            ],
                        ],
                    ],
                ], namespace: Self.namespace)
                try await body(client, simulator, http)
            }
        } catch {
            await simulator.stop()
            throw error
        }
        await simulator.stop()
    }

    func request(image: String, revision: Int64, identity: String = "job-1") -> SelfDeploy.Request {
        var request = SelfDeploy.Request(namespace: Self.namespace, deployment: "flywheel", image: image, revision: revision, environment: "dev", identity: identity)
        request.pollInterval = .milliseconds(100)
        request.rolloutTimeout = .seconds(30)
        request.lockTimeout = .seconds(30)
        return request
    }

    final class Lines: Sendable {
        let lines = Mutex<[String]>([])
        func add(_ line: String) { lines.withLock { $0.append(line) } }
        var all: [String] { lines.withLock { $0 } }
    }

    @Test func deployRollsOutRecordsTheRevisionAndRefusesAnOlderOne() async throws {
        try await withCluster { client, simulator, http in
            do {
                let lines = Lines()
                try await SelfDeploy(kubernetes: client, request: request(image: "flywheel/flywheel:v2", revision: 6), progress: lines.add).run()
                let deployment = try await client.get(Deployment.self, name: "flywheel", namespace: Self.namespace)
                #expect(deployment.spec?.template.spec?.containers.first?.image == "flywheel/flywheel:v2")
                #expect(deployment.metadata.annotations?["flywheel.dev/revision"] == "6")
                #expect(deployment.spec?.template.metadata?.annotations?["flywheel.dev/revision"] == "6")
                #expect(lines.all.contains { $0.hasPrefix("rollout: observedGeneration") })
                #expect(lines.all.suffix(2) == ["rollout of revision 6 complete", "deploy lock flywheel-deploy-dev released"])
                let lease = try await client.get(Lease.self, name: "flywheel-deploy-dev", namespace: Self.namespace)
                #expect(lease.spec?.holderIdentity == nil, "released after the deploy")

                let refused = await #expect(throws: DeployError.self) {
                    try await SelfDeploy(kubernetes: client, request: request(image: "flywheel/flywheel:v1", revision: 4), progress: { _ in }).run()
                }
                #expect(refused?.message.contains("refusing to deploy revision 4 over the newer revision 6") == true)
                var forced = request(image: "flywheel/flywheel:v1", revision: 4)
                forced.force = true
                try await SelfDeploy(kubernetes: client, request: forced, progress: { _ in }).run()
                let rolledBack = try await client.get(Deployment.self, name: "flywheel", namespace: Self.namespace)
                #expect(rolledBack.spec?.template.spec?.containers.first?.image == "flywheel/flywheel:v1")
            }
        }
    }

    @Test func concurrentDeploysOfOneEnvironmentTakeTurns() async throws {
        try await withCluster { client, simulator, http in
            do {
                let lines = Lines()
                let refusals = Lines()
                await withTaskGroup(of: Void.self) { deploys in
                    for (index, revision) in [7, 8].enumerated() {
                        deploys.addTask {
                            do {
                                try await SelfDeploy(
                                    kubernetes: client, request: request(image: "flywheel/flywheel:r\(revision)", revision: Int64(revision), identity: "job-\(index)"),
                                    progress: { lines.add("job-\(index): \($0)") }
                                ).run()
                            } catch {
                                refusals.add("job-\(index): \(error)")
                            }
                        }
                    }
                }
                // Each deploy holds the lock from `taken` to `released`; the two spans never interleave.
                let markers = lines.all.filter { $0.hasSuffix("flywheel-deploy-dev taken") || $0.hasSuffix("flywheel-deploy-dev released") }
                #expect(markers.count == 4, "\(lines.all)")
                #expect(markers.map { String($0.prefix(5)) } == [markers[0], markers[0], markers[2], markers[2]].map { String($0.prefix(5)) }, "\(lines.all)")
                #expect(markers.first?.prefix(5) != markers.last?.prefix(5))
                // Whatever the order, revision 8 ends up deployed: 7 first then 8, or 8 first and 7 refused.
                let deployment = try await client.get(Deployment.self, name: "flywheel", namespace: Self.namespace)
                #expect(deployment.metadata.annotations?["flywheel.dev/revision"] == "8")
                #expect(deployment.spec?.template.spec?.containers.first?.image == "flywheel/flywheel:r8")
                #expect(refusals.all.allSatisfy { $0.hasPrefix("job-0: refusing to deploy revision 7 over the newer revision 8") }, "\(refusals.all)")
            }
        }
    }

    @Test func aLiveHolderMakesTheDeployWaitThenFailAndAStaleOneIsTakenOver() async throws {
        try await withCluster { client, _, _ in
            let now = Date()
            _ = try await client.create(Lease(
                metadata: ObjectMeta(name: "flywheel-deploy-dev", namespace: Self.namespace),
                spec: LeaseSpec(holderIdentity: "other-job", leaseDurationSeconds: 60, acquireTime: KubernetesTime(now, fractionDigits: 6), renewTime: KubernetesTime(now, fractionDigits: 6))
            ), namespace: Self.namespace, options: CreateOptions())
            var waiting = request(image: "flywheel/flywheel:v9", revision: 9)
            waiting.lockTimeout = .seconds(2)
            let lines = Lines()
            let error = await #expect(throws: DeployError.self) {
                try await SelfDeploy(kubernetes: client, request: waiting, progress: lines.add).run()
            }
            #expect(error?.message.contains("still held after 2 s") == true)
            #expect(lines.all.contains { $0.contains("held by other-job") })

            var lease = try await client.get(Lease.self, name: "flywheel-deploy-dev", namespace: Self.namespace)
            lease.spec?.renewTime = KubernetesTime(now.addingTimeInterval(-600), fractionDigits: 6)
            _ = try await client.replace(lease, namespace: Self.namespace)
            let lock = DeployLock(kubernetes: client, namespace: Self.namespace, environment: "dev", identity: "job-2")
            let taken = Lines()
            try await lock.acquire(timeout: .seconds(5), progress: taken.add)
            #expect(taken.all.first?.contains("its holder other-job stopped renewing it") == true)
        }
    }

    @Test func aRolloutThatNeverFinishesTimesOut() async throws {
        try await withCluster { client, _, _ in
            var stuck = request(image: "flywheel/flywheel:unpullable", revision: 6)
            stuck.rolloutTimeout = .seconds(1)
            let error = await #expect(throws: DeployError.self) {
                try await SelfDeploy(kubernetes: client, request: stuck, progress: { _ in }).run()
            }
            #expect(error?.message.contains("did not finish within 1 s") == true, "\(error?.message ?? "")")
            let lease = try await client.get(Lease.self, name: "flywheel-deploy-dev", namespace: Self.namespace)
            #expect(lease.spec?.holderIdentity == nil, "a failed deploy releases the lock")
        }
    }
}
