/// Create and update validation of the served kinds (the subset of Kubernetes' `validation`
/// package that matters for objects the agent builds). Answers are the causes of a
/// `422 Invalid` Status.
enum ObjectValidation {
    /// Validates a new object.
    static func validateCreate(_ object: SimulatedJSON, resource: ResourceType) -> [StatusCause] {
        var causes = metadata(object, resource: resource)
        switch resource.id {
        case ResourceType.pods.id:
            causes += PodValidation.spec(object.value(at: ["spec"]) ?? [:], path: "spec", template: false)
        case ResourceType.secrets.id, ResourceType.configMaps.id:
            causes += dataMaps(object, resource: resource)
        case ResourceType.leases.id:
            causes += lease(object)
        case ResourceType.deployments.id:
            causes += deployment(object)
        default:
            break
        }
        return causes
    }

    /// Validates an update of `old` to `new` (create rules plus immutability).
    static func validateUpdate(_ new: SimulatedJSON, old: SimulatedJSON, resource: ResourceType) -> [StatusCause] {
        var causes = validateCreate(new, resource: resource)
        switch resource.id {
        case ResourceType.pods.id:
            causes += PodValidation.update(new.value(at: ["spec"]) ?? [:], old: old.value(at: ["spec"]) ?? [:])
        case ResourceType.secrets.id, ResourceType.configMaps.id:
            if old.value(at: ["immutable"])?.boolValue == true {
                for field in ["data", "binaryData"] where new.value(at: [field]) != old.value(at: [field]) {
                    causes.append(.forbidden(field, "field is immutable when `immutable` is set"))
                }
                if new.value(at: ["immutable"])?.boolValue != true {
                    causes.append(.forbidden("immutable", "field is immutable when `immutable` is set"))
                }
            }
            if resource == .secrets, new.string(at: ["type"]) != old.string(at: ["type"]) {
                causes.append(.invalid("type", value: new.value(at: ["type"]) ?? "", "field is immutable"))
            }
        case ResourceType.deployments.id:
            if new.value(at: ["spec", "selector"]) != old.value(at: ["spec", "selector"]) {
                causes.append(.invalid("spec.selector", value: .string((new.value(at: ["spec", "selector"]) ?? [:]).description), "field is immutable"))
            }
        default:
            break
        }
        return causes
    }

    /// Name, generateName, labels, annotations, owner references.
    static func metadata(_ object: SimulatedJSON, resource: ResourceType) -> [StatusCause] {
        var causes: [StatusCause] = []
        let name = object.metadataName
        if name.isEmpty {
            if (object.string(at: ["metadata", "generateName"]) ?? "").isEmpty {
                causes.append(StatusCause(reason: "FieldValueRequired", message: "Required value: name or generateName is required", field: "metadata.name"))
            }
        } else {
            let problem = resource == .namespaces ? LabelRules.labelProblem(name) : LabelRules.subdomainProblem(name)
            if let problem { causes.append(.invalid("metadata.name", value: .string(name), problem)) }
        }
        for (key, value) in object.stringMap(at: ["metadata", "labels"]).sorted(by: { $0.key < $1.key }) {
            if let problem = LabelRules.keyProblem(key) {
                causes.append(.invalid("metadata.labels", value: .string(key), problem))
            }
            if !LabelRules.isValidValue(value) {
                causes.append(.invalid("metadata.labels", value: .string(value), LabelRules.valueRule))
            }
        }
        var annotationBytes = 0
        for (key, value) in object.stringMap(at: ["metadata", "annotations"]).sorted(by: { $0.key < $1.key }) {
            if let problem = LabelRules.keyProblem(key.lowercased()) {
                causes.append(.invalid("metadata.annotations", value: .string(key), problem))
            }
            annotationBytes += key.utf8.count + value.utf8.count
        }
        if annotationBytes > 256 * 1024 {
            causes.append(StatusCause(reason: "FieldValueTooLong", message: "Too long: must have at most 262144 bytes", field: "metadata.annotations"))
        }
        for (index, reference) in object.array(at: ["metadata", "ownerReferences"]).enumerated() {
            for field in ["apiVersion", "kind", "name", "uid"] where (reference[field]?.stringValue ?? "").isEmpty {
                let message = field == "uid" ? "Invalid value: \"\": uid must not be empty" : "Invalid value: \"\": \(field) must not be empty"
                causes.append(StatusCause(reason: "FieldValueInvalid", message: message, field: "metadata.ownerReferences[\(index)].\(field)"))
            }
        }
        return causes
    }

    private static func dataMaps(_ object: SimulatedJSON, resource: ResourceType) -> [StatusCause] {
        var causes: [StatusCause] = []
        var total = 0
        let data = object.stringMap(at: ["data"])
        let binary = object.stringMap(at: ["binaryData"])
        for (field, map) in [("data", data), ("binaryData", binary)] {
            for (key, value) in map.sorted(by: { $0.key < $1.key }) {
                if !LabelRules.isValidDataKey(key) {
                    causes.append(.invalid("\(field)[\(key)]", value: .string(key),
                                           "a valid config key must consist of alphanumeric characters, '-', '_' or '.' (e.g. 'key.name',  or 'KEY_NAME',  or 'key-name', regex used for validation is '[-._a-zA-Z0-9]+')"))
                }
                total += resource == .secrets || field == "binaryData" ? (value.utf8.count / 4) * 3 : value.utf8.count
            }
        }
        for key in data.keys where binary[key] != nil {
            causes.append(.invalid("data[\(key)]", value: .string(key), "duplicate of key present in binaryData"))
        }
        if total > 1_048_576 {
            causes.append(.tooLong(resource == .secrets ? "data" : "", limit: 1_048_576))
        }
        return causes
    }

    private static func lease(_ object: SimulatedJSON) -> [StatusCause] {
        var causes: [StatusCause] = []
        if let duration = object.int(at: ["spec", "leaseDurationSeconds"]), duration <= 0 {
            causes.append(.invalid("spec.leaseDurationSeconds", value: .int(duration), "must be greater than 0"))
        }
        if let transitions = object.int(at: ["spec", "leaseTransitions"]), transitions < 0 {
            causes.append(.invalid("spec.leaseTransitions", value: .int(transitions), "must be greater than or equal to 0"))
        }
        return causes
    }

    private static func deployment(_ object: SimulatedJSON) -> [StatusCause] {
        var causes: [StatusCause] = []
        let spec = object.value(at: ["spec"]) ?? [:]
        if let replicas = spec["replicas"]?.intValue, replicas < 0 {
            causes.append(.invalid("spec.replicas", value: .int(replicas), "must be greater than or equal to 0"))
        }
        guard let selector = spec["selector"], selector.objectValue?.isEmpty == false else {
            causes.append(.required("spec.selector"))
            return causes
        }
        let templateLabels = spec.stringMap(at: ["template", "metadata", "labels"])
        let matchLabels = selector.stringMap(at: ["matchLabels"])
        let expressionsMatch = selector.array(at: ["matchExpressions"]).allSatisfy { expression in
            let key = expression["key"]?.stringValue ?? ""
            let values = Set((expression["values"]?.arrayValue ?? []).compactMap(\.stringValue))
            switch expression["operator"]?.stringValue {
            case "In": return templateLabels[key].map(values.contains) ?? false
            case "NotIn": return !(templateLabels[key].map(values.contains) ?? false)
            case "Exists": return templateLabels[key] != nil
            case "DoesNotExist": return templateLabels[key] == nil
            default: return false
            }
        }
        if matchLabels.isEmpty && selector.array(at: ["matchExpressions"]).isEmpty {
            causes.append(.invalid("spec.selector", value: .string(selector.description), "empty selector is invalid for deployment"))
        } else if !matchLabels.allSatisfy({ templateLabels[$0.key] == $0.value }) || !expressionsMatch {
            causes.append(.invalid("spec.template.metadata.labels", value: .string(templateLabels.description), "`selector` does not match template `labels`"))
        }
        let templateSpec = spec.value(at: ["template", "spec"]) ?? [:]
        causes += PodValidation.spec(templateSpec, path: "spec.template.spec", template: true)
        if let policy = templateSpec["restartPolicy"]?.stringValue, policy != "Always" {
            causes.append(.notSupported("spec.template.spec.restartPolicy", value: policy, supported: ["Always"]))
        }
        if let activeDeadline = templateSpec["activeDeadlineSeconds"], !activeDeadline.isNull {
            causes.append(.forbidden("spec.template.spec.activeDeadlineSeconds", "activeDeadlineSeconds in ReplicaSet is not Supported"))
        }
        return causes
    }
}
