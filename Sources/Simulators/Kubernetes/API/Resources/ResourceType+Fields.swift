extension ResourceType {
    /// The value a field selector compares for `label` on `object` (Kubernetes' `*ToSelectableFields`).
    func fieldValue(_ label: String, of object: SimulatedJSON) -> String {
        switch label {
        case "metadata.name": return object.metadataName
        case "metadata.namespace": return object.metadataNamespace
        case "spec.hostNetwork":
            return object.value(at: ["spec", "hostNetwork"])?.boolValue == true ? "true" : "false"
        case "status.podIPs":
            return object.array(at: ["status", "podIPs"]).first?["ip"]?.stringValue ?? ""
        case "source":
            return object.string(at: ["source", "component"]) ?? ""
        default:
            let path = label.split(separator: ".").map(String.init)
            switch object.value(at: path) {
            case .string(let text): return text
            case .int(let number): return String(number)
            case .bool(let flag): return flag ? "true" : "false"
            default: return ""
            }
        }
    }
}
