import Foundation
import Simulators
import Synchronization
import Testing

/// The simulator's Deployment controller with running pods: a rolling update within its budget,
/// followed by the real `kubectl rollout status`, and a scale-down that honours pod-deletion-cost.
@Suite(.timeLimit(.minutes(2)))
struct DeploymentControllerTests {
    static func deployment(replicas: Int64, image: String) -> SimulatedJSON {
        [
            "apiVersion": "apps/v1", "kind": "Deployment",
            "metadata": ["name": "agent"],
            "spec": [
                "replicas": .int(replicas), "selector": ["matchLabels": ["app": "agent"]],
                "strategy": ["type": "RollingUpdate", "rollingUpdate": ["maxSurge": 1, "maxUnavailable": 0]],
                "template": [
                    "metadata": ["labels": ["app": "agent"]],
                    "spec": [
                        "automountServiceAccountToken": false, "terminationGracePeriodSeconds": 5,
                        "containers": [[
                            "name": "agent", "image": .string(image),
                            "command": ["sh", "-c", "trap 'exit 0' TERM; while :; do sleep 0.1; done"],
                        ]],
                    ],
                ],
            ],
        ]
    }

    static func agentPods(_ simulator: KubernetesSimulator) -> [SimulatedJSON] {
        simulator.objects("pods", namespace: "default").filter { $0["metadata"]?["labels"]?["app"] == "agent" }
    }

    static func isActiveAndReady(_ pod: SimulatedJSON) -> Bool {
        pod["metadata"]?["deletionTimestamp"] == nil
            && (pod["status"]?["conditions"]?.arrayValue ?? []).contains { $0["type"] == "Ready" && $0["status"] == "True" }
    }

    static func image(_ pod: SimulatedJSON) -> String? {
        pod["spec"]?["containers"]?.arrayValue?.first?["image"]?.stringValue
    }

    @Test func aRollingUpdateStaysWithinItsBudgetAndKubectlSeesItFinish() async throws {
        try await withKubernetesSimulator(tls: true, token: "t") { simulator, client in
            try simulator.create(Self.deployment(replicas: 2, image: "agent:v1"))
            try await simulator.wait(for: "two ready v1 pods, reported", timeout: .seconds(30)) { simulator in
                Self.agentPods(simulator).filter(Self.isActiveAndReady).count == 2
                    && simulator.object("deployments", name: "agent")?["status"]?["availableReplicas"] == 2
            }
            let v1 = Self.agentPods(simulator).map { $0["metadata"]?["name"]?.stringValue ?? "" }
            #expect(v1.allSatisfy { $0.hasPrefix("agent-") })

            // Every state seen during the rollout: never more than replicas + maxSurge active pods,
            // never fewer than replicas − maxUnavailable ready ones.
            let seen = Mutex((maximumActive: 0, minimumReady: Int.max))
            let patched = try await client.mergePatch("/apis/apps/v1/namespaces/default/deployments/agent",
                                                      ["spec": ["template": ["spec": ["containers": [["name": "agent", "image": "agent:v2", "command": ["sh", "-c", "trap 'exit 0' TERM; while :; do sleep 0.1; done"]]]]]]])
            #expect(patched.status == 200)
            try await simulator.wait(for: "the rollout to v2", timeout: .seconds(60)) { simulator in
                let pods = Self.agentPods(simulator)
                let active = pods.filter { $0["metadata"]?["deletionTimestamp"] == nil }
                let ready = active.filter(Self.isActiveAndReady)
                seen.withLock { $0 = (max($0.maximumActive, active.count), min($0.minimumReady, ready.count)) }
                let status = simulator.object("deployments", name: "agent")?["status"]
                return pods.count == 2 && ready.count == 2 && ready.allSatisfy { Self.image($0) == "agent:v2" }
                    && status?["updatedReplicas"] == 2 && status?["observedGeneration"] == 2
            }
            let (maximumActive, minimumReady) = seen.withLock { $0 }
            #expect(maximumActive <= 3, "maxSurge 1")
            #expect(minimumReady >= 2, "maxUnavailable 0")
            let v2 = Set(Self.agentPods(simulator).map { $0["metadata"]?["name"]?.stringValue ?? "" })
            #expect(v2.isDisjoint(with: v1))
            let conditions = simulator.object("deployments", name: "agent")?["status"]?["conditions"]?.arrayValue ?? []
            #expect(conditions.contains { $0["type"] == "Progressing" && $0["reason"] == "NewReplicaSetAvailable" })

            guard Kubectl.isInstalled else { return }
            let directory = NSTemporaryDirectory() + "kube-sim-rollout-" + UUID().uuidString.prefix(8)
            defer { try? FileManager.default.removeItem(atPath: directory) }
            let kubectl = try Kubectl(directory: directory, server: simulator.baseURL, caFile: simulator.caFile, token: "t")
            let rollout = try await kubectl.run(["rollout", "status", "deployment/agent", "--timeout=30s"])
            #expect(rollout.status == 0, "\(rollout.error)")
            #expect(rollout.output.contains("successfully rolled out"), "\(rollout.output)")
        }
    }

    @Test func scalingDownRemovesThePodWithTheLowestDeletionCost() async throws {
        try await withKubernetesSimulator { simulator, client in
            try simulator.create(Self.deployment(replicas: 3, image: "agent:v1"))
            try await simulator.wait(for: "three ready pods", timeout: .seconds(30)) { simulator in
                Self.agentPods(simulator).filter(Self.isActiveAndReady).count == 3
            }
            let names = Self.agentPods(simulator).compactMap { $0["metadata"]?["name"]?.stringValue }
            for (index, name) in names.enumerated() {
                let cost = index == 1 ? "-5" : "100"
                let patched = try await client.mergePatch("/api/v1/namespaces/default/pods/\(name)",
                                                          ["metadata": ["annotations": ["controller.kubernetes.io/pod-deletion-cost": .string(cost)]]])
                #expect(patched.status == 200)
            }
            _ = try await client.mergePatch("/apis/apps/v1/namespaces/default/deployments/agent", ["spec": ["replicas": 2]])
            try await simulator.wait(for: "one pod removed", timeout: .seconds(30)) { simulator in
                Self.agentPods(simulator).count == 2
            }
            let left = Set(Self.agentPods(simulator).compactMap { $0["metadata"]?["name"]?.stringValue })
            #expect(left == Set(names).subtracting([names[1]]))
        }
    }
}
