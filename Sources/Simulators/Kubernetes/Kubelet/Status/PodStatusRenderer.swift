/// Renders a pod's `status` from the kubelet's ``PodRuntimeState``, with the conditions,
/// container statuses and phase rules of a real kubelet for `restartPolicy: Never`.
enum PodStatusRenderer {
    /// The simulated node's (and, with host networking, every pod's) address.
    static let nodeIP = "127.0.0.1"

    /// The pod phase.
    static func phase(_ state: PodRuntimeState) -> String {
        if state.reason != nil { return "Failed" }
        let inits = state.initContainers.filter { !$0.spec.isSidecar }
        if inits.contains(where: { ($0.exitCode ?? 0) != 0 }) { return "Failed" }
        let initialized = inits.allSatisfy { $0.exitCode == 0 }
        if !initialized { return state.lifecycleDone ? "Failed" : "Pending" }
        if state.containers.allSatisfy(\.isTerminated) {
            return state.containers.allSatisfy { $0.exitCode == 0 } ? "Succeeded" : "Failed"
        }
        if state.lifecycleDone { return "Failed" }
        if state.containers.contains(where: \.hasStarted) { return "Running" }
        return "Pending"
    }

    /// The whole `status` object. `qosClass` and other members not owned here are taken from
    /// `existing`. Updates `state.conditionTimes`.
    static func render(_ state: inout PodRuntimeState, existing: SimulatedJSON) -> SimulatedJSON {
        var status = existing.objectValue ?? [:]
        let phase = phase(state)
        status["phase"] = .string(phase)
        let now = KubeTime.now()

        var conditions: [SimulatedJSON] = []
        func condition(_ type: String, _ value: Bool, reason: String? = nil, message: String? = nil) {
            let text = value ? "True" : "False"
            let time: KubeTime
            if let previous = state.conditionTimes[type], previous.status == text {
                time = previous.time
            } else {
                time = now
                state.conditionTimes[type] = (text, now)
            }
            var object: [String: SimulatedJSON] = [
                "type": .string(type), "status": .string(text), "lastProbeTime": nil,
                "lastTransitionTime": .string(time.rfc3339),
            ]
            if let reason { object["reason"] = .string(reason) }
            if let message { object["message"] = .string(message) }
            conditions.append(.object(object))
        }

        if let disruption = state.disruption {
            condition("DisruptionTarget", true, reason: disruption.reason, message: disruption.message)
        }
        if state.scheduled {
            condition("PodReadyToStartContainers", state.sandboxReady)
            let pendingInits = state.initContainers.filter { !$0.spec.isSidecar && $0.exitCode != 0 }.map(\.spec.name)
            if pendingInits.isEmpty {
                condition("Initialized", true)
            } else {
                condition("Initialized", false, reason: "ContainersNotInitialized",
                          message: "containers with incomplete status: [\(pendingInits.joined(separator: " "))]")
            }
            let terminal = phase == "Succeeded" || phase == "Failed"
            let unready = state.containers.filter { !$0.isRunning }.map(\.spec.name)
                + state.initContainers.filter { $0.spec.isSidecar && !$0.isRunning }.map(\.spec.name)
            for type in ["Ready", "ContainersReady"] {
                if terminal {
                    condition(type, false, reason: "PodCompleted")
                } else if unready.isEmpty {
                    condition(type, true)
                } else {
                    condition(type, false, reason: "ContainersNotReady",
                              message: "containers with unready status: [\(unready.joined(separator: " "))]")
                }
            }
            condition("PodScheduled", true)
        } else if let message = state.unschedulableMessage {
            condition("PodScheduled", false, reason: "Unschedulable", message: message)
        }
        status["conditions"] = conditions.isEmpty ? nil : .array(conditions)

        if state.scheduled {
            status["hostIP"] = .string(nodeIP)
            status["hostIPs"] = [["ip": .string(nodeIP)]]
        }
        if state.sandboxReady {
            status["podIP"] = .string(nodeIP)
            status["podIPs"] = [["ip": .string(nodeIP)]]
        }
        if let start = state.startTime { status["startTime"] = .string(start.rfc3339) }
        status["reason"] = state.reason.map(SimulatedJSON.string)
        status["message"] = state.message.map(SimulatedJSON.string)
        if state.scheduled {
            if !state.initContainers.isEmpty {
                status["initContainerStatuses"] = .array(state.initContainers.map(containerStatus))
            }
            status["containerStatuses"] = .array(state.containers.map(containerStatus))
        }
        return .object(status)
    }

    private static func containerStatus(_ container: ContainerRuntimeState) -> SimulatedJSON {
        var object: [String: SimulatedJSON] = [
            "name": .string(container.spec.name), "image": .string(container.spec.image),
            "imageID": .string(container.imageID), "ready": .bool(container.isRunning),
            "restartCount": 0, "started": .bool(container.isRunning), "lastState": [:],
        ]
        if let id = container.containerID { object["containerID"] = .string(id) }
        switch container.phase {
        case .waiting(let reason, let message):
            var waiting: [String: SimulatedJSON] = ["reason": .string(reason)]
            if let message { waiting["message"] = .string(message) }
            object["state"] = ["waiting": .object(waiting)]
        case .running(let startedAt):
            object["state"] = ["running": ["startedAt": .string(startedAt.rfc3339)]]
        case .terminated(let exitCode, let reason, let message, let startedAt, let finishedAt):
            var terminated: [String: SimulatedJSON] = [
                "exitCode": .int(Int64(exitCode)), "reason": .string(reason),
                "finishedAt": .string(finishedAt.rfc3339),
                "startedAt": .string((startedAt ?? finishedAt).rfc3339),
            ]
            if let message { terminated["message"] = .string(message) }
            if let id = container.containerID { terminated["containerID"] = .string(id) }
            object["state"] = ["terminated": .object(terminated)]
        }
        return .object(object)
    }
}
