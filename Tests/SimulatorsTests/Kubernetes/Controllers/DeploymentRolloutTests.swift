@testable import Simulators
import Testing

/// The Deployment controller's steps, fed Deployments and pods as JSON.
struct DeploymentRolloutTests {
    static let now = KubeTime(seconds: 1_800_000_000)

    static func deployment(replicas: Int64 = 2, surge: SimulatedJSON = 1, unavailable: SimulatedJSON = 0, type: String = "RollingUpdate",
                           generation: Int64 = 2, status: SimulatedJSON = [:]) -> SimulatedJSON {
        [
            "metadata": ["name": "agent", "namespace": "ci", "uid": "d-1", "generation": .int(generation)],
            "spec": [
                "replicas": .int(replicas), "progressDeadlineSeconds": 600,
                "strategy": type == "Recreate" ? ["type": "Recreate"] : ["type": "RollingUpdate", "rollingUpdate": ["maxSurge": surge, "maxUnavailable": unavailable]],
            ],
            "status": status,
        ]
    }

    static func pod(_ name: String, hash: String, ready: Bool = true, cost: Int? = nil, created: String = "2026-11-22T10:00:00Z",
                    terminating: Bool = false) -> SimulatedJSON {
        var annotations: [String: SimulatedJSON] = [:]
        if let cost { annotations["controller.kubernetes.io/pod-deletion-cost"] = .string(String(cost)) }
        var metadata: SimulatedJSON = ["name": .string(name), "labels": ["pod-template-hash": .string(hash)],
                                       "annotations": .object(annotations), "creationTimestamp": .string(created)]
        if terminating { metadata["deletionTimestamp"] = "2026-11-22T10:05:00Z" }
        return [
            "metadata": metadata,
            "status": ["phase": ready ? "Running" : "Pending", "conditions": [["type": "Ready", "status": ready ? "True" : "False"]]],
        ]
    }

    func plan(_ deployment: SimulatedJSON, _ pods: [SimulatedJSON], now: KubeTime = Self.now) -> DeploymentRollout {
        DeploymentRollout.plan(deployment: deployment, pods: pods, hash: "new", now: now)
    }

    @Test func aNewDeploymentCreatesItsReplicas() {
        let step = plan(Self.deployment(), [])
        #expect(step.create == 2)
        #expect(step.delete.isEmpty)
        #expect(step.status["observedGeneration"] == 2)
        #expect(step.status["replicas"] == nil, "zero counts are omitted")
        let progressing = step.status["conditions"]?.arrayValue?.first { $0["type"] == "Progressing" }
        #expect(progressing?["reason"] == "ReplicaSetUpdated")
    }

    @Test func aRollingUpdateSurgesOneThenRemovesTheCheapestOldPodOnceTheNewOneIsReady() {
        let old = [Self.pod("old-a", hash: "old", cost: 5), Self.pod("old-b", hash: "old", cost: 0)]
        let first = plan(Self.deployment(), old)
        #expect(first.create == 1, "maxSurge 1 allows a third pod")
        #expect(first.delete.isEmpty, "a step that scales up does nothing else")

        let starting = plan(Self.deployment(), old + [Self.pod("new-a", hash: "new", ready: false)])
        #expect(starting.create == 0, "no room past replicas + maxSurge")
        #expect(starting.delete.isEmpty, "maxUnavailable 0: both old pods stay while the new one is not ready")

        let ready = plan(Self.deployment(), old + [Self.pod("new-a", hash: "new")])
        #expect(ready.create == 0)
        #expect(ready.delete == ["old-b"], "the lower pod-deletion-cost goes first")
        #expect(ready.status["updatedReplicas"] == 1)
        #expect(ready.status["availableReplicas"] == 3)

        let done = plan(Self.deployment(), [Self.pod("new-a", hash: "new"), Self.pod("new-b", hash: "new")])
        #expect(done.create == 0 && done.delete.isEmpty)
        let progressing = done.status["conditions"]?.arrayValue?.first { $0["type"] == "Progressing" }
        #expect(progressing?["reason"] == "NewReplicaSetAvailable")
        #expect(progressing?["status"] == "True")
    }

    @Test func terminatingPodsDoNotCountAndUnreadyOldPodsGoFirst() {
        let pods = [
            Self.pod("old-a", hash: "old", terminating: true),
            Self.pod("old-b", hash: "old"), Self.pod("old-c", hash: "old", ready: false),
            Self.pod("new-a", hash: "new"), Self.pod("new-b", hash: "new"),
        ]
        let step = plan(Self.deployment(replicas: 2, surge: 0, unavailable: 1), pods)
        #expect(step.delete.first == "old-c", "an unavailable old pod is removed before an available one")
        #expect(step.delete.contains("old-b"))
        #expect(!step.delete.contains("old-a"))
        #expect(step.status["replicas"] == 4)
    }

    @Test func percentagesRoundUpForTheSurgeAndDownForUnavailability() {
        let budget = RollingUpdateBudget(strategy: ["rollingUpdate": ["maxSurge": "25%", "maxUnavailable": "25%"]], replicas: 2)
        #expect(budget == RollingUpdateBudget(maxSurge: 1, maxUnavailable: 0))
        #expect(RollingUpdateBudget(strategy: ["rollingUpdate": ["maxSurge": 0, "maxUnavailable": 0]], replicas: 3)
            == RollingUpdateBudget(maxSurge: 0, maxUnavailable: 1))
        #expect(RollingUpdateBudget(strategy: [:], replicas: 10) == RollingUpdateBudget(maxSurge: 3, maxUnavailable: 2))
    }

    @Test func recreateDeletesEveryOldPodAndWaitsForThemToGoBeforeCreating() {
        let deployment = Self.deployment(type: "Recreate")
        let first = plan(deployment, [Self.pod("old-a", hash: "old"), Self.pod("old-b", hash: "old")])
        #expect(first.delete.sorted() == ["old-a", "old-b"])
        #expect(first.create == 0)
        let waiting = plan(deployment, [Self.pod("old-a", hash: "old", terminating: true)])
        #expect(waiting.create == 0 && waiting.delete.isEmpty)
        #expect(plan(deployment, []).create == 2)
    }

    @Test func scalingDownRemovesTheCheapestThenTheYoungestPods() {
        let pods = [
            Self.pod("a", hash: "new", cost: 10, created: "2026-11-22T10:00:00Z"),
            Self.pod("b", hash: "new", cost: 10, created: "2026-11-22T10:01:00Z"),
            Self.pod("c", hash: "new", cost: 50, created: "2026-11-22T10:02:00Z"),
        ]
        #expect(plan(Self.deployment(replicas: 1), pods).delete == ["b", "a"])
    }

    @Test func aRolloutWithoutProgressPastTheDeadlineIsReportedStalled() {
        let stuck = [Self.pod("old-a", hash: "old"), Self.pod("old-b", hash: "old"), Self.pod("new-a", hash: "new", ready: false)]
        let first = plan(Self.deployment(), stuck)
        var deployment = Self.deployment(status: first.status)
        #expect(plan(deployment, stuck, now: Self.now.adding(seconds: 599)).status == first.status, "nothing changes before the deadline")
        let late = plan(deployment, stuck, now: Self.now.adding(seconds: 601))
        let progressing = late.status["conditions"]?.arrayValue?.first { $0["type"] == "Progressing" }
        #expect(progressing?["status"] == "False")
        #expect(progressing?["reason"] == "ProgressDeadlineExceeded")
        deployment = Self.deployment(status: late.status)
        #expect(plan(deployment, stuck, now: Self.now.adding(seconds: 700)).status == late.status, "it stays stalled")
    }
}
