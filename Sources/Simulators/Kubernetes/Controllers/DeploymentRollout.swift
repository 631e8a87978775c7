/// One reconcile step of the Deployment controller, as a pure function of a Deployment and the
/// pods it owns: which pods to create and delete, and the status to write (research notes
/// `kubernetes.md` §4.5 point 4 name the strategy the agent's Deployment uses).
///
/// It follows the real controller's rules, with pods owned by the Deployment directly (the
/// simulator has no ReplicaSets; a pod's `pod-template-hash` label says which template it runs):
/// - `RollingUpdate`: the new template is scaled up while all pods stay within `replicas + maxSurge`;
///   old pods are removed (unavailable ones first) while at least `replicas − maxUnavailable` stay
///   available. A step that creates pods does nothing else, as upstream.
/// - `Recreate`: every old pod is deleted and gone before the first new one is created.
/// - Scale-down picks, as upstream's ranking does: pods not yet running, then not ready, then the
///   lowest `controller.kubernetes.io/pod-deletion-cost`, then the youngest.
/// - Terminating and finished pods are not counted; a pod is available once it is Ready
///   (`minReadySeconds` is not simulated).
struct DeploymentRollout: Equatable {
    /// Pods of the current template to create.
    var create = 0
    /// Names of pods to delete.
    var delete: [String] = []
    /// The counts and conditions for `status` (observedGeneration included).
    var status: SimulatedJSON = [:]

    static let templateHashLabel = "pod-template-hash"
    static let deletionCostAnnotation = "controller.kubernetes.io/pod-deletion-cost"

    /// Plans one step. `hash` is the current template's hash; `now` stamps condition changes.
    static func plan(deployment: SimulatedJSON, pods allPods: [SimulatedJSON], hash: String, now: KubeTime) -> DeploymentRollout {
        let spec = deployment.value(at: ["spec"]) ?? [:]
        let desired = Int(max(0, spec["replicas"]?.intValue ?? 1))
        let pods = allPods.filter(isActive)
        let current = pods.filter { $0.string(at: ["metadata", "labels", templateHashLabel]) == hash }
        let old = pods.filter { $0.string(at: ["metadata", "labels", templateHashLabel]) != hash }
        let budget = RollingUpdateBudget(strategy: spec["strategy"] ?? [:], replicas: desired)

        var step = DeploymentRollout()
        if spec["paused"]?.boolValue != true {
            if spec.string(at: ["strategy", "type"]) == "Recreate" {
                if !old.isEmpty {
                    step.delete = old.map(\.metadataName)
                } else if !allPods.contains(where: { isTerminating($0) && $0.string(at: ["metadata", "labels", templateHashLabel]) != hash }) {
                    step.scale(current, to: desired)
                }
            } else {
                step.roll(current: current, old: old, desired: desired, budget: budget)
            }
        }
        step.status = status(deployment: deployment, current: current, all: pods, desired: desired, budget: budget, stepTakesAction: step.create > 0 || !step.delete.isEmpty, now: now)
        return step
    }

    private mutating func scale(_ current: [SimulatedJSON], to desired: Int) {
        if current.count < desired {
            create = desired - current.count
        } else if current.count > desired {
            delete = Self.rankedForRemoval(current).prefix(current.count - desired).map(\.metadataName)
        }
    }

    private mutating func roll(current: [SimulatedJSON], old: [SimulatedJSON], desired: Int, budget: RollingUpdateBudget) {
        if old.isEmpty {
            scale(current, to: desired)
            return
        }
        // Scale up the new template within the surge.
        if current.count < desired {
            let room = desired + budget.maxSurge - (current.count + old.count)
            if room > 0 {
                create = min(desired - current.count, room)
                return
            }
        } else if current.count > desired {
            delete = Self.rankedForRemoval(current).prefix(current.count - desired).map(\.metadataName)
            return
        }
        // Scale down old pods while enough stay available.
        let minAvailable = desired - budget.maxUnavailable
        let currentUnavailable = current.filter { !Self.isAvailable($0) }.count
        let oldUnavailable = Self.rankedForRemoval(old.filter { !Self.isAvailable($0) })
        let cleanup = min(oldUnavailable.count, max(0, current.count + old.count - minAvailable - currentUnavailable))
        delete = oldUnavailable.prefix(cleanup).map(\.metadataName)
        let available = (current + old).filter(Self.isAvailable).count
        let oldAvailable = Self.rankedForRemoval(old.filter(Self.isAvailable))
        delete += oldAvailable.prefix(max(0, min(oldAvailable.count, available - minAvailable))).map(\.metadataName)
    }

    // MARK: Status

    private static func status(
        deployment: SimulatedJSON, current: [SimulatedJSON], all: [SimulatedJSON], desired: Int,
        budget: RollingUpdateBudget, stepTakesAction: Bool, now: KubeTime
    ) -> SimulatedJSON {
        let previous = deployment.value(at: ["status"]) ?? [:]
        let ready = all.filter(isReady).count
        let available = all.filter(isAvailable).count
        var status: SimulatedJSON = [
            "observedGeneration": .int(deployment.int(at: ["metadata", "generation"]) ?? 1),
            "replicas": .int(Int64(all.count)),
            "updatedReplicas": .int(Int64(current.count)),
            "readyReplicas": .int(Int64(ready)),
            "availableReplicas": .int(Int64(available)),
            "unavailableReplicas": .int(Int64(max(0, desired - available))),
        ]
        for key in ["readyReplicas", "availableReplicas", "unavailableReplicas", "replicas", "updatedReplicas"] where status[key]?.intValue == 0 {
            status[key] = nil  // omitted when zero, as the API server's JSON does
        }
        let name = deployment.metadataName
        let complete = current.count == desired && all.count == desired && current.filter(isAvailable).count == desired
        let countsChanged = ["replicas", "updatedReplicas", "readyReplicas", "availableReplicas"].contains { previous[$0] != status[$0] }
            || previous["observedGeneration"] != status["observedGeneration"]
        let previousConditions = previous["conditions"]?.arrayValue ?? []
        func previousCondition(_ type: String) -> SimulatedJSON? { previousConditions.first { $0["type"]?.stringValue == type } }
        func condition(_ type: String, _ value: Bool, reason: String, message: String, progressed: Bool) -> SimulatedJSON {
            let before = previousCondition(type)
            let statusText = value ? "True" : "False"
            let transitioned = before?["status"]?.stringValue != statusText
            let stamp = SimulatedJSON.string(now.rfc3339)
            let unchanged = !transitioned && before?["reason"]?.stringValue == reason && !progressed
            return [
                "type": .string(type), "status": .string(statusText), "reason": .string(reason), "message": .string(message),
                "lastUpdateTime": unchanged ? (before?["lastUpdateTime"] ?? stamp) : stamp,
                "lastTransitionTime": transitioned ? stamp : (before?["lastTransitionTime"] ?? stamp),
            ]
        }
        let minimumAvailable = available >= desired - budget.maxUnavailable
        let availableCondition = condition(
            "Available", minimumAvailable,
            reason: minimumAvailable ? "MinimumReplicasAvailable" : "MinimumReplicasUnavailable",
            message: minimumAvailable ? "Deployment has minimum availability." : "Deployment does not have minimum availability.",
            progressed: false)
        let progressing: SimulatedJSON
        let deadline = Double(deployment.int(at: ["spec", "progressDeadlineSeconds"]) ?? 600)
        if complete {
            progressing = condition("Progressing", true, reason: "NewReplicaSetAvailable",
                                    message: "ReplicaSet \"\(name)\" has successfully progressed.", progressed: false)
        } else if stepTakesAction || countsChanged || previousCondition("Progressing") == nil {
            progressing = condition("Progressing", true, reason: "ReplicaSetUpdated",
                                    message: "ReplicaSet \"\(name)\" is progressing.", progressed: true)
        } else if let before = previousCondition("Progressing"),
                  let updated = before["lastUpdateTime"]?.stringValue.flatMap(KubeTime.init(parsing:)),
                  before["status"]?.stringValue == "True", now.seconds(since: updated) > deadline {
            progressing = condition("Progressing", false, reason: "ProgressDeadlineExceeded",
                                    message: "ReplicaSet \"\(name)\" has timed out progressing.", progressed: false)
        } else {
            progressing = previousCondition("Progressing") ?? [:]
        }
        status["conditions"] = [availableCondition, progressing]
        return status
    }

    // MARK: Pods

    static func isTerminating(_ pod: SimulatedJSON) -> Bool { pod.value(at: ["metadata", "deletionTimestamp"]) != nil }

    /// Counted by the controller: not being deleted and not finished.
    static func isActive(_ pod: SimulatedJSON) -> Bool {
        let phase = pod.string(at: ["status", "phase"])
        return !isTerminating(pod) && phase != "Succeeded" && phase != "Failed"
    }

    static func isReady(_ pod: SimulatedJSON) -> Bool {
        pod.array(at: ["status", "conditions"]).contains { $0["type"]?.stringValue == "Ready" && $0["status"]?.stringValue == "True" }
    }

    static func isAvailable(_ pod: SimulatedJSON) -> Bool { isReady(pod) }

    /// Pods in the order a scale-down removes them.
    static func rankedForRemoval(_ pods: [SimulatedJSON]) -> [SimulatedJSON] {
        func key(_ pod: SimulatedJSON) -> (Int, Int, Int64, String) {
            let running = pod.string(at: ["status", "phase"]) == "Running" ? 1 : 0
            let ready = isReady(pod) ? 1 : 0
            let cost = Int64(pod.string(at: ["metadata", "annotations", deletionCostAnnotation]) ?? "") ?? 0
            return (running, ready, cost, pod.string(at: ["metadata", "creationTimestamp"]) ?? "")
        }
        return pods.sorted { lhs, rhs in
            let (a, b) = (key(lhs), key(rhs))
            if a.0 != b.0 { return a.0 < b.0 }
            if a.1 != b.1 { return a.1 < b.1 }
            if a.2 != b.2 { return a.2 < b.2 }
            if a.3 != b.3 { return a.3 > b.3 }  // youngest first
            return lhs.metadataName < rhs.metadataName
        }
    }
}
