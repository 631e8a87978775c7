import Foundation
import Synchronization

extension KubernetesCluster {
    /// Records a core/v1 `Event` about `object` (of kind `kind`), as the kubelet and scheduler
    /// do. A repeat of the same reason and message on the same object bumps `count` and
    /// `lastTimestamp` instead of adding an event.
    func recordEvent(
        about object: SimulatedJSON,
        kind: String = "Pod",
        reason: String,
        message: String,
        type: String = "Normal",
        fieldPath: String? = nil,
        component: String = "kubelet"
    ) {
        guard configuration.recordEvents else { return }
        let namespace = object.metadataNamespace.isEmpty ? "default" : object.metadataNamespace
        let aggregation = [object.metadataUID, reason, message, fieldPath ?? ""].joined(separator: "\u{0}")
        let now = KubeTime.now()
        mutate { store in
            if let key = eventIndex.withLock({ $0[aggregation] }), var existing = store.object(key) {
                existing.setValue(.int((existing.int(at: ["count"]) ?? 1) + 1), at: ["count"])
                existing.setValue(.string(now.rfc3339), at: ["lastTimestamp"])
                store.write(existing, at: key)
                return
            }
            let name = "\(object.metadataName).\(String(UInt64(now.seconds) &* 1_000_000_000 &+ UInt64(now.nanoseconds), radix: 16))"
            var involved: [String: SimulatedJSON] = [
                "kind": .string(kind), "namespace": .string(namespace), "name": .string(object.metadataName),
                "uid": .string(object.metadataUID), "apiVersion": .string(object.string(at: ["apiVersion"]) ?? "v1"),
                "resourceVersion": .string(object.string(at: ["metadata", "resourceVersion"]) ?? ""),
            ]
            if let fieldPath { involved["fieldPath"] = .string(fieldPath) }
            let event: SimulatedJSON = [
                "kind": "Event", "apiVersion": "v1",
                "metadata": ["name": .string(name), "namespace": .string(namespace), "uid": .string(UUID().uuidString.lowercased()),
                             "creationTimestamp": .string(now.rfc3339)],
                "involvedObject": .object(involved),
                "reason": .string(reason), "message": .string(message),
                "source": ["component": .string(component), "host": .string(configuration.nodeName)],
                "firstTimestamp": .string(now.rfc3339), "lastTimestamp": .string(now.rfc3339),
                "count": 1, "type": .string(type), "eventTime": nil,
                "reportingComponent": .string(component), "reportingInstance": .string(configuration.nodeName),
            ]
            let key = ObjectKey(.events, namespace: namespace, name: name)
            store.write(event, at: key)
            eventIndex.withLock { $0[aggregation] = key }
        }
    }
}
