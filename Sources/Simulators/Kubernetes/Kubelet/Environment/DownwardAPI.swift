import Foundation

/// Values of the Downward API (`fieldRef` in env and `downwardAPI` volumes).
enum DownwardAPI {
    /// The value of `fieldPath` for `pod` on `nodeName`, or `nil` when unsupported.
    static func value(_ fieldPath: String, pod: SimulatedJSON, nodeName: String) -> String? {
        switch fieldPath {
        case "metadata.name": return pod.metadataName
        case "metadata.namespace": return pod.metadataNamespace
        case "metadata.uid": return pod.metadataUID
        case "metadata.labels": return formatMap(pod.stringMap(at: ["metadata", "labels"]))
        case "metadata.annotations": return formatMap(pod.stringMap(at: ["metadata", "annotations"]))
        case "spec.nodeName": return nodeName
        case "spec.serviceAccountName": return pod.string(at: ["spec", "serviceAccountName"]) ?? "default"
        case "status.podIP", "status.hostIP", "status.podIPs", "status.hostIPs": return PodStatusRenderer.nodeIP
        default:
            for (prefix, path) in [("metadata.labels['", ["metadata", "labels"]), ("metadata.annotations['", ["metadata", "annotations"])]
            where fieldPath.hasPrefix(prefix) && fieldPath.hasSuffix("']") {
                let key = String(fieldPath.dropFirst(prefix.count).dropLast(2))
                return pod.stringMap(at: path)[key] ?? ""
            }
            return nil
        }
    }

    /// Whether `fieldPath` is accepted in `env[].valueFrom.fieldRef`.
    static func isSupportedInEnvironment(_ fieldPath: String) -> Bool {
        if fieldPath == "metadata.labels" || fieldPath == "metadata.annotations" { return false }
        return value(fieldPath, pod: [:], nodeName: "") != nil
    }

    /// `key="value"` lines, sorted by key, as the kubelet writes label and annotation files.
    static func formatMap(_ map: [String: String]) -> String {
        map.sorted { $0.key < $1.key }.map { key, value in
            let escaped = value.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
                .replacingOccurrences(of: "\n", with: "\\n")
            return "\(key)=\"\(escaped)\""
        }.joined(separator: "\n")
    }
}
