import Simulators

/// Builders for test pods and secrets.
enum TestPods {
    /// A container running `sh -c script`.
    static func container(_ name: String, _ script: String, mounts: [(String, String)] = [], extra: [String: SimulatedJSON] = [:]) -> SimulatedJSON {
        var object: [String: SimulatedJSON] = [
            "name": .string(name), "image": "alpine:3", "command": ["sh", "-c", .string(script)],
        ]
        if !mounts.isEmpty {
            object["volumeMounts"] = .array(mounts.map { ["name": .string($0.0), "mountPath": .string($0.1)] })
        }
        for (key, value) in extra { object[key] = value }
        return .object(object)
    }

    /// A `restartPolicy: Never` pod with these containers and spec fields.
    static func pod(
        _ name: String,
        containers: [SimulatedJSON],
        initContainers: [SimulatedJSON] = [],
        volumes: [SimulatedJSON] = [],
        spec: [String: SimulatedJSON] = [:],
        labels: [String: String] = [:],
        annotations: [String: String] = [:]
    ) -> SimulatedJSON {
        var podSpec: [String: SimulatedJSON] = [
            "restartPolicy": "Never", "containers": .array(containers), "automountServiceAccountToken": false,
        ]
        if !initContainers.isEmpty { podSpec["initContainers"] = .array(initContainers) }
        if !volumes.isEmpty { podSpec["volumes"] = .array(volumes) }
        for (key, value) in spec { podSpec[key] = value }
        var metadata: [String: SimulatedJSON] = ["name": .string(name)]
        if !labels.isEmpty { metadata["labels"] = .object(labels.mapValues(SimulatedJSON.string)) }
        if !annotations.isEmpty { metadata["annotations"] = .object(annotations.mapValues(SimulatedJSON.string)) }
        return ["apiVersion": "v1", "kind": "Pod", "metadata": .object(metadata), "spec": .object(podSpec)]
    }

    /// A one-container pod running `sh -c script`.
    static func shell(_ name: String, _ script: String, spec: [String: SimulatedJSON] = [:], labels: [String: String] = [:],
                      annotations: [String: String] = [:]) -> SimulatedJSON {
        pod(name, containers: [container("build", script)], spec: spec, labels: labels, annotations: annotations)
    }

    /// An Opaque secret with `stringData`.
    static func secret(_ name: String, _ data: [String: String], labels: [String: String] = [:]) -> SimulatedJSON {
        var metadata: [String: SimulatedJSON] = ["name": .string(name)]
        if !labels.isEmpty { metadata["labels"] = .object(labels.mapValues(SimulatedJSON.string)) }
        return ["apiVersion": "v1", "kind": "Secret", "metadata": .object(metadata),
                "stringData": .object(data.mapValues(SimulatedJSON.string))]
    }

    /// `status.phase`.
    static func phase(_ pod: SimulatedJSON) -> String? {
        pod["status"]?["phase"]?.stringValue
    }

    /// The status of container `name` (regular or init).
    static func containerStatus(_ pod: SimulatedJSON, _ name: String) -> SimulatedJSON? {
        let all = (pod["status"]?["containerStatuses"]?.arrayValue ?? []) + (pod["status"]?["initContainerStatuses"]?.arrayValue ?? [])
        return all.first { $0["name"]?.stringValue == name }
    }

    /// `state.terminated` of container `name`.
    static func terminated(_ pod: SimulatedJSON, _ name: String) -> SimulatedJSON? {
        containerStatus(pod, name)?["state"]?["terminated"]
    }

    /// `state.waiting.reason` of container `name`.
    static func waitingReason(_ pod: SimulatedJSON, _ name: String) -> String? {
        containerStatus(pod, name)?["state"]?["waiting"]?["reason"]?.stringValue
    }

    /// The condition `type`.
    static func condition(_ pod: SimulatedJSON, _ type: String) -> SimulatedJSON? {
        pod["status"]?["conditions"]?.arrayValue?.first { $0["type"]?.stringValue == type }
    }

    /// Whether the pod is in a terminal phase.
    static func isDone(_ pod: SimulatedJSON) -> Bool {
        ["Succeeded", "Failed"].contains(phase(pod) ?? "")
    }
}
