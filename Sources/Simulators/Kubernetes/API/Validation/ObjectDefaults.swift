import Foundation

/// The API server's defaulting (and the admission plugins a default cluster runs) for the
/// served kinds: what a `201 Created` answer carries beyond what the client sent.
enum ObjectDefaults {
    /// Applies defaults to a new object (`isCreate`) or an updated one.
    static func apply(_ object: inout SimulatedJSON, resource: ResourceType, serviceAccountVolumes: Bool, isCreate: Bool) {
        switch resource.id {
        case ResourceType.pods.id:
            var spec = object.value(at: ["spec"]) ?? [:]
            podSpec(&spec)
            if isCreate, serviceAccountVolumes { addServiceAccountVolume(&spec) }
            object.setValue(spec, at: ["spec"])
            if isCreate {
                object.setValue(["phase": "Pending", "qosClass": .string(qosClass(spec))], at: ["status"])
            }
        case ResourceType.secrets.id:
            if let stringData = object.value(at: ["stringData"])?.objectValue {
                var data = object.object(at: ["data"])
                for (key, value) in stringData {
                    data[key] = .string(Data(Array((value.stringValue ?? "").utf8)).base64EncodedString())
                }
                object.setValue(.object(data), at: ["data"])
                object.setValue(nil, at: ["stringData"])
            }
            if (object.string(at: ["type"]) ?? "").isEmpty { object.setValue("Opaque", at: ["type"]) }
        case ResourceType.deployments.id:
            var spec = object.value(at: ["spec"]) ?? [:]
            if spec["replicas"] == nil { spec["replicas"] = 1 }
            if spec["revisionHistoryLimit"] == nil { spec["revisionHistoryLimit"] = 10 }
            if spec["progressDeadlineSeconds"] == nil { spec["progressDeadlineSeconds"] = 600 }
            var strategy = spec["strategy"] ?? [:]
            if strategy["type"] == nil { strategy["type"] = "RollingUpdate" }
            if strategy["type"]?.stringValue == "RollingUpdate" {
                var rolling = strategy["rollingUpdate"] ?? [:]
                if rolling["maxUnavailable"] == nil { rolling["maxUnavailable"] = "25%" }
                if rolling["maxSurge"] == nil { rolling["maxSurge"] = "25%" }
                strategy["rollingUpdate"] = rolling
            }
            spec["strategy"] = strategy
            var templateSpec = spec.value(at: ["template", "spec"]) ?? [:]
            podSpec(&templateSpec)
            spec.setValue(templateSpec, at: ["template", "spec"])
            object.setValue(spec, at: ["spec"])
            if isCreate, object.value(at: ["status"]) == nil { object.setValue([:], at: ["status"]) }
        case ResourceType.namespaces.id:
            if isCreate {
                object.setValue(["finalizers": ["kubernetes"]], at: ["spec"])
                object.setValue(["phase": "Active"], at: ["status"])
                var labels = object.object(at: ["metadata", "labels"])
                labels["kubernetes.io/metadata.name"] = .string(object.metadataName)
                object.setValue(.object(labels), at: ["metadata", "labels"])
            }
        default:
            break
        }
    }

    /// PodSpec defaults (also used for pod templates).
    static func podSpec(_ spec: inout SimulatedJSON) {
        func setDefault(_ key: String, _ value: SimulatedJSON) {
            if spec[key] == nil || spec[key]?.isNull == true { spec[key] = value }
        }
        setDefault("restartPolicy", "Always")
        setDefault("terminationGracePeriodSeconds", 30)
        setDefault("dnsPolicy", "ClusterFirst")
        setDefault("securityContext", [:])
        setDefault("schedulerName", "default-scheduler")
        setDefault("enableServiceLinks", true)
        setDefault("preemptionPolicy", "PreemptLowerPriority")
        setDefault("priority", 0)
        if let account = spec["serviceAccount"]?.stringValue, spec["serviceAccountName"] == nil {
            spec["serviceAccountName"] = .string(account)
        }
        setDefault("serviceAccountName", "default")
        spec["serviceAccount"] = spec["serviceAccountName"]
        var tolerations = spec["tolerations"]?.arrayValue ?? []
        for key in ["node.kubernetes.io/not-ready", "node.kubernetes.io/unreachable"]
        where !tolerations.contains(where: { $0["key"]?.stringValue == key && $0["effect"]?.stringValue == "NoExecute" }) {
            tolerations.append(["key": .string(key), "operator": "Exists", "effect": "NoExecute", "tolerationSeconds": 300])
        }
        spec["tolerations"] = .array(tolerations)
        for field in ["containers", "initContainers"] {
            guard let containers = spec[field]?.arrayValue else { continue }
            spec[field] = .array(containers.map(container))
        }
        if let volumes = spec["volumes"]?.arrayValue {
            spec["volumes"] = .array(volumes.map(volume))
        }
    }

    private static func container(_ container: SimulatedJSON) -> SimulatedJSON {
        var container = container
        if container["terminationMessagePath"] == nil { container["terminationMessagePath"] = "/dev/termination-log" }
        if container["terminationMessagePolicy"] == nil { container["terminationMessagePolicy"] = "File" }
        if container["imagePullPolicy"] == nil {
            let image = container["image"]?.stringValue ?? ""
            let lastComponent = image.split(separator: "/").last.map(String.init) ?? image
            let tagged = lastComponent.contains(":") || image.contains("@")
            container["imagePullPolicy"] = (!tagged || image.hasSuffix(":latest")) ? "Always" : "IfNotPresent"
        }
        var resources = container["resources"] ?? [:]
        if let limits = resources["limits"]?.objectValue {
            var requests = resources["requests"]?.objectValue ?? [:]
            for (name, value) in limits where requests[name] == nil { requests[name] = value }
            resources["requests"] = .object(requests)
        }
        container["resources"] = resources
        if let ports = container["ports"]?.arrayValue {
            container["ports"] = .array(ports.map { port in
                var port = port
                if port["protocol"] == nil { port["protocol"] = "TCP" }
                return port
            })
        }
        if let env = container["env"]?.arrayValue {
            container["env"] = .array(env.map { entry in
                var entry = entry
                if var fieldRef = entry.value(at: ["valueFrom", "fieldRef"]), fieldRef["apiVersion"] == nil {
                    fieldRef["apiVersion"] = "v1"
                    entry.setValue(fieldRef, at: ["valueFrom", "fieldRef"])
                }
                return entry
            })
        }
        return container
    }

    private static func volume(_ volume: SimulatedJSON) -> SimulatedJSON {
        var volume = volume
        for source in ["secret", "configMap", "downwardAPI", "projected"] {
            guard var object = volume[source], object.objectValue != nil else { continue }
            if object["defaultMode"] == nil { object["defaultMode"] = 420 }
            volume[source] = object
        }
        if var hostPath = volume["hostPath"], hostPath["type"] == nil {
            hostPath["type"] = ""
            volume["hostPath"] = hostPath
        }
        return volume
    }

    /// The ServiceAccount admission plugin's token volume and its mounts.
    private static func addServiceAccountVolume(_ spec: inout SimulatedJSON) {
        guard spec["automountServiceAccountToken"]?.boolValue != false else { return }
        let mountPath = "/var/run/secrets/kubernetes.io/serviceaccount"
        let name = "kube-api-access-" + KubernetesCluster.randomSuffix(5)
        var volumes = spec["volumes"]?.arrayValue ?? []
        volumes.append([
            "name": .string(name),
            "projected": [
                "defaultMode": 420,
                "sources": [
                    ["serviceAccountToken": ["expirationSeconds": 3607, "path": "token"]],
                    ["configMap": ["name": "kube-root-ca.crt", "items": [["key": "ca.crt", "path": "ca.crt"]]]],
                    ["downwardAPI": ["items": [["path": "namespace", "fieldRef": ["apiVersion": "v1", "fieldPath": "metadata.namespace"]]]]],
                ],
            ],
        ])
        spec["volumes"] = .array(volumes)
        for field in ["initContainers", "containers"] {
            guard let containers = spec[field]?.arrayValue else { continue }
            spec[field] = .array(containers.map { container in
                var container = container
                var mounts = container["volumeMounts"]?.arrayValue ?? []
                guard !mounts.contains(where: { $0["mountPath"]?.stringValue == mountPath }) else { return container }
                mounts.append(["name": .string(name), "readOnly": true, "mountPath": .string(mountPath)])
                container["volumeMounts"] = .array(mounts)
                return container
            })
        }
    }

    /// `Guaranteed`, `Burstable` or `BestEffort`.
    static func qosClass(_ spec: SimulatedJSON) -> String {
        let containers = spec.array(at: ["containers"]) + spec.array(at: ["initContainers"])
        var anySet = false
        var guaranteed = true
        for container in containers {
            let limits = container.stringMap(at: ["resources", "limits"])
            let requests = container.stringMap(at: ["resources", "requests"])
            for resource in ["cpu", "memory"] {
                if limits[resource] != nil || requests[resource] != nil { anySet = true }
                guard let limit = limits[resource], requests[resource] == nil || requests[resource] == limit else {
                    guaranteed = false
                    continue
                }
            }
        }
        if !anySet { return "BestEffort" }
        return guaranteed ? "Guaranteed" : "Burstable"
    }
}
