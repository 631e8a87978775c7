/// Server-side printing (`meta.k8s.io/v1` `Table`) for `kubectl get`, with the columns of the
/// real printers for pods, secrets, config maps, leases, deployments, namespaces and events.
enum TableRenderer {
    private struct Column {
        var name: String
        var type = "string"
        var format = ""
        var priority = 0
        var description = ""
    }

    static func table(_ objects: [SimulatedJSON], resource: ResourceType, resourceVersion: String, includeColumns: Bool = true) -> SimulatedJSON {
        let columns = columns(for: resource)
        let rows: [SimulatedJSON] = objects.map { object in
            var metadata = object.value(at: ["metadata"]) ?? [:]
            metadata["managedFields"] = nil
            return [
                "cells": .array(cells(object, resource: resource)),
                "object": ["kind": "PartialObjectMetadata", "apiVersion": "meta.k8s.io/v1", "metadata": metadata],
            ]
        }
        let definitions: [SimulatedJSON] = includeColumns ? columns.map { column in
            ["name": .string(column.name), "type": .string(column.type), "format": .string(column.format),
             "description": .string(column.description.isEmpty ? column.name : column.description), "priority": .int(Int64(column.priority))]
        } : []
        return ["kind": "Table", "apiVersion": "meta.k8s.io/v1", "metadata": ["resourceVersion": .string(resourceVersion)],
                "columnDefinitions": .array(definitions), "rows": .array(rows)]
    }

    private static func columns(for resource: ResourceType) -> [Column] {
        let name = Column(name: "Name", format: "name")
        let age = Column(name: "Age")
        switch resource.id {
        case ResourceType.pods.id:
            return [name, Column(name: "Ready"), Column(name: "Status"), Column(name: "Restarts"), age,
                    Column(name: "IP", priority: 1), Column(name: "Node", priority: 1),
                    Column(name: "Nominated Node", priority: 1), Column(name: "Readiness Gates", priority: 1)]
        case ResourceType.secrets.id:
            return [name, Column(name: "Type"), Column(name: "Data", type: "integer"), age]
        case ResourceType.configMaps.id:
            return [name, Column(name: "Data", type: "integer"), age]
        case ResourceType.leases.id:
            return [name, Column(name: "Holder"), age]
        case ResourceType.deployments.id:
            return [name, Column(name: "Ready"), Column(name: "Up-to-date", type: "integer"), Column(name: "Available", type: "integer"), age,
                    Column(name: "Containers", priority: 1), Column(name: "Images", priority: 1), Column(name: "Selector", priority: 1)]
        case ResourceType.namespaces.id:
            return [name, Column(name: "Status"), age]
        case ResourceType.serviceAccounts.id:
            return [name, Column(name: "Secrets", type: "integer"), age]
        case ResourceType.events.id:
            return [Column(name: "Last Seen"), Column(name: "Type"), Column(name: "Reason"), Column(name: "Object"), Column(name: "Message")]
        default:
            return [name, age]
        }
    }

    private static func cells(_ object: SimulatedJSON, resource: ResourceType) -> [SimulatedJSON] {
        let name = SimulatedJSON.string(object.metadataName)
        let age = SimulatedJSON.string(self.age(object.string(at: ["metadata", "creationTimestamp"])))
        switch resource.id {
        case ResourceType.pods.id:
            let statuses = object.array(at: ["status", "containerStatuses"])
            let total = object.array(at: ["spec", "containers"]).count
            let ready = statuses.filter { $0["ready"]?.boolValue == true }.count
            let restarts = statuses.reduce(Int64(0)) { $0 + ($1["restartCount"]?.intValue ?? 0) }
            return [name, .string("\(ready)/\(total)"), .string(podStatus(object)), .int(restarts), age,
                    .string(object.string(at: ["status", "podIP"]) ?? "<none>"), .string(object.string(at: ["spec", "nodeName"]) ?? "<none>"),
                    "<none>", "<none>"]
        case ResourceType.secrets.id:
            return [name, .string(object.string(at: ["type"]) ?? "Opaque"), .int(Int64(object.object(at: ["data"]).count)), age]
        case ResourceType.configMaps.id:
            return [name, .int(Int64(object.object(at: ["data"]).count + object.object(at: ["binaryData"]).count)), age]
        case ResourceType.leases.id:
            return [name, .string(object.string(at: ["spec", "holderIdentity"]) ?? ""), age]
        case ResourceType.deployments.id:
            let replicas = object.int(at: ["spec", "replicas"]) ?? 0
            let containers = object.array(at: ["spec", "template", "spec", "containers"])
            return [name, .string("\(object.int(at: ["status", "readyReplicas"]) ?? 0)/\(replicas)"),
                    .int(object.int(at: ["status", "updatedReplicas"]) ?? 0), .int(object.int(at: ["status", "availableReplicas"]) ?? 0), age,
                    .string(containers.compactMap { $0["name"]?.stringValue }.joined(separator: ",")),
                    .string(containers.compactMap { $0["image"]?.stringValue }.joined(separator: ",")),
                    .string(object.stringMap(at: ["spec", "selector", "matchLabels"]).sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: ","))]
        case ResourceType.namespaces.id:
            return [name, .string(object.string(at: ["status", "phase"]) ?? "Active"), age]
        case ResourceType.serviceAccounts.id:
            return [name, .int(Int64(object.array(at: ["secrets"]).count)), age]
        case ResourceType.events.id:
            let involved = "\((object.string(at: ["involvedObject", "kind"]) ?? "").lowercased())/\(object.string(at: ["involvedObject", "name"]) ?? "")"
            return [.string(self.age(object.string(at: ["lastTimestamp"]))), .string(object.string(at: ["type"]) ?? ""),
                    .string(object.string(at: ["reason"]) ?? ""), .string(involved), .string(object.string(at: ["message"]) ?? "")]
        default:
            return [name, age]
        }
    }

    /// kubectl's pod STATUS column.
    static func podStatus(_ pod: SimulatedJSON) -> String {
        var reason = pod.string(at: ["status", "reason"]) ?? pod.string(at: ["status", "phase"]) ?? "Pending"
        let initStatuses = pod.array(at: ["status", "initContainerStatuses"])
        var initializing = false
        for (index, status) in initStatuses.enumerated() {
            if let terminated = status.value(at: ["state", "terminated"]), terminated["exitCode"]?.intValue == 0 { continue }
            if let terminated = status.value(at: ["state", "terminated"]) {
                reason = "Init:" + (terminated["reason"]?.stringValue ?? "ExitCode:\(terminated["exitCode"]?.intValue ?? 0)")
            } else if let waiting = status.value(at: ["state", "waiting"]), let why = waiting["reason"]?.stringValue, why != "PodInitializing" {
                reason = "Init:" + why
            } else {
                if status.value(at: ["state", "running"]) != nil, status["restartCount"] == nil { continue }
                reason = "Init:\(index)/\(pod.array(at: ["spec", "initContainers"]).count)"
            }
            initializing = true
            break
        }
        if !initializing {
            var hasRunning = false
            for status in pod.array(at: ["status", "containerStatuses"]).reversed() {
                if let why = status.string(at: ["state", "waiting", "reason"]), !why.isEmpty {
                    reason = why
                } else if let terminated = status.value(at: ["state", "terminated"]) {
                    reason = terminated["reason"]?.stringValue ?? "ExitCode:\(terminated["exitCode"]?.intValue ?? 0)"
                } else if status.value(at: ["state", "running"]) != nil, status["ready"]?.boolValue == true {
                    hasRunning = true
                }
            }
            if reason == "Completed", hasRunning { reason = "Running" }
        }
        if pod.value(at: ["metadata", "deletionTimestamp"]) != nil { reason = "Terminating" }
        return reason
    }

    /// kubectl's `HumanDuration` of the time since `timestamp`.
    static func age(_ timestamp: String?) -> String {
        guard let timestamp, let then = KubeTime(parsing: timestamp) else { return "<unknown>" }
        let seconds = Int(KubeTime.now().seconds(since: then))
        if seconds < -1 { return "<invalid>" }
        if seconds < 0 { return "0s" }
        if seconds < 120 { return "\(seconds)s" }
        let minutes = seconds / 60
        if minutes < 10 { return seconds % 60 == 0 ? "\(minutes)m" : "\(minutes)m\(seconds % 60)s" }
        if minutes < 180 { return "\(minutes)m" }
        let hours = minutes / 60
        if hours < 8 { return minutes % 60 == 0 ? "\(hours)h" : "\(hours)h\(minutes % 60)m" }
        if hours < 48 { return "\(hours)h" }
        if hours < 24 * 8 { return hours % 24 == 0 ? "\(hours / 24)d" : "\(hours / 24)d\(hours % 24)h" }
        if hours < 24 * 365 * 2 { return "\(hours / 24)d" }
        return "\(hours / 24 / 365)y"
    }
}
